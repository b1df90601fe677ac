/**
 * Callers who are not admin users, replayed from exim4 4.96 run as `nobody`
 * (test/fixtures/queue-admin/non-admin.json) on a spool built with Mailwright's FileSpool:
 * one message owned by root, one by nobody (who may remove it, and do nothing else).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSpool } from '../../src/spool/file-spool.js';
import { MemoryLogger } from '../../src/log/memory-logger.js';
import { runQueueCommand, type QueueAdminContext } from '../../src/cli/queue-admin/index.js';
import { isAdmin } from '../../src/cli/queue-admin/caller.js';

interface Case {
  args: string[];
  stdout: string;
  stderr: string;
  status: number;
  log: string[];
}

const fixture = JSON.parse(readFileSync('test/fixtures/queue-admin/non-admin.json', 'utf8')) as { ownId: string; rootId: string; cases: Case[] };

async function queue(spool: FileSpool, owner: { login: string; uid: number; gid: number }): Promise<string> {
  const pending = await spool.begin();
  await pending.body.write(Buffer.from('b\n'));
  await pending.commit({
    sender: `${owner.login}@vm`,
    recipients: [{ address: 'root@vm' }],
    headers: [{ type: ' ', text: 'Subject: x\n' }],
    owner,
    received: { seconds: 1795461000, micros: 0 },
    warningCount: 0,
    options: new Map([['ident', owner.login], ['received_protocol', 'local']]),
    aclVars: new Map(),
  });
  return pending.id;
}

test('non-admin callers get exim4 4.96 refusals; the owner may remove their message', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-queue-admin-perm-'));
  try {
    const spool = new FileSpool({ directory: dir, noSync: true });
    await spool.init();
    const rootId = await queue(spool, { login: 'root', uid: 0, gid: 0 });
    const ownId = await queue(spool, { login: 'nobody', uid: 65534, gid: 65534 });
    const swap = (s: string): string => s.split(fixture.rootId).join(rootId).split(fixture.ownId).join(ownId);
    for (const c of fixture.cases) {
      await t.test(c.args.join(' '), async () => {
        const log = new MemoryLogger();
        let stdout = '';
        let stderr = '';
        const ctx: QueueAdminContext = {
          spoolDirectory: dir,
          splitSpoolDirectory: false,
          messageLogs: true,
          log,
          caller: { uid: 65534, login: 'nobody', admin: false },
          now: () => 1795461060,
          out: (d) => void (stdout += d.toString()),
        };
        const args = c.args.map(swap);
        const status = await runQueueCommand({ ctx, listRequiresAdmin: true, err: (s) => (stderr += s) }, args[0]!, args.slice(1));
        assert.equal(stdout, swap(c.stdout));
        assert.equal(stderr, swap(c.stderr));
        assert.equal(status, c.status);
        assert.deepEqual(log.lines('main'), c.log.map(swap));
      });
    }
    assert.deepEqual(await spool.list(), [rootId], 'only the message nobody owned has gone');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('queue_list_requires_admin = false lets anyone list the queue', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-queue-admin-list-'));
  try {
    const spool = new FileSpool({ directory: dir, noSync: true });
    await spool.init();
    await queue(spool, { login: 'root', uid: 0, gid: 0 });
    let stdout = '';
    const ctx: QueueAdminContext = {
      spoolDirectory: dir, splitSpoolDirectory: false, messageLogs: true, log: new MemoryLogger(),
      caller: { uid: 65534, login: 'nobody', admin: false }, now: () => 1795461060, out: (d) => void (stdout += d.toString()),
    };
    assert.equal(await runQueueCommand({ ctx, listRequiresAdmin: false, err: () => assert.fail('no refusal expected') }, '-bpc', []), 0);
    assert.equal(stdout, '1\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('admin users: root, the Exim user, the Exim group and admin_groups members', () => {
  const user = (uid: number, gid: number, groups: number[] = []) => ({ uid, gid, groups, login: 'u' });
  assert.equal(isAdmin(user(0, 0), 100, 100, []), true);
  assert.equal(isAdmin(user(100, 5), 100, 200, []), true, 'Exim user');
  assert.equal(isAdmin(user(7, 5, [200]), 100, 200, []), true, 'supplementary Exim group');
  assert.equal(isAdmin(user(7, 300), 100, 200, [300]), true, 'admin_groups, current group');
  assert.equal(isAdmin(user(7, 5, [9, 300]), 100, 200, [300]), true, 'admin_groups, supplementary');
  assert.equal(isAdmin(user(7, 5, [9]), 100, 200, [300]), false);
});
