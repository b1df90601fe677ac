import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dgram from 'node:dgram';
import { splitForSyslog, syslogDatagram, syslogFacility, syslogTime } from '../../src/log/syslog.js';
import { UdpSyslogTransport, UnixDatagramTransport } from '../../src/log/syslog-transport.js';
import { FileLogger } from '../../src/log/file-logger.js';
import { parseLogSelector } from '../../src/log/selectors.js';

const when = new Date(Date.UTC(2024, 2, 5, 14, 3, 9));

test('datagram format: <PRI>Mmm dd hh:mm:ss ident[pid]: text', () => {
  const d = syslogDatagram({ facility: syslogFacility('mail'), severity: 6, ident: 'exim', pid: 77, time: when, text: 'hello', offset: () => 0 });
  assert.equal(d.toString('latin1'), '<22>Mar  5 14:03:09 exim[77]: hello');
  const e = syslogDatagram({ facility: syslogFacility('local7'), severity: 1, ident: 'mw', time: when, text: 'caf\xe9', offset: () => 0 });
  assert.deepEqual(e, Buffer.from('<185>Mar  5 14:03:09 mw: caf\xe9', 'latin1'));
  assert.equal(syslogTime(new Date(Date.UTC(2024, 11, 25, 1, 2, 3)), () => 0), 'Dec 25 01:02:03');
});

test('facility names', () => {
  assert.equal(syslogFacility(undefined), 2);
  assert.equal(syslogFacility('user'), 1);
  assert.equal(syslogFacility('LOG_DAEMON'), 3);
  assert.equal(syslogFacility('local0'), 16);
  assert.throws(() => syslogFacility('bogus'), /syslog_facility/);
});

test('splitting long entries and multi-line entries (spec example shape)', () => {
  assert.deepEqual(splitForSyslog('short'), ['short']);
  const long = 'a'.repeat(50) + 'b'.repeat(50) + 'c';
  assert.deepEqual(splitForSyslog(long, 50), [`[1/3] ${'a'.repeat(50)}`, `[2/3] ${'b'.repeat(50)}`, '[3/3] c']);
  assert.deepEqual(splitForSyslog('first line\nEnvelope-from: <a@b>\n  Subject: x\n'), [
    '[1\\3] first line', '[2\\3] Envelope-from: <a@b>', '[3/3]   Subject: x',
  ]);
  const mixed = splitForSyslog(`${'x'.repeat(60)}\nshort`, 50);
  assert.deepEqual(mixed, [`[1/3] ${'x'.repeat(50)}`, `[2\\3] ${'x'.repeat(10)}`, '[3/3] short']);
  assert.equal(splitForSyslog('y'.repeat(870)).length, 1);
  assert.equal(splitForSyslog('y'.repeat(871)).length, 2);
});

test('UDP transport delivers datagrams', async () => {
  const server = dgram.createSocket('udp4');
  await new Promise<void>((r) => server.bind(0, '127.0.0.1', r));
  const got = new Promise<string>((r) => server.once('message', (m) => r(m.toString('latin1'))));
  const t = new UdpSyslogTransport('127.0.0.1', server.address().port);
  t.send(Buffer.from('<22>Mar  5 14:03:09 exim[1]: udp'));
  assert.equal(await got, '<22>Mar  5 14:03:09 exim[1]: udp');
  await t.close();
  server.close();
});

const hasPython = spawnSync('python3', ['-c', 'import socket'], { stdio: 'ignore' }).status === 0;

test('Unix datagram transport: a FileLogger writing to syslog reaches a /dev/log-style socket', { skip: !hasPython && 'python3 missing' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-syslog-'));
  const sock = join(dir, 'log.sock');
  // A receiver bound to a Unix datagram socket prints each datagram as hex on its own line.
  const receiver = spawn('python3', ['-c', `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print('ready', flush=True)
for _ in range(int(sys.argv[2])):
    print(s.recv(65536).hex(), flush=True)
`, sock, '4']);
  const lines: string[] = [];
  let buf = '';
  const done = new Promise<void>((resolve) => {
    receiver.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      lines.push(...parts);
    });
    receiver.on('exit', () => resolve());
  });
  while (!lines.includes('ready')) await new Promise((r) => setTimeout(r, 20));
  const logger = new FileLogger({
    selectors: parseLogSelector('+pid'), spoolDirectory: dir, logFilePath: 'syslog', pid: 99, now: () => when, offset: () => 0,
    syslog: { transport: new UnixDatagramTransport(sock), facility: 'local1' },
  });
  logger.write(['main'], 'one');
  logger.write(['main', 'reject'], 'two', '1aBcDe-000001-AB', { rejectDetail: 'Envelope-from: <a@b>\n' });
  await logger.close();
  await done;
  const got = lines.filter((l) => l !== 'ready').map((h) => Buffer.from(h, 'hex').toString('latin1'));
  assert.deepEqual(got, [
    '<142>Mar  5 14:03:09 exim[99]: 2024-03-05 14:03:09 [99] one',
    '<142>Mar  5 14:03:09 exim[99]: 2024-03-05 14:03:09 [99] 1aBcDe-000001-AB two',
    '<141>Mar  5 14:03:09 exim[99]: [1\\2] 2024-03-05 14:03:09 [99] 1aBcDe-000001-AB two',
    '<141>Mar  5 14:03:09 exim[99]: [2/2] Envelope-from: <a@b>',
  ]);
});
