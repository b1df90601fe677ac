import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { untainted } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { dumpJson, formatReal, parseJson } from '../../src/lookups/json-value.js';
import { LookupDefer } from '../../src/lookups/types.js';
import { makeCtx, makeScratch } from './helpers.js';

describe('json values', () => {
  it('keeps member order and integer text', () => {
    assert.equal(dumpJson(parseJson('{"b":1,"a":[true,false,null,12345678901234567890]}')), '{"b": 1, "a": [true, false, null, 12345678901234567890]}');
  });
  it('reals print like %.17g with .0 for integral values', () => {
    assert.equal(formatReal(1.5), '1.5');
    assert.equal(formatReal(2), '2.0');
    assert.equal(formatReal(0.1), '0.10000000000000001');
    assert.equal(formatReal(1e20), '1e20');
    assert.equal(formatReal(1.5e-7), '1.4999999999999999e-7');
  });
  it('strings are escaped on output', () => {
    assert.equal(dumpJson(parseJson('["a\\"b\\n\\u0001/é"]')), '["a\\"b\\n\\u0001/é"]');
  });
  it('rejects malformed documents', () => {
    for (const bad of ['{', '{"a" 1}', '[1,]', 'tru', '"x', '{} x']) assert.throws(() => parseJson(bad), Error, bad);
  });
});

describe('json lookup', () => {
  const scratch = makeScratch();
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const reg = createLookupRegistry();
  const ctx = makeCtx(reg);
  const file = untainted(join(scratch, 'data.json'));
  const look = (key: string, spec = 'json', f = file) => reg.lookup(spec, untainted(key), f, ctx);
  const value = async (key: string, spec = 'json') => {
    const r = await look(key, spec);
    return r.found ? r.value.s : null;
  };

  it('top-level string, dequoted', async () => assert.equal(await value('name'), 'fixture'));
  it('integer', async () => assert.equal(await value('count'), '42'));
  it('real', async () => assert.equal(await value('ratio'), '1.5'));
  it('booleans and null', async () => {
    assert.equal(await value('flag'), 'true');
    assert.equal(await value('off'), 'false');
    assert.equal(await value('nothing'), 'null');
  });
  it('array element by index, then object member', async () => {
    assert.equal(await value('list:1'), 'b');
    assert.equal(await value('list:2:deep'), 'value');
  });
  it('objects and arrays come back as JSON text', async () => {
    assert.equal(await value('obj'), '{"x": 1, "y": [1, 2.0, "three"], "z": {}}');
    assert.equal(await value('obj:y'), '[1, 2.0, "three"]');
  });
  it('a string with escapes is returned decoded', async () => assert.equal(await value('quoted'), 'say "hi"\n'));
  it('the selector list separator can be changed', async () => {
    assert.equal(await value('<;a:b'), 'colon key');
    assert.equal(await value('<;list;0'), 'a');
  });
  it('not found: missing member, index out of range, wrong container type', async () => {
    assert.equal(await value('nosuch'), null);
    assert.equal(await value('list:9'), null);
    assert.equal(await value('list:x'), null);
    assert.equal(await value('obj:0'), null);
    assert.equal(await value('name:x'), null);
  });
  it('* default and ret=key', async () => {
    const f = join(scratch, 'star.json');
    writeFileSync(f, '{"*": "dflt", "k": 1}');
    assert.equal((await look('zz', 'json*', untainted(f))).value.s, 'dflt');
    assert.equal((await look('k', 'json,ret=key', untainted(f))).value.s, 'k');
  });
  it('a missing file is an open failure', async () => {
    const missing = join(scratch, 'none.json');
    await assert.rejects(look('a', 'json', untainted(missing)), { message: `failed to open ${missing} for json search: No such file or directory` });
  });
  it('a malformed file defers', async () => {
    const f = join(scratch, 'bad.json');
    writeFileSync(f, '{"a": }');
    await assert.rejects(look('a', 'json', untainted(f)), LookupDefer);
  });
});
