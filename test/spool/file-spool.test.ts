import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DirectorySyncer } from '../../src/spool/dir-sync.js';
import { SpoolError } from '../../src/spool/errors.js';
import { FileSpool } from '../../src/spool/file-spool.js';
import { MessageIdAllocator } from '../../src/spool/id-allocator.js';
import { formatMessageId, formatOldMessageId, isMessageId, spoolSubdirectory } from '../../src/spool/message-id.js';
import { contentOf } from './helpers/message.js';
import { fixtureMessages } from './fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mw-spool-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function receive(spool: FileSpool, n: number, body = Buffer.from(`body ${n}\n`)) {
  const p = await spool.begin();
  await p.body.write(body);
  return p.commit(contentOf(n));
}

describe('FileSpool', () => {
  it('init creates input, msglog and db', async () => {
    await new FileSpool({ directory: dir }).init();
    for (const d of ['input', 'msglog', 'db']) assert.ok(statSync(join(dir, d)).isDirectory(), d);
  });

  it('writes -D as "<id>-D" then the body, and -H in Exim format, mode 0640', async () => {
    const spool = new FileSpool({ directory: dir });
    await spool.init();
    const p = await spool.begin();
    assert.ok(isMessageId(p.id) && p.id.length === 23);
    await p.body.write(Buffer.from('line 1\n'));
    await p.body.write(Buffer.from('line 2\n'));
    assert.equal(p.body.size, 14);
    // Before commit the message does not exist: -D only.
    assert.deepEqual(await spool.list(), []);
    const m = await p.commit(contentOf(1));
    assert.equal(m.bodySize, 14);
    assert.equal(readFileSync(join(dir, 'input', `${p.id}-D`), 'latin1'), `${p.id}-D\nline 1\nline 2\n`);
    const h = readFileSync(join(dir, 'input', `${p.id}-H`), 'latin1');
    assert.ok(h.startsWith(`${p.id}-H\nmail 8 8\n<sender1@example.com>\n1700000000 0\n-received_time_usec .000000\n-received_time_complete `));
    assert.match(h, /\n--helo_name client\.example\n-host_address \[127\.0\.0\.1\]:40000\n-received_protocol esmtp\n/);
    assert.ok(h.endsWith('\nXX\n1\nrcpt1@example.org\n\n016  Subject: test 1\n'));
    assert.equal(statSync(join(dir, 'input', `${p.id}-H`)).mode & 0o777, 0o640);
    assert.deepEqual(await spool.list(), [p.id]);
    const back = await spool.read(p.id);
    assert.equal(back.sender, 'sender1@example.com');
    assert.equal(back.bodySize, 14);
    assert.match(String(back.options.get('received_time_complete')), /^\d{10}\.\d{6}$/);
    assert.deepEqual(await spool.readBody(p.id), Buffer.from('line 1\nline 2\n'));
  });

  it('a large body arriving in small pieces is stored exactly', async () => {
    const spool = new FileSpool({ directory: dir });
    const p = await spool.begin();
    const chunks: Buffer[] = [];
    for (let i = 0; i < 5000; i++) chunks.push(Buffer.from(`${i} ${'z'.repeat(i % 50)}\r\n`));
    for (const c of chunks) await p.body.write(c);
    await p.commit(contentOf(2));
    assert.deepEqual(await spool.readBody(p.id), Buffer.concat(chunks));
  });

  it('split_spool_directory puts files under the 6th character of the id, and reads either layout', async () => {
    const spool = new FileSpool({ directory: dir, splitSpoolDirectory: true });
    const m = await receive(spool, 3);
    const sub = spoolSubdirectory(m.id);
    assert.ok(existsSync(join(dir, 'input', sub, `${m.id}-H`)));
    await spool.appendMessageLog(m.id, 'Received\n');
    assert.equal(readFileSync(join(dir, 'msglog', sub, m.id), 'latin1'), 'Received\n');
    // A spool written without splitting is still found, as Exim does.
    const flat = new FileSpool({ directory: dir });
    const m2 = await receive(flat, 4);
    assert.deepEqual((await spool.list()).sort(), [m.id, m2.id].sort());
    assert.equal((await spool.read(m2.id)).sender, 'sender4@example.com');
  });

  it('reads messages queued by exim4 (16-character ids), body and size', async () => {
    mkdirSync(join(dir, 'input'), { recursive: true });
    const f = fixtureMessages('esmtp-dsn-auth-frozen')[0]!;
    writeFileSync(join(dir, 'input', `${f.id}-H`), f.h);
    writeFileSync(join(dir, 'input', `${f.id}-D`), f.d);
    const spool = new FileSpool({ directory: dir });
    assert.deepEqual(await spool.list(), [f.id]);
    const m = await spool.read(f.id);
    assert.equal(m.frozen, true);
    assert.equal(m.bodySize, f.d.length - 19);
    assert.deepEqual(await spool.readBody(f.id), f.d.subarray(19));
  });

  it('abandon removes the partial -D', async () => {
    const spool = new FileSpool({ directory: dir });
    await spool.init();
    const p = await spool.begin();
    await p.body.write(Buffer.from('x\n'));
    await p.abandon();
    assert.deepEqual(readdirSync(join(dir, 'input')), []);
    await assert.rejects(p.commit(contentOf(1)), SpoolError);
  });

  it('remove deletes -H, -D, -J, lock and msglog', async () => {
    const spool = new FileSpool({ directory: dir });
    const m = await receive(spool, 5);
    await spool.appendMessageLog(m.id, 'line\n');
    writeFileSync(join(dir, 'input', `${m.id}-J`), 'j');
    await spool.remove(m.id);
    assert.deepEqual(readdirSync(join(dir, 'input')), []);
    assert.deepEqual(readdirSync(join(dir, 'msglog')), []);
    await assert.rejects(spool.read(m.id), (e: SpoolError) => e.code === 'ENOENT');
    await assert.rejects(spool.remove(m.id), SpoolError);
  });

  it('message_logs = false writes no msglog', async () => {
    const spool = new FileSpool({ directory: dir, messageLogs: false });
    const m = await receive(spool, 6);
    await spool.appendMessageLog(m.id, 'x\n');
    assert.equal(existsSync(spool.msglogPath(m.id)), false);
  });

  it('locks a message once; a lock left by a dead process is taken over', async () => {
    const spool = new FileSpool({ directory: dir });
    const m = await receive(spool, 7);
    const lock = await spool.lock(m.id);
    assert.equal(readFileSync(lock.path, 'latin1'), `${process.pid}\n`);
    await assert.rejects(spool.lock(m.id), (e: SpoolError) => e.code === 'LOCKED');
    await lock.release();
    const again = await spool.lock(m.id);
    await again.release();
    // A pid that cannot be running (above pid_max) marks a stale lock.
    writeFileSync(join(dir, 'input', `${m.id}-L`), '99999999\n');
    const taken = await spool.lock(m.id);
    assert.equal(readFileSync(taken.path, 'latin1'), `${process.pid}\n`);
    await taken.release();
    // A lock file with our pid that this process did not take is a leftover of an earlier process.
    writeFileSync(join(dir, 'input', `${m.id}-L`), `${process.pid}\n`);
    await (await spool.lock(m.id)).release();
    // Exim ignores -L files; so does list().
    writeFileSync(join(dir, 'input', `${m.id}-L`), `${process.pid}\n`);
    assert.deepEqual(await spool.list(), [m.id]);
  });

  it('tidy removes crash leftovers but not messages being received', async () => {
    const spool = new FileSpool({ directory: dir });
    const done = await receive(spool, 8);
    const inProgress = await spool.begin();
    mkdirSync(join(dir, 'input'), { recursive: true });
    const deadId = formatMessageId({ seconds: 1700000000, pid: 99999999, micros: 1 });
    const deadOld = formatOldMessageId({ seconds: 1700000000, pid: 9999999, micros: 1 });
    writeFileSync(join(dir, 'input', `${deadId}-D`), `${deadId}-D\npartial`);
    writeFileSync(join(dir, 'input', `hdr.${deadId}`), 'partial');
    writeFileSync(join(dir, 'input', `${deadOld}-D`), `${deadOld}-D\n`);
    const removed = await spool.tidy();
    assert.deepEqual(removed.sort(), [deadId, deadOld].sort());
    assert.deepEqual(readdirSync(join(dir, 'input')).sort(), [`${done.id}-D`, `${done.id}-H`, `${inProgress.id}-D`].sort());
    await inProgress.abandon();
  });

  it('concurrent commits share directory fsyncs (group commit)', async () => {
    let calls = 0;
    const syncer = new DirectorySyncer(0, async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
    });
    const spool = new FileSpool({ directory: dir, syncer });
    const ms = await Promise.all(Array.from({ length: 50 }, (_, i) => receive(spool, i)));
    assert.equal(new Set(ms.map((m) => m.id)).size, 50);
    assert.equal(syncer.stats.requests, 50);
    assert.ok(calls < 50 && calls >= 1, `fsyncs: ${calls}`);
  });

  it('begin retries with another id when a leftover file has the same name', async () => {
    let t = 1700000000000000n;
    const allocator = new MessageIdAllocator({ pid: 4242, clock: () => t++ });
    const spool = new FileSpool({ directory: dir, allocator });
    const clash = formatMessageId({ seconds: 1700000000, pid: 4242, micros: 0 });
    mkdirSync(join(dir, 'input'), { recursive: true });
    writeFileSync(join(dir, 'input', `${clash}-D`), 'old');
    const p = await spool.begin();
    assert.notEqual(p.id, clash);
    assert.equal(readFileSync(join(dir, 'input', `${clash}-D`), 'latin1'), 'old');
    await p.abandon();
  });

  it('a failing commit leaves nothing behind', async () => {
    const syncer = new DirectorySyncer(0, async () => {
      throw new Error('disk on fire');
    });
    const spool = new FileSpool({ directory: dir, syncer });
    const p = await spool.begin();
    await p.body.write(Buffer.from('x\n'));
    await assert.rejects(p.commit(contentOf(9)), /disk on fire/);
    assert.deepEqual(readdirSync(join(dir, 'input')), []);
  });
});

describe('DirectorySyncer', () => {
  it('a request made while an fsync runs waits for the next one', async () => {
    const order: string[] = [];
    let release!: () => void;
    const syncer = new DirectorySyncer(0, (d) => {
      order.push(`start ${d}`);
      return new Promise<void>((r) => {
        release = () => {
          order.push(`end ${d}`);
          r();
        };
      });
    });
    const first = syncer.sync('/a');
    await new Promise((r) => setImmediate(r));
    const second = syncer.sync('/a');
    const third = syncer.sync('/a');
    let secondDone = false;
    void second.then(() => (secondDone = true));
    release();
    await first;
    await new Promise((r) => setImmediate(r));
    assert.equal(secondDone, false);
    await new Promise((r) => setImmediate(r));
    release();
    await Promise.all([second, third]);
    assert.deepEqual(order, ['start /a', 'end /a', 'start /a', 'end /a']);
    assert.equal(syncer.stats.syncs, 2);
  });
});
