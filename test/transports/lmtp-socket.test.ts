/** lmtp over a Unix domain socket against a small LMTP server in this process. */
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { address, configText, context, spoolMessage, STANDARD_BODY, STANDARD_HEADERS, tempDir, transport } from './helpers.js';

function lmtpServer(path: string, rcptReplies: string[], dataReplies: string[]): Promise<{ close(): void; received: string[] }> {
  const received: string[] = [];
  const server = createServer((sock: Socket) => {
    let buf = '';
    let inData = false;
    let n = 0;
    let accepted = 0;
    sock.write('220 test LMTP\r\n');
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      let nl;
      while ((nl = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        received.push(line);
        if (inData) {
          if (line === '.') {
            inData = false;
            for (let i = 0; i < accepted; i++) sock.write(`${dataReplies[i]}\r\n`);
          }
          continue;
        }
        if (line.startsWith('LHLO')) sock.write('250-test\r\n250 PIPELINING\r\n');
        else if (line.startsWith('MAIL')) sock.write('250 ok\r\n');
        else if (line.startsWith('RCPT')) {
          const r = rcptReplies[n++]!;
          if (r.startsWith('2')) accepted++;
          sock.write(`${r}\r\n`);
        } else if (line === 'DATA') {
          inData = true;
          sock.write('354 go\r\n');
        } else if (line === 'QUIT') {
          sock.end('221 bye\r\n');
        }
      }
    });
  });
  return new Promise((resolve) => server.listen(path, () => resolve({ close: () => server.close(), received })));
}

test('lmtp socket: per-recipient data replies decide each address', async () => {
  const path = join(tempDir(), 'lmtp.sock');
  const srv = await lmtpServer(path, ['250 a ok', '550 5.1.1 no such user', '250 c ok'], ['250 2.0.0 a stored', '452 4.2.2 c over quota']);
  try {
    const config = configText(`l:\n  driver = lmtp\n  socket = ${path}\n  batch_max = 10`);
    const addrs = ['a', 'b', 'c'].map((lp) => address(`${lp}@example.com`));
    const run = await transport(config, 'l').deliver(addrs, context(config, spoolMessage(STANDARD_HEADERS, '.leading dot\nbody\n')));
    const [a, b, c] = addrs.map((x) => run.results.get(x)!);
    assert.deepEqual(a, { status: 'ok', confirmation: '250 2.0.0 a stored' });
    assert.deepEqual(b, { status: 'fail', message: 'LMTP error after RCPT TO:<b@example.com>: 550 5.1.1 no such user' });
    assert.deepEqual(c, { status: 'defer', message: 'LMTP error after end of data: 452 4.2.2 c over quota', errno: -46, error: 'data_4xx' });
    assert.ok(srv.received.includes('..leading dot'), 'dot-stuffed');
    assert.equal(srv.received.at(-1), 'QUIT');
  } finally {
    srv.close();
  }
});

test('lmtp socket: a socket nobody listens on defers', async () => {
  const path = join(tempDir(), 'none.sock');
  const config = configText(`l:\n  driver = lmtp\n  socket = ${path}`);
  const a = address('a@example.com');
  const run = await transport(config, 'l').deliver([a], context(config, spoolMessage(STANDARD_HEADERS, STANDARD_BODY)));
  const r = run.results.get(a)!;
  assert.equal(r.status, 'defer');
  assert.match(r.message!, new RegExp(`^Failed to connect to socket ${path} for l transport: No such file or directory`));
});
