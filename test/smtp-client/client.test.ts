/** The SMTP client pieces below the transport: reply parsing, capabilities, connection timeouts. */
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, test } from 'node:test';
import { parseCapabilities } from '../../src/smtp/client/capabilities.js';
import { SmtpConnection } from '../../src/smtp/client/connection.js';
import { SmtpClosedError, SmtpConnectError, SmtpTimeoutError } from '../../src/smtp/client/errors.js';
import { MalformedReply, ReplyParser, replyText, type SmtpReply } from '../../src/smtp/client/reply.js';
import { runTransaction } from '../../src/smtp/client/transaction.js';
import { freePort, scriptedServer } from './helpers.js';

describe('ReplyParser', () => {
  test('multi-line replies, split anywhere, CRLF or bare LF', () => {
    const p = new ReplyParser();
    assert.deepEqual(p.push(Buffer.from('250-first\r\n250-sec')), []);
    const out = p.push(Buffer.from('ond\r\n250 last\n220 next\r\n')) as SmtpReply[];
    assert.equal(out.length, 2);
    assert.deepEqual(out[0]!.lines, ['250-first', '250-second', '250 last']);
    assert.equal(out[0]!.code, 250);
    assert.equal(replyText(out[0]!), '250-first\n250-second\n250 last');
    assert.deepEqual(out[1], { code: 220, lines: ['220 next'] });
  });

  test('a bare code ends a reply; junk is reported as malformed', () => {
    const p = new ReplyParser();
    const out = p.push(Buffer.from('354\r\nhello there\r\n'));
    assert.deepEqual(out[0], { code: 354, lines: ['354'] });
    assert.ok(out[1] instanceof MalformedReply);
  });

  test('capabilities from an EHLO reply', () => {
    const caps = parseCapabilities({ code: 250, lines: ['250-mx.example Hello', '250-SIZE 52428800', '250-8BITMIME', '250-PIPELINING', '250-AUTH PLAIN LOGIN', '250-CHUNKING', '250-STARTTLS', '250-SMTPUTF8', '250 DSN'] });
    assert.equal(caps.size, 52428800);
    assert.deepEqual(caps.auth, ['PLAIN', 'LOGIN']);
    assert.ok(caps.pipelining && caps.chunking && caps.startTls && caps.smtpUtf8 && caps.dsn && caps.eightBitMime);
    assert.equal(caps.prdr, false);
  });
});

describe('SmtpConnection', () => {
  test('connection refused is an SmtpConnectError with errno 111', async () => {
    const port = await freePort();
    await assert.rejects(SmtpConnection.connect({ host: '127.0.0.1', port, timeoutMs: 2000 }), (e: unknown) => e instanceof SmtpConnectError && e.errno === 111 && e.message === 'Connection refused');
  });

  test('connect_timeout: a connect that does not complete in time gives ETIMEDOUT', async (t) => {
    // 10.255.255.1 is normally unroutable and silently dropped; some sandboxes refuse at once.
    const r = await SmtpConnection.connect({ host: '10.255.255.1', port: 25, timeoutMs: 300 }).catch((e: unknown) => e);
    if (r instanceof SmtpConnection) {
      r.close();
      return t.skip('10.255.255.1 answered');
    }
    assert.ok(r instanceof SmtpConnectError);
    if (r.code !== 'ETIMEDOUT') return t.skip(`network refused at once (${r.code})`);
    assert.equal(r.errno, 110);
    assert.equal(r.message, 'Connection timed out');
  });

  test('a server that never answers: SmtpTimeoutError naming what was awaited', async () => {
    const server = await scriptedServer('silent');
    try {
      const conn = await SmtpConnection.connect({ host: '127.0.0.1', port: server.port, timeoutMs: 2000 });
      const started = Date.now();
      await assert.rejects(conn.readReply(200, 'initial connection'), (e: unknown) => e instanceof SmtpTimeoutError && e.message === 'SMTP timeout after initial connection');
      assert.ok(Date.now() - started >= 190);
      conn.close();
    } finally {
      await server.close();
    }
  });

  test('a server that closes: SmtpClosedError in response to the command', async () => {
    const srv = net.createServer((s) => s.end('220 hi\r\n'));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    try {
      const conn = await SmtpConnection.connect({ host: '127.0.0.1', port: (srv.address() as net.AddressInfo).port, timeoutMs: 2000 });
      assert.equal((await conn.readReply(1000, 'initial connection')).code, 220);
      await assert.rejects(conn.readReply(1000, 'EHLO x'), (e: unknown) => e instanceof SmtpClosedError && e.message === 'Remote host closed connection in response to EHLO x');
    } finally {
      srv.close();
    }
  });

  test('runTransaction pipelines MAIL, RCPT and DATA in one write', async () => {
    const server = await scriptedServer({});
    try {
      const conn = await SmtpConnection.connect({ host: '127.0.0.1', port: server.port, timeoutMs: 2000 });
      await conn.readReply(1000, 'initial connection');
      const env = { sender: '', mailParams: [], recipients: [{ address: 'a@b', params: [] }] };
      const o = await runTransaction(conn, env, () => Buffer.from('Subject: x\r\n\r\n..dot\r\n'), { pipelining: true, chunking: false, lmtp: false, commandTimeoutMs: 1000, dataTimeoutMs: 1000, finalTimeoutMs: 1000 });
      assert.deepEqual(o.accepted, [0]);
      assert.equal(o.finals[0]!.code, 250);
      assert.deepEqual(server.commands, ['MAIL FROM:<>', 'RCPT TO:<a@b>', 'DATA', '.']);
      assert.equal(server.messages[0], 'Subject: x\n\n.dot\n');
      await conn.quit();
    } finally {
      await server.close();
    }
  });
});
