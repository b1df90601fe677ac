import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeInboundSrs } from '../../../src/expand/conditions/inbound-srs.js';
import { conditions } from '../../../src/expand/conditions/index.js';
import { tainted, untainted } from '../../../src/expand/types.js';
import { bareContext } from './fixture.js';

interface SrsCase {
  localPart: string;
  secret: string;
  result: boolean;
  recipient?: string;
}
const fixture = JSON.parse(readFileSync('test/fixtures/expand-conditions/srs.json', 'utf8')) as { day: number; cases: SrsCase[] };
// Midday of the day the fixture was made, so the age window is the one exim4 applied.
const NOW = fixture.day * 86_400_000 + 43_200_000;

test(`inbound_srs agrees with exim4 on ${fixture.cases.length} local parts`, () => {
  assert.ok(fixture.cases.some((c) => c.result) && fixture.cases.some((c) => !c.result));
  for (const c of fixture.cases) {
    const got = decodeInboundSrs(c.localPart, c.secret, NOW);
    const label = `${JSON.stringify(c.localPart)} secret ${JSON.stringify(c.secret)}`;
    assert.equal(got !== null, c.result, label);
    if (got) assert.equal(got.address, c.recipient, label);
  }
});

test('inbound_srs sets $srs_recipient with the local part taint', async () => {
  const valid = fixture.cases.find((c) => c.result && c.secret === '')!;
  const ctx = bareContext();
  // With an empty secret only the form is checked, so today's clock does not matter.
  assert.equal(await conditions.get('inbound_srs')!.fn([tainted(valid.localPart), untainted('')], ctx), true);
  assert.deepEqual(ctx.vars.get('srs_recipient'), { s: valid.recipient, tainted: true });
  assert.equal(await conditions.get('inbound_srs')!.fn([untainted('plain'), untainted('')], ctx), false);
});
