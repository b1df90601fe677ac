/** Bounce messages compared with exim4 4.96's (test/fixtures/bounce, scripts/oracle/gen-bounce.mjs). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeBounce } from '../../src/deliver/bounce/index.js';
import { CASES, expanderFor, headersText, logAddresses, original, reports } from './bounce-fixture.js';
import { optionsFor } from './bounce-options.js';
import type { ReportAddress } from '../../src/deliver/bounce/types.js';

const failureCases = CASES.filter((c) => reports(c).some((r) => r.headers.includes('X-Failed-Recipients:')));

/** What the delivery process knows beyond the log line, for the cases where the two differ. */
const OVERRIDES: Record<string, Partial<ReportAddress>> = {
  // The log line says only "retry timeout exceeded"; the bounce carries the deferral's text too.
  'no-retry-rule': { message: 'try again later: retry timeout exceeded' },
  // A pipe's returned output: no error text at all, or the user-facing one.
  'pipe-return-output': { message: undefined, returnOutput: 'first line of output\nsecond line\n' },
  'pipe-fail-output': { message: 'local delivery failed', returnOutput: 'it broke\n' },
  // Two redirections between the recipient and the failing address.
  'redirected-twice': { generatedFrom: { top: 'top@alias2.example', levels: 2 } },
};

function failedAddresses(c: (typeof CASES)[number]): ReportAddress[] {
  const failed = logAddresses(c, '**');
  const override = OVERRIDES[c.name];
  return override ? failed.map((a) => ({ ...a, ...override })) : failed;
}

test('there are enough exim4 bounce cases', () => {
  assert.ok(failureCases.length >= 25, String(failureCases.length));
});

for (const c of failureCases) {
  test(`bounce "${c.name}" matches exim4`, async () => {
    const expected = reports(c).find((r) => r.headers.includes('X-Failed-Recipients:'))!;
    const { message, body } = original(c);
    const report = await composeBounce(
      { message, body, recipient: expected.recipient, options: optionsFor(c as never), boundary: expected.boundary, expand: expanderFor(message) },
      failedAddresses(c),
    );
    assert.ok(report);
    assert.deepEqual(report.recipients, [expected.recipient]);
    assert.equal(report.sender, '');
    assert.equal(headersText(report.headers), expected.headers);
    assert.equal(report.body.toString('latin1'), expected.body.toString('latin1'));
  });
}

test('no bounce when every failed address said NOTIFY=NEVER', async () => {
  const c = CASES.find((x) => x.name === 'dsn-never')!;
  const { message, body } = original(c);
  const never = logAddresses(c, '**').filter((a) => a.address === 'x@fail.example');
  assert.equal(never.length, 1);
  assert.equal(await composeBounce({ message, body, recipient: 'sender@test.ex', options: optionsFor({}) }, never), undefined);
});
