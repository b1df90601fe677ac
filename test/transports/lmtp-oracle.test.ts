/**
 * lmtp scenarios replayed against exim4's log lines and LMTP sessions
 * (test/fixtures/transports/exim.json); the server is lmtpd.mjs, the Node twin of the oracle's
 * Python server, so the tests need no Python.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { address, configText, context, spoolMessage, tempDir, transport } from './helpers.js';
import { FIXTURE, ORACLE_BODY, oracleHeaders, oracleOutcome, transportSection } from './oracle.js';

const LMTPD = fileURLToPath(new URL('../fixtures/transports/lmtpd.mjs', import.meta.url));
const LMTP = Object.entries(FIXTURE.scenarios).filter(([, sc]) => Object.values(sc.transports).every((t) => t.includes('driver = lmtp')));

for (const [name, sc] of LMTP) {
  test(`lmtp oracle: ${name}`, async () => {
    const out = tempDir();
    const section = transportSection(sc, out).replace(`/usr/bin/python3 ${out}/lmtpd.py`, `${process.execPath} ${LMTPD}`);
    const config = configText(section);
    const lps = (sc as { recipients?: string[] }).recipients ?? ['lm'];
    const addrs = lps.map((lp) => address(`${lp}@example.com`));
    // One recipient: the Received header has "for <rcpt>", as exim4's spool had.
    const ctx = context(config, spoolMessage(lps.length === 1 ? oracleHeaders('lm') : oracleHeaders('lm').map((h) => h.replace(/\n\tfor lm@example\.com;/, ';')), ORACLE_BODY));
    const run = await transport(config, 'lm').deliver(addrs, ctx);
    for (const a of addrs) {
      const r = run.results.get(a)!;
      const want = oracleOutcome(sc, a.address);
      assert.deepEqual({ status: r.status, errno: r.errno ?? 0, message: r.message }, { status: want.status, errno: want.errno ?? 0, message: want.message }, a.address);
      const line = sc.log.find((l) => l.includes(`<${a.address}> R=`) && / C="/.test(l));
      if (line) assert.equal(`C="${r.confirmation}"`, / (C=".*")$/.exec(line)![1]);
    }
    if (sc.files['session']) {
      const session = readFileSync(join(out, 'session'), 'latin1').replace(/<E[0-9A-Za-z-]+@/g, '<E<ID>@');
      assert.equal(session, sc.files['session'].replace(/<E[0-9A-Za-z-]+@/g, '<E<ID>@'));
    }
  });
}
