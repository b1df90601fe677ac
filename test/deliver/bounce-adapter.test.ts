import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportAddress } from '../../src/deliver/bounce-adapter.js';
import { recordResult, smtpResponseOf } from '../../src/deliver/results.js';
import { AddressItem } from '../../src/route/types.js';

test('the server reply is taken out of Exim\'s SMTP error text', () => {
  assert.equal(smtpResponseOf('SMTP error from remote mail server after RCPT TO:<a@b.example>: 550 5.1.1 No such user'), '550 5.1.1 No such user');
  assert.equal(smtpResponseOf('SMTP error from remote mail server after end of data: 552 too big'), '552 too big');
  assert.equal(smtpResponseOf('SMTP error from remote mail server after MAIL FROM:<s@x> SIZE=1234: 553 no'), '553 no');
  assert.equal(smtpResponseOf('Unrouteable address'), undefined);
});

test('a failed address carries its host, reply, parentage and DSN request into the report', () => {
  const top = new AddressItem('list@mw.example', { dsn: { flags: 8, orcpt: 'rfc822;List@mw.example' } });
  const mid = new AddressItem('team@mw.example', { parent: top });
  const addr = new AddressItem('a@b.example', { parent: mid });
  addr.message = 'SMTP error from remote mail server after RCPT TO:<a@b.example>: 550 No such user';
  recordResult(addr, { status: 'fail', message: addr.message, host: { name: 'mx.b.example', address: '192.0.2.7', mx: 10, dnssec: 'no', status: 'usable' }, remoteGreeting: '220 mx ESMTP' });
  assert.deepEqual(reportAddress(addr), {
    address: 'a@b.example',
    message: addr.message,
    dsnFlags: 8,
    orcpt: 'rfc822;List@mw.example',
    host: { name: 'mx.b.example', address: '192.0.2.7', greeting: '220 mx ESMTP' },
    smtpResponse: '550 No such user',
    generatedFrom: { top: 'list@mw.example', levels: 2 },
  });
});

test('a pipe whose output is returned has no error line, only the output', () => {
  const addr = new AddressItem('|/bin/x');
  addr.message = 'return message generated';
  recordResult(addr, { status: 'fail', message: addr.message, output: 'oops\n' });
  const r = reportAddress(addr);
  assert.equal(r.message, undefined);
  assert.equal(r.returnOutput, 'oops\n');
});
