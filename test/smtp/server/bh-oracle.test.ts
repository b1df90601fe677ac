/**
 * Oracle sessions: every exim4 -bh fixture replayed through Mailwright's -bh must give the same
 * stdout and the same LOG lines (after normalising clock, ids and durations).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixtures, normalise, runFixture } from './helpers/oracle.js';

/** Sessions where Mailwright deliberately differs from Exim 4.96, with the reason. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  '159-bare-lf-commands': 'SMTP smuggling defence (Exim 4.97.1+): a "." line ending in bare LF does not end DATA, so the session reads to EOF',
};

for (const f of loadFixtures()) {
  const skip = KNOWN_DIFFERENCES[f.name];
  test(`exim4 -bh oracle: ${f.name}`, { skip }, async () => {
    const got = await runFixture(f);
    assert.equal(normalise(got.stdout), normalise(f.stdout), 'stdout');
    assert.deepEqual(got.log.map(normalise), f.log.map(normalise), 'log lines');
  });
}
