/**
 * Killing the daemon with SIGKILL under load loses nothing it acknowledged. Postfix's
 * smtp-source (20 sessions) keeps the daemon busy while 8 clients of our own send numbered
 * messages and record every `250 OK id=...`; the daemon is SIGKILLed mid-stream. Afterwards every
 * acknowledged id must be on the spool with its envelope and exactly the body that was sent, and
 * every -H on the spool must parse (no torn header file is ever visible under its real name).
 * (SIGKILL keeps the page cache, so this checks ordering and atomic renames, not the fsyncs.)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { baseConfig, repoRoot, skipUnless, startDaemon, waitFor, type RunningDaemon } from './helpers/daemon.js';
import { SmtpClient } from './helpers/smtp-client.js';

const postfixRoot = join(repoRoot, '.cache/deps/postfix');
const smtpSource = join(postfixRoot, 'usr/sbin/smtp-source');
const skip = skipUnless(existsSync(smtpSource), 'smtp-source (.cache/deps/postfix)');

let daemon: RunningDaemon;

/** Sends numbered messages on one connection until it breaks; returns id -> body acknowledged. */
async function sendUntilBroken(port: number, worker: number, acked: Map<string, { body: string; rcpt: string }>): Promise<void> {
  let c: SmtpClient;
  try {
    c = await SmtpClient.connect(port);
    await c.reply();
    await c.command('EHLO worker.example');
  } catch {
    return;
  }
  try {
    for (let n = 0; ; n++) {
      const rcpt = `w${worker}n${n}@test.example`;
      const body = `message ${n} from worker ${worker}\n${'x'.repeat(200 + n)}\n`;
      if (!(await c.command('MAIL FROM:<k@sender.example>')).startsWith('250')) return;
      if (!(await c.command(`RCPT TO:<${rcpt}>`)).startsWith('250')) return;
      if (!(await c.command('DATA')).startsWith('354')) return;
      c.write(`Subject: w${worker} n${n}\r\n\r\n${body.replace(/\n/g, '\r\n')}.\r\n`);
      const m = /^250 OK id=(\S+)\r\n$/.exec(await c.reply());
      if (!m) return;
      acked.set(m[1]!, { body, rcpt });
    }
  } catch {
    // The connection broke when the daemon was killed: what was acknowledged is recorded.
  } finally {
    c.close();
  }
}

describe('SIGKILL under load', { skip }, () => {
  before(async () => {
    daemon = await startDaemon((dir) => baseConfig(dir, 'smtp_accept_max = 100'));
  });
  after(async () => daemon?.stop());

  test('every acknowledged message is intact on the spool after SIGKILL', { timeout: 120000 }, async () => {
    const env = { ...process.env, LD_LIBRARY_PATH: join(postfixRoot, 'usr/lib/postfix') };
    const load = spawn(smtpSource, ['-s', '20', '-m', '100000', '-l', '4096', '-f', 'a@sender.example', '-t', 'b@test.example', `127.0.0.1:${daemon.port}`], { env, stdio: 'ignore' });
    const loadDone = new Promise<void>((r) => load.on('exit', () => r()));
    const acked = new Map<string, { body: string; rcpt: string }>();
    const workers = Array.from({ length: 8 }, (_, i) => sendUntilBroken(daemon.port, i, acked));
    try {
      await waitFor(() => acked.size >= 200, 60000, '200 acknowledged messages');
      daemon.child.kill('SIGKILL');
      await Promise.all(workers);
    } finally {
      load.kill('SIGKILL');
      await loadDone;
    }
    assert.ok(acked.size >= 200);
    const onSpool = new Set(await daemon.spool.list());
    for (const [id, { body, rcpt }] of acked) {
      assert.ok(onSpool.has(id), `acknowledged ${id} is not on the spool`);
      const msg = await daemon.spool.read(id);
      assert.equal(msg.sender, 'k@sender.example');
      assert.deepEqual(msg.recipients.map((r) => r.address), [rcpt]);
      assert.equal((await daemon.spool.readBody(id)).toString(), body, `${id}: body differs`);
    }
    // Everything visible as a message (smtp-source's too) must be readable.
    for (const id of onSpool) await daemon.spool.read(id);
  });
});
