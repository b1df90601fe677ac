import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { untainted } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { LookupDefer, LookupError } from '../../src/lookups/types.js';
import { makeCtx, makeScratch } from './helpers.js';

describe('dsearch', () => {
  const scratch = makeScratch([
    { name: 'file', type: 'file' },
    { name: 'dir', type: 'dir' },
    { name: 'a.example', type: 'file' },
    { name: '*.example', type: 'file' },
    { name: '*', type: 'file' },
    { name: '*@dom', type: 'file' },
  ]);
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const dir = untainted(join(scratch, 'dtree'));
  const reg = createLookupRegistry();
  const ctx = makeCtx(reg);
  const look = (spec: string, key: string, d = dir) => reg.lookup(spec, untainted(key), d, ctx);

  it('finds an entry and returns its name', async () => assert.deepEqual((await look('dsearch', 'file')).value, untainted('file')));
  it('is case-sensitive', async () => assert.equal((await look('dsearch', 'FILE')).found, false));
  it('ret=full returns the path', async () => assert.equal((await look('dsearch,ret=full', 'dir')).value.s, `${dir.s}/dir`));
  it('filter=file and filter=dir', async () => {
    assert.equal((await look('dsearch,filter=file', 'dir')).found, false);
    assert.equal((await look('dsearch,filter=dir', 'dir')).found, true);
    assert.equal((await look('dsearch,filter=subdir', '..')).found, false);
  });
  it('partial matching over entry names', async () => {
    assert.equal((await look('partial1-dsearch', 'b.example')).value.s, '*.example');
    assert.equal((await look('partial-dsearch', 'b.example')).found, false);
  });
  it('* and *@ defaults', async () => {
    assert.equal((await look('dsearch*', 'nothing')).value.s, '*');
    assert.equal((await look('dsearch*@', 'u@dom')).value.s, '*@dom');
  });
  it('ret=key returns the key looked up, not the default entry', async () => {
    assert.equal((await look('dsearch*,ret=key', 'nothing')).value.s, 'nothing');
  });
  it('a slash in the key defers', async () => {
    await assert.rejects(look('dsearch', '../x'), (e: unknown) => e instanceof LookupDefer && e.message === 'key for dsearch lookup contains a slash: ../x');
  });
  it('a missing directory is an open failure', async () => {
    await assert.rejects(look('dsearch', 'x', untainted(`${dir.s}/none`)), {
      message: `failed to open ${dir.s}/none for directory search: No such file or directory`,
    });
  });
  it('a relative directory that exists is refused', async () => {
    const rel = untainted('.');
    await assert.rejects(look('dsearch', 'x', rel), (e: unknown) => e instanceof LookupError && e.message === "dirname '.' for dsearch is not absolute");
  });
});
