import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { untainted } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { bufferSource, cdbFind, cdbHash } from '../../src/lookups/cdb-reader.js';
import { LookupDefer } from '../../src/lookups/types.js';
import { buildCdb } from './cdb-writer.js';
import { makeCtx, makeScratch } from './helpers.js';

describe('cdb reader', () => {
  it('hash matches the reference value', () => {
    assert.equal(cdbHash(Buffer.from('')), 5381);
    assert.equal(cdbHash(Buffer.from('a')), ((5381 << 5) + 5381) ^ 97);
  });
  it('finds every key among many (hash collisions within tables)', async () => {
    const records = Array.from({ length: 2000 }, (_, i) => [`key${i}`, `value${i}`] as const);
    const src = bufferSource(buildCdb(records));
    for (const i of [0, 1, 999, 1999]) assert.equal((await cdbFind(src, Buffer.from(`key${i}`)))?.toString(), `value${i}`);
    assert.equal(await cdbFind(src, Buffer.from('key2000')), null);
  });
  it('binary keys and data', async () => {
    const src = bufferSource(buildCdb([[Buffer.from([0, 255]), Buffer.from([1, 2, 3])]]));
    assert.deepEqual(await cdbFind(src, Buffer.from([0, 255])), Buffer.from([1, 2, 3]));
  });
});

describe('cdb driver', () => {
  const scratch = makeScratch();
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const reg = createLookupRegistry();
  const ctx = makeCtx(reg);
  const file = join(scratch, 'unit.cdb');
  writeFileSync(file, buildCdb([['k', 'v'], ['K', 'upper'], ['*', 'star'], ['*@d.example', 'at'], ['*.x.example', 'px'], ['k', 'second']]));
  const look = (spec: string, key: string, f = file) => reg.lookup(spec, untainted(key), untainted(f), ctx);

  it('exact, case-sensitive, first record wins', async () => {
    assert.equal((await look('cdb', 'k')).value.s, 'v');
    assert.equal((await look('cdb', 'K')).value.s, 'upper');
  });
  it('not found', async () => assert.equal((await look('cdb', 'nope')).found, false));
  it('partial', async () => assert.equal((await look('partial-cdb', 'a.b.x.example')).value.s, 'px'));
  it('* and *@', async () => {
    assert.equal((await look('cdb*', 'nope')).value.s, 'star');
    assert.equal((await look('cdb*@', 'me@d.example')).value.s, 'at');
  });
  it('ret=key', async () => assert.equal((await look('cdb*,ret=key', 'nope')).value.s, 'nope'));
  it('the committed fixture built by tinycdb reads back', async () => {
    assert.equal((await look('cdb', 'multiword', join(scratch, 'data.cdb'))).value.s, 'data with spaces in it');
  });
  it('a short file is an open failure', async () => {
    const short = join(scratch, 'short.cdb');
    writeFileSync(short, 'x');
    await assert.rejects(look('cdb', 'k', short), { message: `failed to open ${short} too short for cdb lookup: Success` });
  });
  it('a corrupt table defers', async () => {
    const bad = Buffer.alloc(4096);
    const h = cdbHash(Buffer.from('k'));
    bad.writeUInt32LE(4000, (h & 0xff) * 8);
    bad.writeUInt32LE(100, (h & 0xff) * 8 + 4);
    const p = join(scratch, 'corrupt.cdb');
    writeFileSync(p, bad);
    await assert.rejects(look('cdb', 'k', p), (e: unknown) => e instanceof LookupDefer && e.message === `cdb: corrupt cdb file ${p} (too short)`);
  });
});
