/** Delay warnings and success DSNs compared with exim4 4.96's (test/fixtures/bounce). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeDelayWarning, composeSuccessDsn, warningDelayText } from '../../src/deliver/bounce/index.js';
import { CASES, expanderFor, headersText, logAddresses, original, reports } from './bounce-fixture.js';
import { optionsFor } from './bounce-options.js';
import type { ReportAddress } from '../../src/deliver/bounce/types.js';

const isWarning = (h: string) => /^Auto-Submitted: auto-replied$/m.test(h) && !h.includes('X-Failed-Recipients:');
const warningCases = CASES.filter((c) => reports(c).some((r) => isWarning(r.headers)));

test('there are enough exim4 warning cases', () => {
  assert.ok(warningCases.length >= 10, String(warningCases.length));
});

for (const c of warningCases) {
  test(`delay warning "${c.name}" matches exim4`, async () => {
    const expected = reports(c).find((r) => isWarning(r.headers))!;
    const { message, body } = original(c);
    // One warning goes to every errors_to address involved: its To: lists them all.
    const recipients = /^To: (.*)$/m.exec(expected.headers)![1]!.split(',');
    const report = await composeDelayWarning(
      { message, body, recipient: recipients[0]!, recipients, options: optionsFor(c as never), boundary: expected.boundary, now: expected.date, expand: expanderFor(message) },
      logAddresses(c, '=='),
    );
    assert.ok(report);
    assert.ok(report.recipients.includes(expected.recipient));
    assert.deepEqual(report.recipients, recipients);
    assert.equal(headersText(report.headers), expected.headers);
    assert.equal(report.body.toString('latin1'), expected.body.toString('latin1'));
  });
}

test('warning delays are whole minutes below two hours, whole hours after', () => {
  assert.equal(warningDelayText(59), '0 minutes');
  assert.equal(warningDelayText(5400), '90 minutes');
  assert.equal(warningDelayText(7199), '119 minutes');
  assert.equal(warningDelayText(7300), '2 hours');
  assert.equal(warningDelayText(26 * 3600 + 100), '26 hours');
});

const isSuccess = (h: string) => h.includes('Subject: Delivery Status Notification');
const successCases = CASES.filter((c) => reports(c).some((r) => isSuccess(r.headers)));

/** Delivered addresses of a success case: the recipients that asked for SUCCESS, in order. */
function delivered(c: (typeof CASES)[number]): ReportAddress[] {
  const { message } = original(c);
  return message.recipients
    .filter((r) => ((r.dsnFlags ?? 0) & 4) !== 0)
    .map((r) => ({
      address: r.address,
      ...(r.dsnOrcpt ? { orcpt: r.dsnOrcpt } : {}),
      ...(r.address.endsWith('@remote.example') ? { host: { name: '127.0.0.1', address: '127.0.0.1' } } : {}),
    }));
}

test('there are success DSN cases (local and relayed to a non-DSN host)', () => {
  assert.ok(successCases.length >= 4, String(successCases.length));
});

for (const c of successCases) {
  test(`success DSN "${c.name}" matches exim4`, () => {
    const expected = reports(c).find((r) => isSuccess(r.headers))!;
    const { message, body } = original(c);
    const report = composeSuccessDsn({ message, body, recipient: expected.recipient, options: optionsFor(c as never), boundary: expected.boundary }, delivered(c));
    assert.ok(report);
    assert.equal(headersText(report.headers), expected.headers);
    assert.equal(report.body.toString('latin1'), expected.body.toString('latin1'));
  });
}

test('no warning when the first listed address gave NOTIFY without DELAY (exim4 sent none)', async () => {
  const c = CASES.find((x) => x.name === 'warn-notify-failure-only')!;
  assert.equal(reports(c).length, 0);
  const { message, body } = original(c);
  const deferred = logAddresses(c, '==');
  assert.equal(deferred.length, 2);
  assert.equal(await composeDelayWarning({ message, body, recipient: 'sender@test.ex', options: optionsFor({}) }, deferred), undefined);
});

test('EXPERIMENTAL_DSN_INFO fields are added for remote addresses when enabled', async () => {
  const c = CASES.find((x) => x.name === 'warn-remote-defer')!;
  const { message, body } = original(c);
  const [a] = logAddresses(c, '==');
  const host = { ...a!.host!, port: 587, greeting: '220 fake.test ESMTP ready', heloResponse: '250-fake.test Hello\n250 PIPELINING' };
  const report = await composeDelayWarning({ message, body, recipient: 'sender@test.ex', options: { ...optionsFor({}), dsnInfo: true }, boundary: 'B' }, [{ ...a!, host }]);
  const text = report!.body.toString('latin1');
  assert.match(
    text,
    /Remote-MTA: dns; 127\.0\.0\.1\nRemote-MTA: X-ip; \[127\.0\.0\.1\]:587\nX-Remote-MTA-smtp-greeting: X-str; 220 fake\.test ESMTP ready\nX-Remote-MTA-helo-response: X-str; 250-fake\.test Hello\nDiagnostic-Code: smtp; 451 4\.3\.0 try later please\nX-Exim-Diagnostic: X-str; SMTP error from remote mail server after RCPT TO:<r1@remote\.example>: 451 4\.3\.0 try later please\n/,
  );
});

test('delay_warning schedule: listed times, then the last interval repeats', async () => {
  const { delayWarningThreshold, delayWarningDue } = await import('../../src/deliver/bounce/index.js');
  const H = 3600;
  const list = [4 * H, 8 * H, 24 * H];
  assert.deepEqual([0, 1, 2, 3, 4].map((n) => delayWarningThreshold(list, n)), [4 * H, 8 * H, 24 * H, 40 * H, 56 * H]);
  assert.deepEqual([0, 1, 2].map((n) => delayWarningThreshold([6 * H], n)), [6 * H, 12 * H, 18 * H]);
  assert.equal(delayWarningThreshold([], 0), undefined);
  assert.equal(delayWarningThreshold([0], 0), undefined);
  // exim4 with delay_warning = 2s:3s sent warnings at 2.5s and 4s (fixture "delay-warning").
  assert.equal(delayWarningDue([2, 3], 0, 2.5, 's@x'), true);
  assert.equal(delayWarningDue([2, 3], 1, 2.5, 's@x'), false);
  assert.equal(delayWarningDue([2, 3], 1, 4, 's@x'), true);
  assert.equal(delayWarningDue([2, 3], 0, 100, ''), false, 'no warnings about bounces');
});
