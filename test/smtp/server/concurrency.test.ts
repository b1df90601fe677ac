/**
 * Concurrent sessions against one daemon with a durable file spool: 20 clients, 5 messages each on
 * persistent connections; every acknowledged id is on the spool exactly once with its own body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startDaemon } from './helpers/daemon-harness.js';
import { FileSpool } from '../../../src/spool/index.js';

function client(port: number, n: number, tag: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let buf = '';
    const ids: string[] = [];
    let sent = 0;
    let stage = 'banner';
    const send = (t: string) => s.write(t);
    const next = () => {
      if (sent === n) {
        stage = 'quit';
        send('QUIT\r\n');
        return;
      }
      stage = 'mail';
      // MAIL, RCPT and DATA pipelined; the content after 354.
      send(`MAIL FROM:<s${tag}@a.example>\r\nRCPT TO:<r@b.example>\r\nDATA\r\n`);
    };
    s.on('data', (d) => {
      buf += d.toString('latin1');
      for (;;) {
        const m = /^(\d{3})([ -])(.*)\r\n/.exec(buf);
        if (!m) break;
        buf = buf.slice(m[0].length);
        if (m[2] === '-') continue;
        const code = m[1]!;
        if (stage === 'banner') {
          stage = 'ehlo';
          send('EHLO c.example\r\n');
        } else if (stage === 'ehlo') next();
        else if (stage === 'mail' && code === '354') {
          stage = 'data';
          send(`Subject: ${tag}-${sent}\r\n\r\nbody ${tag}-${sent}\r\n.\r\n`);
        } else if (stage === 'data') {
          const id = /^OK id=(\S+)$/.exec(m[3]!);
          if (!id) return reject(new Error(`unexpected ${m[0]}`));
          ids.push(id[1]!);
          sent++;
          next();
        }
      }
    });
    s.on('close', () => resolve(ids));
    s.on('error', reject);
  });
}

test('20 concurrent sessions × 5 messages: every acknowledged message is on the spool once', async () => {
  const h = await startDaemon('smtp_accept_max = 50\nsmtp_accept_max_per_host = 50', (dir) => new FileSpool({ directory: dir }));
  try {
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => client(h.port, 5, `c${i}`)));
    const elapsed = Date.now() - started;
    const ids = results.flat();
    assert.equal(ids.length, 100);
    assert.equal(new Set(ids).size, 100);
    const onSpool = await h.spool.list();
    assert.deepEqual([...onSpool].sort(), [...ids].sort());
    for (const [i, list] of results.entries()) {
      const body = (await h.spool.readBody(list[4]!)).toString();
      assert.equal(body, `body c${i}-4\n`);
    }
    assert.ok(elapsed < 30000, `took ${elapsed} ms`);
  } finally {
    await h.daemon.stop();
  }
});
