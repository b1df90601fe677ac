/**
 * The daemon over real loopback sockets: a message reaches the spool before its 250, Exim's
 * synchronisation errors, connection limits, timeouts and a clean stop. Reply and log texts are
 * those a real exim4 -bd gave for the same client behaviour.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { PendingSpoolMessage, Spool } from '../../../src/spool/types.js';
import { FileSpool } from '../../../src/spool/index.js';
import { converse, startDaemon } from './helpers/daemon-harness.js';

const MESSAGE = ['EHLO client.test\r\n', 'MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n', 'Subject: t\r\n\r\nbody\r\n.\r\n'];

function logText(h: { log: { entries: Array<{ text: string }> } }): string {
  return h.log.entries.map((e) => e.text).join('\n');
}

test('a message is stored on the spool and acknowledged with its id', async () => {
  const h = await startDaemon('');
  try {
    const out = await converse(h.port, [
      { expect: '220 ' }, { send: MESSAGE[0]! }, { expect: '250 HELP' }, { send: MESSAGE[1]! }, { expect: '354 ' },
      { send: MESSAGE[2]! }, { expect: /250 OK id=\S+\r\n/ }, { send: 'QUIT\r\n' },
    ]);
    const id = /250 OK id=(\S+)\r\n/.exec(out)![1]!;
    assert.match(out, /221 mail\.example\.com closing connection\r\n$/);
    assert.deepEqual(await h.spool.list(), [id]);
    const stored = await h.spool.read(id);
    assert.equal(stored.sender, 'a@b.example');
    assert.deepEqual(stored.recipients.map((r) => r.address), ['c@d.example']);
    assert.match(stored.headers[0]!.text, /^Received: from \[127\.0\.0\.1\] \(helo=client\.test\)\n\tby mail\.example\.com with esmtp \(Exim 4\.96\)\n/);
    assert.equal((await h.spool.readBody(id)).toString(), 'body\n');
    assert.match(logText(h), new RegExp(`<= a@b\\.example H=\\(client\\.test\\) \\[127\\.0\\.0\\.1\\] P=esmtp S=\\d+`));
  } finally {
    await h.daemon.stop();
  }
});

test('250 is sent only after the spool commit resolved', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let committed = false;
  const h = await startDaemon('', (dir) => {
    const real = new FileSpool({ directory: dir, noSync: true });
    const slow: Spool = Object.assign(Object.create(real) as Spool, {
      async begin(): Promise<PendingSpoolMessage> {
        const p = await real.begin();
        return {
          id: p.id, body: p.body, abandon: () => p.abandon(),
          async commit(m) {
            await gate;
            const r = await p.commit(m);
            committed = true;
            return r;
          },
        };
      },
    });
    return slow;
  });
  try {
    const seenBeforeCommit: string[] = [];
    const conversation = converse(h.port, [
      { expect: '220 ' }, { send: MESSAGE[0]! }, { expect: '250 HELP' }, { send: MESSAGE[1]! }, { expect: '354 ' },
      { send: MESSAGE[2]! }, { wait: 300 }, { expect: '354 ' }, { send: 'QUIT\r\n' },
    ]);
    setTimeout(() => {
      seenBeforeCommit.push(String(committed));
      release();
    }, 200);
    const out = await conversation;
    assert.deepEqual(seenBeforeCommit, ['false']);
    assert.ok(committed);
    assert.match(out, /250 OK id=/);
  } finally {
    await h.daemon.stop();
  }
});

test('pipelined input after EHLO is a synchronization error (pipelining not yet advertised)', async () => {
  const h = await startDaemon('');
  try {
    const out = await converse(h.port, [{ expect: '220 ' }, { send: 'EHLO x\r\nNOOP\r\n' }]);
    assert.match(out, /554 SMTP synchronization error\r\n$/);
    assert.match(logText(h), /SMTP protocol synchronization error \(next input sent too soon: pipelining was not advertised\): rejected "EHLO x" H=\[127\.0\.0\.1\] next input="NOOP\\r\\n"/);
    assert.ok(h.log.entries.some((e) => e.files.includes('reject')));
  } finally {
    await h.daemon.stop();
  }
});

test('DATA followed at once by content is refused even with PIPELINING; MAIL and RCPT may be pipelined', async () => {
  const h = await startDaemon('');
  try {
    const out = await converse(h.port, [
      { expect: '220 ' }, { send: 'EHLO x\r\n' }, { expect: '250 HELP' },
      { send: 'MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nSubject: x\r\n' },
    ]);
    assert.match(out, /250 OK\r\n250 Accepted\r\n554 SMTP synchronization error\r\n$/);
    assert.match(logText(h), /pipelining was advertised\): rejected "DATA" H=\(x\) \[127\.0\.0\.1\] next input="Subject: x\\r\\n"/);
  } finally {
    await h.daemon.stop();
  }
});

test('input before the greeting is refused when PIPECONNECT is not offered', async () => {
  const h = await startDaemon('pipelining_connect_advertise_hosts = :');
  try {
    const out = await converse(h.port, [{ send: 'EHLO x\r\n' }]);
    assert.equal(out, '554 SMTP synchronization error\r\n');
    assert.match(logText(h), /input sent without waiting for greeting\): rejected connection from H=\[127\.0\.0\.1\] input="EHLO x\\r\\n"/);
  } finally {
    await h.daemon.stop();
  }
});

test('smtp_enforce_sync = false lets anything be pipelined', async () => {
  const h = await startDaemon('no_smtp_enforce_sync');
  try {
    const out = await converse(h.port, [{ expect: '220 ' }, { send: 'HELO x\r\nNOOP\r\nQUIT\r\n' }]);
    assert.match(out, /250 mail\.example\.com Hello x \[127\.0\.0\.1\]\r\n250 OK\r\n221 /);
  } finally {
    await h.daemon.stop();
  }
});

/** With one connection open and greeted, what a second connection is told, and the main log. */
async function secondConnection(config: string): Promise<{ out: string; log: string }> {
  const h = await startDaemon(config);
  try {
    const first = net.connect(h.port, '127.0.0.1');
    await new Promise((r) => first.once('data', r));
    const out = await converse(h.port, []);
    first.destroy();
    return { out, log: logText(h) };
  } finally {
    await h.daemon.stop();
  }
}

test('smtp_accept_max_per_host refuses a second connection from the same address', async () => {
  const { out, log } = await secondConnection('smtp_accept_max_per_host = 1');
  assert.equal(out, '421 Too many concurrent SMTP connections from this IP address; please try again later.\r\n');
  assert.match(log, /Connection from \[127\.0\.0\.1\] refused: too many connections from that IP address/);
});

test('smtp_accept_max refuses connections beyond the limit', async () => {
  const { out } = await secondConnection('smtp_accept_max = 1');
  assert.equal(out, '421 Too many concurrent SMTP connections; please try again later.\r\n');
});

test('smtp_receive_timeout ends a silent client with Exim\'s 421 and log line', async () => {
  const h = await startDaemon('smtp_receive_timeout = 1s');
  try {
    const out = await converse(h.port, [{ expect: '220 ' }, { send: 'EHLO x\r\n' }]);
    assert.match(out, /421 mail\.example\.com: SMTP command timeout - closing connection\r\n$/);
    assert.match(logText(h), /SMTP command timeout on connection from \(x\) \[127\.0\.0\.1\]/);
  } finally {
    await h.daemon.stop();
  }
});

test('a timeout inside DATA abandons the message', async () => {
  const h = await startDaemon('smtp_receive_timeout = 1s');
  try {
    const out = await converse(h.port, [{ expect: '220 ' }, { send: 'HELO x\r\n' }, { expect: 'Hello' }, { send: 'MAIL FROM:<a@b>\r\n' }, { expect: '250 OK' }, { send: 'RCPT TO:<c@d>\r\n' }, { expect: 'Accepted' }, { send: 'DATA\r\n' }, { expect: '354' }, { send: 'Subject: x\r\n' }]);
    assert.match(out, /421 mail\.example\.com SMTP incoming data timeout - closing connection\.\r\n$/);
    assert.match(logText(h), /SMTP data timeout \(message abandoned\) on connection from \(x\) \[127\.0\.0\.1\] F=<a@b>/);
    assert.deepEqual(await h.spool.list(), []);
  } finally {
    await h.daemon.stop();
  }
});

test('smtp_accept_max_per_connection: MAIL after the limit gets 421 but the session goes on', async () => {
  const h = await startDaemon('smtp_accept_max_per_connection = 1');
  try {
    const out = await converse(h.port, [
      { expect: '220 ' }, { send: 'HELO x\r\n' }, { expect: 'Hello' }, { send: 'MAIL FROM:<a@b>\r\n' }, { expect: '250 OK' },
      { send: 'RCPT TO:<c@d>\r\n' }, { expect: 'Accepted' }, { send: 'DATA\r\n' }, { expect: '354' }, { send: 'Subject: x\r\n\r\nb\r\n.\r\n' },
      { expect: 'id=' }, { send: 'MAIL FROM:<a@b>\r\n' }, { expect: '421' }, { send: 'QUIT\r\n' },
    ]);
    assert.match(out, /421 too many messages in this connection\r\n221 /);
    assert.match(logText(h), /rejected MAIL command H=\(x\) \[127\.0\.0\.1\]: too many messages in one connection/);
  } finally {
    await h.daemon.stop();
  }
});

test('stop() closes the listening socket and waits for sessions to end', async () => {
  const h = await startDaemon('');
  const open = net.connect(h.port, '127.0.0.1');
  await new Promise((r) => open.once('data', r));
  const stopping = h.daemon.stop(300);
  await stopping;
  assert.equal(h.daemon.activeConnections, 0);
  const refused = await new Promise<string>((resolve) => {
    const c = net.connect(h.port, '127.0.0.1');
    c.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    c.on('connect', () => resolve('connected'));
  });
  assert.equal(refused, 'ECONNREFUSED');
  open.destroy();
});

test('PIPE_CONNECT: EHLO before the banner is accepted and logged as L*', async () => {
  // A slow connect ACL makes sure the client's EHLO is there before the banner.
  const h = await startDaemon('log_selector = +pipelining\nacl_smtp_connect = c\nbegin acl\nc:\n  accept delay = 1s');
  try {
    const out = await converse(h.port, [
      { send: 'EHLO x\r\n' }, { expect: '250 HELP' },
      { send: 'MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n' }, { expect: '354' },
      { send: 'Subject: x\r\n\r\nb\r\n.\r\n' }, { expect: 'id=' }, { send: 'QUIT\r\n' },
    ]);
    assert.match(out, /^220 [^\r]*\r\n250-mail\.example\.com Hello x \[127\.0\.0\.1\]\r\n/);
    assert.match(out, /250-PIPECONNECT\r\n/);
    assert.match(logText(h), /<= a@b H=\(x\) \[127\.0\.0\.1\] P=esmtp L\* S=\d+/);
  } finally {
    await h.daemon.stop();
  }
});

test('smtp_accept_reserve keeps the last slots for smtp_reserve_hosts', async () => {
  const { out } = await secondConnection('smtp_accept_max = 2\nsmtp_accept_reserve = 1\nsmtp_reserve_hosts = 10.0.0.0/8');
  assert.equal(out, '421 Too many concurrent SMTP connections; please try again later.\r\n');
});
