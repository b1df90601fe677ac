/**
 * The ClientHello reader: real ClientHellos from Node's client, fragmented delivery, bytes the
 * caller had already read (pending), non-TLS input and early disconnects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { scanClientHello, offeredTicketKeyName } from '../../src/tls/client-hello.js';
import { BASE_CONFIG, connect, startServer } from './live.js';

/** The first flight a Node TLS client sends with these options. */
async function captureHello(opts: tls.ConnectionOptions): Promise<Buffer> {
  return new Promise((resolve) => {
    const server = net.createServer((sock) => {
      sock.once('data', (d) => {
        resolve(d);
        sock.destroy();
        server.close();
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const t = tls.connect({ port: (server.address() as net.AddressInfo).port, host: '127.0.0.1', rejectUnauthorized: false, ...opts });
      t.on('error', () => {});
    });
  });
}

test('a real ClientHello: SNI, groups, key shares, signature schemes, ticket request', async () => {
  const hello = await captureHello({ servername: 'sni.example', ecdhCurve: 'P-256:X25519' });
  const scan = scanClientHello(hello);
  assert.equal(scan.state, 'done');
  if (scan.state !== 'done') return;
  assert.equal(scan.hello.serverName, 'sni.example');
  assert.deepEqual(scan.hello.groups, [0x17, 0x1d]);
  assert.equal(scan.hello.keyShares[0], 0x17);
  assert.ok(scan.hello.sigalgs.includes(0x0804));
  assert.ok(scan.hello.versions.includes(0x0304));
  assert.ok(scan.hello.pskModes);
  assert.equal(scan.hello.sessionTicket?.length, 0, 'an empty session_ticket extension asks for a ticket');
  assert.equal(offeredTicketKeyName(scan.hello), undefined);
});

test('fragmented input: need-more until the whole ClientHello is in; not-tls for other bytes', async () => {
  const hello = await captureHello({});
  for (const cut of [1, 4, 5, 9, hello.length - 1]) assert.equal(scanClientHello(hello.subarray(0, cut)).state, 'need-more', `cut at ${cut}`);
  assert.equal(scanClientHello(Buffer.from('EHLO x\r\n')).state, 'not-tls');
  assert.equal(scanClientHello(Buffer.alloc(0)).state, 'need-more');
});

test('upgrade() with a ClientHello arriving one byte at a time', async () => {
  const server = await startServer(BASE_CONFIG);
  try {
    // A proxy that forwards the client's bytes one at a time.
    const relay = net.createServer((inbound) => {
      const out = net.connect(server.port, '127.0.0.1');
      inbound.on('data', (d) => {
        for (const b of d) out.write(Buffer.from([b]));
      });
      out.pipe(inbound);
      inbound.on('error', () => out.destroy());
      out.on('error', () => inbound.destroy());
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    await connect((relay.address() as net.AddressInfo).port, { servername: 'sni.example' });
    const out = await server.next();
    assert.ok(out.ok, out.ok ? '' : out.logText);
    if (out.ok) assert.equal(out.session.sni, 'sni.example');
    relay.close();
  } finally {
    await server.close();
  }
});

test('plaintext instead of a handshake, or a client that goes away, fails with a log text', async () => {
  const server = await startServer(BASE_CONFIG);
  try {
    const s = net.connect(server.port, '127.0.0.1');
    s.on('error', () => {});
    s.write('QUIT\r\n');
    const plain = await server.next();
    assert.equal(plain.ok, false);
    if (!plain.ok) assert.match(plain.logText, /^\(gnutls_handshake\): /);
    const gone = net.connect(server.port, '127.0.0.1', () => gone.end());
    const out = await server.next();
    assert.deepEqual(out, { ok: false, logText: '(gnutls_handshake): The TLS connection was non-properly terminated.' });
  } finally {
    await server.close();
  }
});
