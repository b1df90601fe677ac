/**
 * Queue operator commands on messages Mailwright itself spooled (23-character ids, written by
 * FileSpool), and listing details seen with exim4 4.96 outside the replayed fixtures: the
 * "(login)" of a sender set by an untrusted user, and words that are not message ids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSpool } from '../../src/spool/file-spool.js';
import { MemoryLogger } from '../../src/log/memory-logger.js';
import { runQueueCommand, type QueueAdminContext } from '../../src/cli/queue-admin/index.js';

const RECEIVED = 1795461000;

async function withSpool(fn: (spool: FileSpool, run: (args: string[]) => Promise<{ out: string; status: number; log: string[] }>) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-queue-admin-units-'));
  try {
    const spool = new FileSpool({ directory: dir, noSync: true });
    await spool.init();
    const run = async (args: string[]) => {
      let out = '';
      const log = new MemoryLogger();
      const ctx: QueueAdminContext = {
        spoolDirectory: dir, splitSpoolDirectory: false, messageLogs: true, log,
        caller: { uid: 0, login: 'root', admin: true }, now: () => RECEIVED + 120, out: (d) => void (out += d.toString()),
      };
      const status = await runQueueCommand({ ctx, listRequiresAdmin: true, err: (s) => (out += s) }, args[0]!, args.slice(1));
      return { out, status, log: log.lines('main') };
    };
    await fn(spool, run);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function queue(spool: FileSpool, options: [string, string | true][] = []): Promise<string> {
  const pending = await spool.begin();
  await pending.body.write(Buffer.from('hello\n'));
  await pending.commit({
    sender: 'other@x.example',
    recipients: [{ address: 'a@mw.example' }, { address: 'b@mw.example' }],
    headers: [{ type: ' ', text: 'Subject: t\n' }],
    owner: { login: 'nobody', uid: 65534, gid: 65534 },
    received: { seconds: RECEIVED, micros: 0 },
    warningCount: 0,
    options: new Map<string, string | true>([['received_protocol', 'local'], ...options]),
    aclVars: new Map(),
  });
  return pending.id;
}

test('a sender set by an untrusted user is listed with the login, before the frozen marker', async () => {
  await withSpool(async (spool, run) => {
    const id = await queue(spool, [['sender_set_untrusted', true]]);
    assert.equal((await run(['-Mf', id])).status, 0);
    const r = await run(['-bp']);
    assert.equal(r.out, ` 2m    18 ${id} <other@x.example> (nobody) *** frozen ***\n          a@mw.example\n          b@mw.example\n\n`);
  });
});

test('Mailwright-spooled messages: edits are written back in a form FileSpool reads', async () => {
  await withSpool(async (spool, run) => {
    const id = await queue(spool);
    assert.equal((await run(['-Mar', id, 'c@mw.example'])).out, `Message ${id} has been modified\n`);
    assert.equal((await run(['-Mmd', id, 'a@mw.example'])).status, 0);
    assert.equal((await run(['-Mes', id, '<>'])).status, 0);
    const m = await spool.read(id);
    assert.equal(m.sender, '');
    assert.deepEqual(m.recipients.map((r) => [r.address, r.delivered === true]), [['a@mw.example', true], ['b@mw.example', false], ['c@mw.example', false]]);
    assert.equal((await run(['-bpu', id])).out, ` 2m    18 ${id} <>\n          b@mw.example\n          c@mw.example\n\n`);
    const removed = await run(['-Mrm', id]);
    assert.deepEqual(removed.log, [`${id} removed by root`, `${id} Completed`]);
    assert.deepEqual(await spool.list(), []);
  });
});

test('-bp with a word that is not a message id reports a read error for it', async () => {
  await withSpool(async (_spool, run) => {
    const r = await run(['-bp', 'x']);
    assert.equal(r.out, '      x\n    *** spool read error: No such file or directory ***\n\n');
    assert.equal(r.status, 0);
  });
});

test('-Mrm also removes the delivery journal (-J) and a stale lock file', async () => {
  await withSpool(async (spool, run) => {
    const id = await queue(spool);
    await spool.appendJournal(id, ['a@mw.example']);
    await spool.appendMessageLog(id, 'x\n');
    writeFileSync(join(spool.inputDir(id), `${id}-L`), '999999999\n');
    assert.equal((await run(['-Mrm', id])).out, `Message ${id} has been removed\n`);
    assert.deepEqual(readdirSync(spool.inputDir(id)), []);
    assert.deepEqual(readdirSync(join(spool.directory, 'msglog')), []);
  });
});
