import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { untainted } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { makeCtx, makeScratch } from './helpers.js';

describe('lsearch driver', () => {
  const scratch = makeScratch();
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const reg = createLookupRegistry();
  const ctx = makeCtx(reg);
  const basic = join(scratch, 'basic.lsearch');
  const look = async (spec: string, key: string, file = basic) => {
    const r = await reg.lookup(spec, untainted(key), untainted(file), ctx);
    return r.found ? r.value.s : null;
  };

  it('keys are caseless', async () => assert.equal(await look('lsearch', 'fOo'), 'foo data'));
  it('not found', async () => assert.equal(await look('lsearch', 'absent'), null));
  it('empty key is never found without defaults', async () => assert.equal(await look('lsearch', ''), null));
  it('partial', async () => assert.equal(await look('partial-lsearch', 'deep.x.y.z'), 'star x.y.z'));
  it('partial respects the minimum component count', async () => {
    assert.equal(await look('partial3-lsearch', 'deep.mid.top'), null);
    assert.equal(await look('partial2-lsearch', 'deep.mid.top'), 'mid top');
    assert.equal(await look('partial3-lsearch', 'mid.top'), 'mid top');
  });
  it('* default', async () => assert.equal(await look('lsearch*', 'absent'), 'the default'));
  it('*@ default', async () => assert.equal(await look('lsearch*@', 'who@dom.example'), 'any user at dom'));
  it('ret=key returns the key as given', async () => assert.equal(await look('lsearch*,ret=key', 'AbSeNt'), 'AbSeNt'));
  it('ret=full returns the dequoted key and the rest of the line', async () => assert.equal(await look('lsearch,ret=full', 'with:colon'), 'with:colon colondata'));
  it('missing file', async () => {
    await assert.rejects(look('lsearch', 'k', join(scratch, 'nope')), {
      message: `failed to open ${join(scratch, 'nope')} for linear search: No such file or directory`,
    });
  });
  it('directory instead of file', async () => {
    await assert.rejects(look('lsearch', 'k', scratch), { message: `${scratch} is not a regular file (lsearch lookup)` });
  });
  it('unknown type', async () => {
    await assert.rejects(look('lsearhc', 'k'), { message: 'unknown lookup type "lsearhc"' });
  });
});
