/**
 * Load from a real client: Postfix's smtp-source (unpacked from Debian's postfix package into
 * .cache/deps/postfix by scripts/deps/e2e-clients.sh; not installed) with 20 concurrent sessions
 * sends 1,000 messages of 4 KiB to `mailwright -bdf`, one message per connection. Every message
 * must be on the (fsynced) spool exactly once: 1,000 -H files, 1,000 distinct Message-IDs, one
 * `<=` line each. The issue's 10,000-message run is bench/receive's job; this keeps CI quick.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { baseConfig, headerNamed, repoRoot, run, skipUnless, startDaemon, type RunningDaemon } from './helpers/daemon.js';

const postfixRoot = join(repoRoot, '.cache/deps/postfix');
const smtpSource = join(postfixRoot, 'usr/sbin/smtp-source');
const skip = skipUnless(existsSync(smtpSource), 'smtp-source (.cache/deps/postfix)');
/** E2E_MESSAGES=10000 runs the full count. */
const MESSAGES = Number(process.env.E2E_MESSAGES ?? 1000);

let daemon: RunningDaemon;

describe('smtp-source against mailwright -bdf', { skip }, () => {
  before(async () => {
    // smtp_accept_max above the 20 sessions, so a connection still closing never causes a 421.
    daemon = await startDaemon((dir) => baseConfig(dir, 'smtp_accept_max = 100'));
  });
  after(async () => daemon?.stop());

  test(`20 sessions, ${MESSAGES} messages of 4 KiB: each on the spool exactly once`, { timeout: 600000 }, async () => {
    const env = { ...process.env, LD_LIBRARY_PATH: join(postfixRoot, 'usr/lib/postfix') };
    const r = await run(smtpSource, ['-s', '20', '-m', String(MESSAGES), '-l', '4096', '-f', 'a@sender.example', '-t', 'b@test.example', `127.0.0.1:${daemon.port}`], { env, timeoutMs: 590000 });
    assert.equal(r.status, 0, `smtp-source failed:\n${r.stdout}\n${r.stderr}`);
    assert.equal(r.stderr.trim(), '', 'smtp-source reported errors');

    const ids = await daemon.spool.list();
    assert.equal(ids.length, MESSAGES);
    const messageIds = new Set<string>();
    for (const id of ids) {
      const msg = await daemon.spool.read(id);
      assert.equal(msg.sender, 'a@sender.example');
      assert.deepEqual(msg.recipients.map((x) => x.address), ['b@test.example']);
      // 4 KiB on the wire with CRLFs; stored with LFs.
      assert.ok(msg.bodySize >= 4000 && msg.bodySize <= 4096, `${id}: body of ${msg.bodySize} bytes`);
      const mid = headerNamed(msg.headers, 'Message-Id');
      assert.ok(mid, `${id} has no Message-Id`);
      messageIds.add(mid);
    }
    assert.equal(messageIds.size, MESSAGES, 'Message-IDs are not distinct');
    const arrivals = daemon.mainLog().split('\n').filter((l) => / <= a@sender\.example H=/.test(l));
    assert.equal(arrivals.length, MESSAGES);
    assert.equal(new Set(arrivals.map((l) => l.split(' ')[2])).size, MESSAGES, 'a message id logged twice');
  });
});
