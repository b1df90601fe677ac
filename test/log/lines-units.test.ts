import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLogSelector } from '../../src/log/selectors.js';
import { connectionHost, fullHost, hostInfo } from '../../src/log/lines/host.js';
import { logDuration, printTime } from '../../src/log/lines/duration.js';
import { printable, quotedDn, quotedField } from '../../src/log/lines/printing.js';
import { authField, pipeliningField, receptionLine, tlsFields } from '../../src/log/lines/reception.js';
import { commandList, tooManySynprotErrorsLine } from '../../src/log/lines/smtp.js';
import { rejectDetail } from '../../src/log/lines/reject-detail.js';

const def = parseLogSelector('');
const all = parseLogSelector('+all');

test('H= text: name, helo and address literal as exim4 -bh shows them', () => {
  const h = { address: '1.2.3.4', port: 999, name: 'client.example' };
  assert.equal(fullHost({ ...h, helo: '[1.2.3.4]' }, def), 'client.example [1.2.3.4]');
  assert.equal(fullHost({ ...h, helo: '1.2.3.4' }, def), 'client.example (1.2.3.4) [1.2.3.4]');
  assert.equal(fullHost({ ...h, helo: '[1.2.3.5]' }, def), 'client.example ([1.2.3.5]) [1.2.3.4]');
  assert.equal(fullHost({ ...h, helo: 'Client.Example' }, def), 'client.example [1.2.3.4]');
  assert.equal(fullHost({ address: '1.2.3.4', helo: '[1.2.3.4]' }, def), '([1.2.3.4]) [1.2.3.4]');
  assert.equal(fullHost({ ...h }, all), 'client.example [1.2.3.4]:999');
  assert.equal(fullHost({ ident: 'root' }, def), undefined);
  assert.equal(hostInfo({ ident: 'root' }, def), ' U=root');
  assert.equal(hostInfo({ ...h, dnssec: true, interfaceAddress: '::1', interfacePort: 25, ident: 'u' }, all), ' DS H=client.example [1.2.3.4]:999 I=[::1]:25 U=u');
  assert.equal(connectionHost({ ...h, interfaceAddress: '10.0.0.1', interfacePort: 587 }, all), 'client.example [1.2.3.4]:999 I=[10.0.0.1]:587');
});

test('durations', () => {
  assert.equal(printTime(0), '0s');
  assert.equal(printTime(3601), '1h1s');
  assert.equal(printTime(694861), '1w1d1h1m1s');
  assert.equal(logDuration(204, true), '0.204s');
  assert.equal(logDuration(4999, true), '4.999s');
  assert.equal(logDuration(5001, true), '5s');
  assert.equal(logDuration(125_900, false), '2m5s');
});

test('printable text and quoted fields', () => {
  assert.equal(printable('a\tb\\c"d\r\n\x01\x7f\xe9'), 'a\tb\\c"d\\r\\n\\001\\177\\351');
  assert.equal(printable('\xe9', { topBitChars: true }), '\xe9');
  assert.equal(quotedField('say "hi" \\ \x1b'), '"say \\"hi\\" \\\\ \\033"');
  assert.equal(quotedDn('O=A "B"\\, Inc'), '"O=A \\"B\\"\\, Inc"');
});

test('L, X/CV/DN/SNI and A fields', () => {
  const pipe = parseLogSelector('+pipelining');
  assert.equal(pipeliningField({ advertised: false, used: false }, pipe), '');
  assert.equal(pipeliningField({ advertised: true, used: true }, def), '');
  assert.equal(pipeliningField({ advertised: true, used: true, connectAdvertised: true, connectUsed: true }, pipe), ' L*');
  assert.equal(tlsFields({ cipher: 'TLS1.3:X:256', resumed: true }, def), ' X=TLS1.3:X:256 CV=no');
  assert.equal(tlsFields({ cipher: 'c', resumed: true, certificateVerified: 'dane', peerDn: 'CN="x"', sni: 's' }, all), ' X=c* CV=dane DN="CN=\\"x\\"" SNI=s');
  assert.equal(tlsFields({ cipher: 'c' }, parseLogSelector('-all')), '');
  assert.equal(authField({ authenticator: 'cram', sender: '<a@b>' }, def), ' A=cram');
  assert.equal(authField({ authenticator: 'cram', id: 'u', sender: '<a@b>' }, parseLogSelector('+smtp_mailauth')), ' A=cram:u:<a@b>');
});

test('<= line for local input, fake reject, bounce reference, DKIM, queue, created id', () => {
  const sel = parseLogSelector('+msg_id_created +received_recipients');
  assert.equal(
    receptionLine({ sender: 'root@host.example', host: { ident: 'root' }, protocol: 'local', size: 321, messageIdHeader: 'E1x@host', messageIdCreated: true, recipients: ['a@b'] }, sel),
    '<= root@host.example U=root P=local S=321 id*=E1x@host for a@b',
  );
  assert.equal(
    receptionLine({ sender: '', reference: '1aBcDe-000001-AB', fakeReject: true, protocol: 'local', size: 1, dkimDomain: 'd.example', queueName: 'slow', messageIdHeader: 'x@y' }, def),
    '(= <> R=1aBcDe-000001-AB P=local S=1 DKIM=d.example Q=slow id=x@y',
  );
  assert.equal(receptionLine({ sender: 'a@b', size: 1, messageIdHeader: 'x@y', messageIdCreated: true }, def), '<= a@b S=1');
});

test('C= lists, dropped-session line, reject-log detail', () => {
  const many = Array.from({ length: 22 }, (_, i) => `C${i}`);
  assert.equal(commandList(['EHLO', 'QUIT']), 'EHLO,QUIT');
  assert.equal(commandList(many), `...,${many.slice(2).join(',')}`);
  assert.equal(tooManySynprotErrorsLine({ address: '1.2.3.4', helo: 'x' }, def, 'body', ['HELO', 'MAIL', 'RCPT', 'DATA']),
    'SMTP call from (x) [1.2.3.4] dropped: too many syntax or protocol errors (last command was "body",  C=HELO,MAIL,RCPT,DATA)');
  assert.equal(rejectDetail('a@b', ['c@d', 'e@f'], [{ flag: 'P', text: 'Received: x\n\ty\n' }, { flag: ' ', text: 'Subject: s' }]),
    'Envelope-from: <a@b>\nEnvelope-to: <c@d>\nEnvelope-to: <e@f>\nP Received: x\n\ty\n  Subject: s\n');
});
