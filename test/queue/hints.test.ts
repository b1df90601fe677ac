import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openHints, MemoryHints, hintsPath } from '../../src/queue/hints.js';
import { tidyHints, messageIdOfRetryKey } from '../../src/queue/hints-tidy.js';
import type { HintsDb } from '../../src/queue/types.js';

async function exercise(db: HintsDb): Promise<void> {
  const retry = db.table('retry');
  assert.equal(retry.get('R:a.example'), undefined);
  await retry.put('R:a.example', { time: 100, nextTry: 200 });
  await retry.put('T:h:1.2.3.4', { time: 101, nextTry: 300 });
  assert.deepEqual(retry.get('R:a.example'), { time: 100, nextTry: 200 });
  assert.deepEqual([...retry.keys()].sort(), ['R:a.example', 'T:h:1.2.3.4']);
  // Tables are separate namespaces.
  assert.equal(db.table('callout').get('R:a.example'), undefined);
  await db.table('wait-remote_smtp').put('h', { time: 5, messages: ['x'] });
  assert.deepEqual(db.table('wait-remote_smtp').get('h'), { time: 5, messages: ['x'] });
  await retry.delete('R:a.example');
  assert.equal(retry.get('R:a.example'), undefined);
}

test('memory hints store gets, puts, deletes and lists per table', async () => {
  await exercise(new MemoryHints());
});

test('LMDB hints store works the same and keeps data across reopen and processes', async () => {
  const spool = mkdtempSync(join(tmpdir(), 'mw-hints-'));
  try {
    const db = openHints(spool);
    await exercise(db);
    await db.close();
    assert.ok(existsSync(hintsPath(spool)));
    const again = openHints(spool);
    assert.deepEqual(again.table('retry').get('T:h:1.2.3.4'), { time: 101, nextTry: 300 });
    // A second process writes while this one has the store open.
    const script = `import { openHints } from ${JSON.stringify(join(process.cwd(), 'src/queue/hints.ts'))};
      const db = openHints(${JSON.stringify(spool)}); await db.table('retry').put('R:other', { time: 7 }); await db.close();`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(again.table('retry').get('R:other'), { time: 7 });
    await again.close();
  } finally {
    rmSync(spool, { recursive: true, force: true });
  }
});

test('tidyHints drops old records, retry records of vanished messages and wait-list ids', async () => {
  const db = new MemoryHints();
  const day = 86400;
  const now = 100 * day;
  const retry = db.table('retry');
  await retry.put('R:old.example', { time: now - 31 * day });
  await retry.put('R:new.example', { time: now - 29 * day });
  await retry.put('T:h:1.2.3.4:25:1abcde-000001-AB', { time: now });
  await retry.put('T:h:1.2.3.4:25:1abcde-000002-AB', { time: now });
  const gone = new Set(['1abcde-000001-AB', '1abcde-000003-CD']);
  const exists = (id: string) => !gone.has(id);
  const remarks = await tidyHints(db, 'retry', { now, messageExists: exists });
  assert.deepEqual([...retry.keys()], ['R:new.example', 'T:h:1.2.3.4:25:1abcde-000002-AB']);
  assert.equal(remarks.length, 2);
  const wait = db.table('wait-smtp');
  await wait.put('h1', { time: now, messages: ['1abcde-000001-AB', '1abcde-000002-AB'] });
  await wait.put('h2', { time: now, messages: ['1abcde-000003-CD'] });
  await tidyHints(db, 'wait-smtp', { now, messageExists: exists });
  assert.deepEqual(wait.get('h1'), { time: now, messages: ['1abcde-000002-AB'] });
  assert.equal(wait.get('h2'), undefined);
  // -t 7d
  await tidyHints(db, 'retry', { now, maxAge: 7 * day });
  assert.deepEqual([...retry.keys()], ['T:h:1.2.3.4:25:1abcde-000002-AB']);
});

test('message ids are recognised at the end of retry keys in both id formats', () => {
  assert.equal(messageIdOfRetryKey('T:h:1.2.3.4:25:1abcde-000002-AB'), '1abcde-000002-AB');
  assert.equal(messageIdOfRetryKey('T:h:1.2.3.4:25:1abcde-0000000002A-ABCD'), '1abcde-0000000002A-ABCD');
  assert.equal(messageIdOfRetryKey('T:h:1.2.3.4:25'), undefined);
});
