import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tainted, untainted } from '../../src/expand/types.js';
import { createLookupRegistry, DefaultLookupRegistry, TaintedLookupFileError } from '../../src/lookups/index.js';
import { LookupError, type LookupDriver, type LookupRequest } from '../../src/lookups/types.js';
import { makeCtx, makeScratch } from './helpers.js';

const scratch = makeScratch();
after(() => rmSync(scratch, { recursive: true, force: true }));
const basic = untainted(join(scratch, 'basic.lsearch'));

/** A driver that records the keys it is asked for. */
function recordingDriver(name: string, style: 'single-key' | 'query', data: Record<string, string>): LookupDriver & { asked: LookupRequest[] } {
  const asked: LookupRequest[] = [];
  return {
    name,
    style,
    asked,
    async find(req) {
      asked.push(req);
      return data[req.key] ?? null;
    },
  };
}

describe('registry', () => {
  it('registers every built-in type', () => {
    const names = createLookupRegistry().names().sort();
    assert.deepEqual(names, ['cdb', 'dnsdb', 'dsearch', 'iplsearch', 'json', 'lsearch', 'nwildlsearch', 'passwd', 'wildlsearch']);
  });

  it('accepts query-style types registered later and strips leading white space of queries', async () => {
    const reg = createLookupRegistry();
    const redis = recordingDriver('redis', 'query', { 'get k': 'v' });
    reg.register(redis);
    const ctx = makeCtx(reg);
    const r = await reg.lookup('redis', untainted('  get k'), undefined, ctx);
    assert.deepEqual(r, { found: true, value: untainted('v') });
    assert.equal(redis.asked[0]!.key, 'get k');
  });

  it('passes unconsumed options to the driver and keeps ret=key and cache=no_rd for itself', async () => {
    const reg = new DefaultLookupRegistry();
    const d = recordingDriver('fake', 'single-key', { k: 'data' });
    reg.register(d);
    const r = await reg.lookup('fake,ret=key,cache=no_rd,servers=a:b,ret2=x', untainted('k'), basic, makeCtx(reg));
    assert.equal(r.value.s, 'k');
    assert.deepEqual([...d.asked[0]!.options], [['servers', 'a:b'], ['ret2', 'x']]);
    assert.equal(d.asked[0]!.file, basic.s);
  });

  it('refuses a tainted file name with Exim\'s log text', async () => {
    const reg = createLookupRegistry();
    await assert.rejects(reg.lookup('lsearch', untainted('abc'), tainted(basic.s), makeCtx(reg)), (err: unknown) => {
      assert.ok(err instanceof TaintedLookupFileError);
      assert.ok(err instanceof LookupError);
      assert.equal(err.message, `Tainted filename for search: '${basic.s}'`);
      return true;
    });
  });

  it('accepts a tainted key and returns untainted data', async () => {
    const reg = createLookupRegistry();
    const r = await reg.lookup('lsearch', tainted('foo'), basic, makeCtx(reg));
    assert.deepEqual(r.value, untainted('foo data'));
  });

  it('style mismatches use Exim\'s texts', async () => {
    const reg = createLookupRegistry();
    const ctx = makeCtx(reg);
    await assert.rejects(reg.lookup('lsearch', untainted('a'), undefined, ctx), { message: 'missing {key} for single-key "lsearch" lookup' });
    await assert.rejects(reg.lookup('passwd', untainted('root'), untainted('/x'), ctx), {
      message: 'a single key was given for lookup type "passwd", which is not a single-key lookup type',
    });
    await assert.rejects(reg.lookup('partial-passwd', untainted('root'), undefined, ctx), {
      message: '"partial" is not permitted for lookup type "passwd"',
    });
  });

  it('not found gives an empty untainted value', async () => {
    const reg = createLookupRegistry();
    assert.deepEqual(await reg.lookup('lsearch', untainted('nope'), basic, makeCtx(reg)), { found: false, value: untainted('') });
  });
});

describe('registry cache', () => {
  it('answers repeated lookups from the cache, including misses', async () => {
    const reg = new DefaultLookupRegistry();
    const d = recordingDriver('fake', 'single-key', { a: '1' });
    reg.register(d);
    const ctx = makeCtx(reg);
    await reg.lookup('fake', untainted('a'), basic, ctx);
    await reg.lookup('fake', untainted('a'), basic, ctx);
    await reg.lookup('fake', untainted('b'), basic, ctx);
    await reg.lookup('fake', untainted('b'), basic, ctx);
    assert.deepEqual(d.asked.map((r) => r.key), ['a', 'b']);
  });

  it('partial lookups reuse cached intermediate keys', async () => {
    const reg = new DefaultLookupRegistry();
    const d = recordingDriver('fake', 'single-key', { '*.c': 'wild' });
    reg.register(d);
    const ctx = makeCtx(reg);
    assert.equal((await reg.lookup('partial1-fake', untainted('a.b.c'), basic, ctx)).value.s, 'wild');
    assert.equal((await reg.lookup('partial1-fake', untainted('x.b.c'), basic, ctx)).value.s, 'wild');
    assert.deepEqual(d.asked.map((r) => r.key), ['a.b.c', '*.a.b.c', '*.b.c', '*.c', 'x.b.c', '*.x.b.c']);
  });

  it('cache=no_rd does a real lookup but still writes the cache', async () => {
    const reg = new DefaultLookupRegistry();
    const d = recordingDriver('fake', 'single-key', { a: '1' });
    reg.register(d);
    const ctx = makeCtx(reg);
    await reg.lookup('fake', untainted('a'), basic, ctx);
    await reg.lookup('fake,cache=no_rd', untainted('a'), basic, ctx);
    await reg.lookup('fake', untainted('a'), basic, ctx);
    assert.equal(d.asked.length, 2);
  });

  it('clearCache forgets everything', async () => {
    const reg = new DefaultLookupRegistry();
    const d = recordingDriver('fake', 'single-key', { a: '1' });
    reg.register(d);
    const ctx = makeCtx(reg);
    await reg.lookup('fake', untainted('a'), basic, ctx);
    assert.equal(reg.cacheSize, 1);
    reg.clearCache();
    assert.equal(reg.cacheSize, 0);
    await reg.lookup('fake', untainted('a'), basic, ctx);
    assert.equal(d.asked.length, 2);
  });

  it('a modified file is read again', async () => {
    const reg = createLookupRegistry();
    const ctx = makeCtx(reg);
    const file = join(scratch, 'changing.lsearch');
    writeFileSync(file, 'k: old\n');
    utimesSync(file, 1000, 1000);
    assert.equal((await reg.lookup('lsearch', untainted('k'), untainted(file), ctx)).value.s, 'old');
    writeFileSync(file, 'k: new\n');
    utimesSync(file, 2000, 2000);
    assert.equal((await reg.lookup('lsearch', untainted('k'), untainted(file), ctx)).value.s, 'new');
  });

  it('drivers marked non-cacheable are always asked', async () => {
    const reg = new DefaultLookupRegistry();
    const d = { ...recordingDriver('fake', 'query', { q: 'r' }), cacheable: false };
    reg.register(d);
    const ctx = makeCtx(reg);
    await reg.lookup('fake', untainted('q'), undefined, ctx);
    await reg.lookup('fake', untainted('q'), undefined, ctx);
    assert.equal(d.asked.length, 2);
  });

  it('close() reaches every driver', async () => {
    const reg = new DefaultLookupRegistry();
    let closed = 0;
    reg.register({ name: 'a', style: 'query', find: async () => null, close: () => void closed++ });
    reg.register({ name: 'b', style: 'query', find: async () => null, close: async () => void closed++ });
    await reg.close();
    assert.equal(closed, 2);
  });
});
