/**
 * Unit tests of the SMTP server's building blocks: address operand parsing, ESMTP option
 * extraction (with Exim 4.96's quirks), reply folding and codes, BDAT totals, listen specs,
 * the input queue and message parsing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSmtpAddress } from '../../../src/smtp/server/address.js';
import { extractOption, peelOptions } from '../../../src/smtp/server/esmtp-params.js';
import { formatAclReply, messageLines, replyParts, printable } from '../../../src/smtp/server/reply.js';
import { chunkedTotal } from '../../../src/smtp/server/cmd-data.js';
import { listenSpecs, splitInterface } from '../../../src/smtp/server/listen.js';
import { ServerOptions, parseEximInt } from '../../../src/smtp/server/options.js';
import { InputQueue } from '../../../src/smtp/server/input.js';
import { parseMessage, messageSize } from '../../../src/smtp/server/message.js';
import { durationText } from '../../../src/smtp/server/disconnect.js';
import { fullIPv6, splitHostPort } from '../../../src/smtp/server/fake-session.js';
import { fromWire, toWire } from '../../../src/smtp/server/bytes-text.js';
import type { LoadedConfig } from '../../../src/config/types.js';

test('address operands: brackets, source routes, quoting and Exim\'s errors', () => {
  assert.deepEqual(parseSmtpAddress('<a@b.c>'), { ok: true, address: 'a@b.c', localPart: 'a', domain: 'b.c' });
  assert.deepEqual(parseSmtpAddress('<@x,@y:a@b>'), { ok: true, address: 'a@b', localPart: 'a', domain: 'b' });
  assert.equal(parseSmtpAddress('<"a b"@c>').ok, true);
  assert.deepEqual(parseSmtpAddress('<>', { allowEmpty: true }), { ok: true, address: '', localPart: '', domain: '' });
  assert.deepEqual(parseSmtpAddress('<>'), { ok: false, error: 'missing or malformed local part' });
  assert.deepEqual(parseSmtpAddress('<a b@c>'), { ok: false, error: '"@" or "." expected after "a"' });
  assert.deepEqual(parseSmtpAddress('<a@[1.2.3.4]>'), { ok: false, error: 'domain literals not allowed' });
  assert.equal(parseSmtpAddress('<a@[1.2.3.4]>', { allowDomainLiterals: true }).ok, true);
  assert.deepEqual(parseSmtpAddress('<a@b.c.>'), { ok: false, error: 'domain missing or malformed' });
  assert.deepEqual(parseSmtpAddress('<a@b'), { ok: false, error: "'>' missing at end of address" });
  assert.deepEqual(parseSmtpAddress('<x@example.com> FOO=bar'), { ok: false, error: 'malformed address: FOO=bar may not follow <x@example.com> ' });
  assert.deepEqual(parseSmtpAddress('<ü@b.example>'), { ok: true, address: 'ü@b.example', localPart: 'ü', domain: 'b.example' });
});

test('ESMTP options come off the end; unknown valueless options in RCPT come back with "="', () => {
  assert.deepEqual(extractOption('<a@b> SIZE=10'), { before: '<a@b>', name: 'SIZE', value: '10', hasValue: true, separator: 10 });
  assert.equal(extractOption('<a=b@c>'), undefined);
  assert.equal(extractOption('<a@b>'), undefined);
  const known = (n: string) => (n === 'SIZE' ? ('ok' as const) : ('unknown' as const));
  assert.deepEqual(peelOptions('<a@b> SIZE=1 SIZE=2', known, false), { operand: '<a@b>' });
  assert.deepEqual(peelOptions('<a b@c>', known, false), { operand: '<a b@c>' });
  assert.deepEqual(peelOptions('<a b@c>', known, true), { operand: '<a=b@c>' });
  assert.deepEqual(peelOptions('<a@c> X=1 FOO', known, true), { operand: '<a@c> X=1=FOO' });
  assert.deepEqual(peelOptions('<a@b> BODY=x', () => ({ error: 'invalid data for BODY' }), false), { error: 'invalid data for BODY' });
});

test('ACL replies: codes of the right class, folding at 75 columns measured on the message as written', () => {
  assert.deepEqual(replyParts('550', '599 5.7.1 custom'), { code: '599', esc: '5.7.1', text: 'custom', badCode: undefined, logText: '599 5.7.1 custom' });
  const bad = replyParts('550', '451 wrong class');
  assert.equal(bad.code, '550');
  assert.equal(bad.text, 'wrong class');
  assert.equal(bad.logText, '550 wrong class');
  assert.match(bad.badCode!, /expected 5\) in "451 wrong class"/);
  const words = 'aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq';
  assert.deepEqual(messageLines(words), ['aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo', 'pppp qqqq']);
  const msg = `599 5.1.1 ${words}`;
  assert.equal(
    formatAclReply(replyParts('550', msg), msg),
    '599-5.1.1 aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm\r\n599 5.1.1 nnnn oooo pppp qqqq\r\n',
  );
  assert.deepEqual(messageLines(`${'a'.repeat(85)} bb`), ['a'.repeat(85), 'bb']);
  assert.equal(printable('caf\xc3\xa9\x01'), 'caf\\303\\251\\001');
});

test('BDAT totals count the message in CRLF form as Exim reports it', () => {
  assert.equal(chunkedTotal(Buffer.from('Subject: x\r\n\r\nbody\r\n')), 20);
  assert.equal(chunkedTotal(Buffer.from('x')), 4);
  assert.equal(chunkedTotal(Buffer.from('x\r\n')), 4);
  assert.equal(chunkedTotal(Buffer.from('\r\n')), 2);
  assert.equal(chunkedTotal(Buffer.from('a: b\r\nc\r\nd')), 13);
  assert.equal(chunkedTotal(Buffer.from('x\ny')), 7);
});

function optionsOf(values: Record<string, string>): ServerOptions {
  return new ServerOptions({ mainOption: (n: string) => values[n] } as unknown as LoadedConfig);
}

test('listen specs: interfaces × ports, -oX as ports or as interfaces, service names', () => {
  assert.deepEqual(splitInterface('1.2.3.4.25'), { address: '1.2.3.4', port: 25 });
  assert.deepEqual(splitInterface('::1.2525'), { address: '::1', port: 2525 });
  assert.deepEqual(splitInterface('[::1]:26'), { address: '::1', port: 26 });
  assert.deepEqual(listenSpecs(optionsOf({})), [{ address: '::', port: 25 }, { address: '0.0.0.0', port: 25 }]);
  assert.deepEqual(listenSpecs(optionsOf({ local_interfaces: '127.0.0.1', daemon_smtp_ports: 'smtp : 587' })), [
    { address: '127.0.0.1', port: 25 }, { address: '127.0.0.1', port: 587 },
  ]);
  assert.deepEqual(listenSpecs(optionsOf({ local_interfaces: '127.0.0.1' }), '2525,2526'), [{ address: '127.0.0.1', port: 2525 }, { address: '127.0.0.1', port: 2526 }]);
  assert.deepEqual(listenSpecs(optionsOf({}), '<; 127.0.0.1.2525 ; ::1.2526'), [{ address: '127.0.0.1', port: 2525 }, { address: '::1', port: 2526 }]);
});

test('Exim integers and durations', () => {
  assert.equal(parseEximInt('50M'), 52428800);
  assert.equal(parseEximInt('0x10'), 16);
  assert.equal(parseEximInt('010'), 8);
  assert.equal(parseEximInt('x'), undefined);
  assert.equal(durationText(0), '0s');
  assert.equal(durationText(65), '1m5s');
  assert.equal(durationText(90061), '1d1h1m1s');
});

test('input queue: CRLF and bare LF lines, over-long lines in pieces, exact byte reads, put-back', async () => {
  const q = new InputQueue();
  q.push(Buffer.from('A\r\nB\nC'));
  assert.equal(q.hasCompleteLine(), true);
  assert.deepEqual(await q.readLine(100), { text: 'A', ending: 'crlf', overlong: false });
  assert.deepEqual(await q.readLine(100), { text: 'B', ending: 'lf', overlong: false });
  const pendingC = q.readLine(100);
  q.push(Buffer.from('D\r\nxyz'));
  assert.deepEqual(await pendingC, { text: 'CD', ending: 'crlf', overlong: false });
  assert.equal((await q.readBytes(2)).toString(), 'xy');
  q.unshift(Buffer.from('w'));
  q.end();
  assert.deepEqual(await q.readLine(100), { text: 'wz', ending: 'eof', overlong: false });
  assert.equal(await q.readLine(100), undefined);
  const long = new InputQueue();
  long.push(Buffer.from('abcdefgh\r\n'));
  assert.deepEqual(await long.readLine(5), { text: 'abcde', ending: 'crlf', overlong: true });
  assert.deepEqual(await long.readLine(5), { text: 'fgh', ending: 'crlf', overlong: false });
});

test('input queue: a silent client times out', async () => {
  const q = new InputQueue();
  q.timeoutMs = 30;
  assert.equal(await q.readLine(10), undefined);
  assert.equal(q.timedOut, true);
  const r = new InputQueue();
  assert.equal(await r.pendingWithin(10), false);
  setTimeout(() => r.push(Buffer.from('x')), 5);
  assert.equal(await r.pendingWithin(1000), true);
});

test('message parsing: folded headers, body after the first non-header line, S= sizes', () => {
  const m = parseMessage('Subject: a\n folded\nTo: x\n\nbody\n');
  assert.deepEqual(m.headers.map((h) => [h.type, h.text]), [[' ', 'Subject: a\n folded\n'], ['T', 'To: x\n']]);
  assert.equal(m.body, 'body\n');
  assert.equal(messageSize(m), 19 + 6 + 1 + 5);
  const n = parseMessage('not a header\nmore\n');
  assert.deepEqual(n.headers, []);
  assert.equal(n.body, 'not a header\nmore\n');
});

test('host arguments: ip.port splitting and full IPv6 as -bh prints it; wire/project strings', () => {
  assert.deepEqual(splitHostPort('10.0.0.1.25'), { address: '10.0.0.1', port: 25 });
  assert.deepEqual(splitHostPort('2001:db8::5'), { address: '2001:db8::5', port: 0 });
  assert.equal(fullIPv6('2001:db8::5'), '2001:0db8:0000:0000:0000:0000:0000:0005');
  assert.equal(fullIPv6('10.0.0.1'), '10.0.0.1');
  assert.equal(fromWire('\xc3\xbc'), 'ü');
  assert.equal(toWire('ü'), '\xc3\xbc');
  assert.equal(toWire(fromWire('\xff')), '\xff');
});
