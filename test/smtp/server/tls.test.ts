/**
 * STARTTLS and tls_on_connect_ports over loopback through the TLS module (src/tls), with a test
 * certificate or exim4's self-signed one: the handshake, the protocol name (esmtps), $tls_in_* in
 * the Received header, X= and CV= on the log line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import tls from 'node:tls';
import { resolve } from 'node:path';
import { startDaemon, converse } from './helpers/daemon-harness.js';

const CERT_CONFIG = `tls_certificate = ${resolve('test/fixtures/smtp-server/tls/cert.pem')}\ntls_privatekey = ${resolve('test/fixtures/smtp-server/tls/key.pem')}`;

/** Read until `want` appears (or the socket ends). */
function readUntil(sock: net.Socket | tls.TLSSocket, want: RegExp): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const onData = (d: Buffer) => {
      got += d.toString('latin1');
      if (want.test(got)) {
        sock.off('data', onData);
        resolve(got);
      }
    };
    sock.on('data', onData);
    sock.once('close', () => resolve(got));
  });
}

test('STARTTLS: handshake, EHLO again, message received over TLS with esmtps, X= and CV=', async () => {
  const h = await startDaemon(CERT_CONFIG, undefined, {}, true);
  try {
    const plain = net.connect(h.port, '127.0.0.1');
    await readUntil(plain, /^220 .*\r\n/);
    plain.write('EHLO client.test\r\n');
    assert.match(await readUntil(plain, /250 HELP\r\n/), /250-STARTTLS\r\n/);
    plain.write('STARTTLS\r\n');
    assert.equal(await readUntil(plain, /\r\n/), '220 TLS go ahead\r\n');
    const secure = tls.connect({ socket: plain, rejectUnauthorized: false, servername: 'mail.example.com' });
    await new Promise((r) => secure.once('secureConnect', r));
    secure.write('EHLO client.test\r\n');
    const ehlo = await readUntil(secure, /250 HELP\r\n/);
    assert.doesNotMatch(ehlo, /STARTTLS/);
    secure.write('MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n');
    await readUntil(secure, /354 /);
    secure.write('Subject: tls\r\n\r\nhello\r\n.\r\n');
    const done = await readUntil(secure, /250 OK id=\S+\r\n/);
    const id = /id=(\S+)\r\n/.exec(done)![1]!;
    secure.write('QUIT\r\n');
    await readUntil(secure, /221 /);
    secure.destroy();
    const m = await h.spool.read(id);
    assert.match(m.headers[0]!.text, /with esmtps  \(TLS1\.[23]\) tls TLS_\w+\n\t\(Exim 4\.96\)\n/);
    const line = h.log.entries.map((e) => e.text).find((t) => t.startsWith('<='))!;
    assert.match(line, /P=esmtps X=TLS1\.[23]:\S+:\d+ CV=no S=\d+/);
  } finally {
    await h.daemon.stop();
  }
});

test('STARTTLS with pipelined plaintext after it is a synchronization error', async () => {
  const h = await startDaemon(CERT_CONFIG, undefined, {}, true);
  try {
    const out = await converse(h.port, [{ expect: '220 ' }, { send: 'EHLO x\r\n' }, { expect: '250 HELP' }, { send: 'STARTTLS\r\nMAIL FROM:<evil@x>\r\n' }]);
    assert.match(out, /554 SMTP synchronization error\r\n$/);
  } finally {
    await h.daemon.stop();
  }
});

test('without tls_certificate STARTTLS uses a self-signed certificate, as exim4 does', async () => {
  const h = await startDaemon('', undefined, {}, true);
  try {
    const plain = net.connect(h.port, '127.0.0.1');
    await readUntil(plain, /^220 .*\r\n/);
    plain.write('EHLO x\r\n');
    assert.match(await readUntil(plain, /250 HELP\r\n/), /250-STARTTLS\r\n/);
    plain.write('STARTTLS\r\n');
    await readUntil(plain, /\r\n/);
    const secure = tls.connect({ socket: plain, rejectUnauthorized: false });
    await new Promise((r) => secure.once('secureConnect', r));
    assert.equal(secure.getPeerCertificate().subject.O, 'Exim Developers');
    secure.destroy();
  } finally {
    await h.daemon.stop();
  }
});

test('a daemon without the TLS module does not offer STARTTLS', async () => {
  const h = await startDaemon('');
  try {
    const out = await converse(h.port, [{ expect: '220 ' }, { send: 'EHLO x\r\n' }, { expect: '250 HELP' }, { send: 'STARTTLS\r\n' }, { expect: '503' }, { send: 'QUIT\r\n' }]);
    assert.doesNotMatch(out, /STARTTLS\r\n/);
    assert.match(out, /503 STARTTLS command used when not advertised\r\n/);
  } finally {
    await h.daemon.stop();
  }
});

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

test('tls_on_connect_ports: TLS first, then the banner', async () => {
  const port = await freePort();
  const h = await startDaemon(`tls_on_connect_ports = ${port}\n${CERT_CONFIG}`, undefined, { override: String(port) }, true);
  try {
    const secure = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false });
    await new Promise((r) => secure.once('secureConnect', r));
    assert.match(await readUntil(secure, /\r\n/), /^220 mail\.example\.com ESMTP/);
    secure.write('EHLO x\r\n');
    const ehlo = await readUntil(secure, /250 HELP\r\n/);
    assert.doesNotMatch(ehlo, /STARTTLS/);
    secure.write('QUIT\r\n');
    await readUntil(secure, /221 /);
    secure.destroy();
  } finally {
    await h.daemon.stop();
  }
});
