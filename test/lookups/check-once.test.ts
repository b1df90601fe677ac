/**
 * The registry runs a driver's open-time checks once per file version: repeated lookups of an
 * unchanged file skip them, and a replaced, modified or chmod'ed file is checked again.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { untainted } from '../../src/expand/types.js';
import { createLookupRegistry, DefaultLookupRegistry } from '../../src/lookups/index.js';
import { LookupError, type LookupDriver } from '../../src/lookups/types.js';
import { makeCtx, makeScratch } from './helpers.js';

const scratch = makeScratch();
after(() => rmSync(scratch, { recursive: true, force: true }));

function countingDriver(): LookupDriver & { checks: number } {
  const driver = {
    name: 'counted',
    style: 'single-key' as const,
    checks: 0,
    async checkFile(): Promise<void> {
      driver.checks++;
    },
    async find(): Promise<string | null> {
      return null;
    },
  };
  return driver;
}

describe('open-time checks', () => {
  it('run once while the file is unchanged, again after a change or chmod', async () => {
    const file = join(scratch, 'counted.txt');
    writeFileSync(file, 'a\n');
    const reg = new DefaultLookupRegistry();
    const driver = countingDriver();
    reg.register(driver);
    const ctx = makeCtx(reg);
    for (const key of ['x', 'y', 'z']) await reg.lookup('counted', untainted(key), untainted(file), ctx);
    assert.equal(driver.checks, 1);
    writeFileSync(file, 'a longer text\n');
    await reg.lookup('counted', untainted('w'), untainted(file), ctx);
    assert.equal(driver.checks, 2);
    chmodSync(file, 0o600);
    await reg.lookup('counted', untainted('v'), untainted(file), ctx);
    assert.equal(driver.checks, 3);
  });

  it('run every time for a file that cannot be stat-ed', async () => {
    const reg = new DefaultLookupRegistry();
    const driver = countingDriver();
    reg.register(driver);
    const ctx = makeCtx(reg);
    const missing = join(scratch, 'missing.txt');
    for (const key of ['x', 'y']) await reg.lookup('counted', untainted(key), untainted(missing), ctx);
    assert.equal(driver.checks, 2);
  });

  it('catch a file replaced by a directory after a successful lookup', async () => {
    const path = join(scratch, 'becomes-dir.lsearch');
    writeFileSync(path, 'k: v\n');
    const reg = createLookupRegistry();
    const ctx = makeCtx(reg);
    assert.equal((await reg.lookup('lsearch', untainted('k'), untainted(path), ctx)).value.s, 'v');
    rmSync(path);
    mkdirSync(path);
    await assert.rejects(
      reg.lookup('lsearch', untainted('k'), untainted(path), ctx),
      (err: unknown) => err instanceof LookupError && err.message === `${path} is not a regular file (lsearch lookup)`,
    );
  });
});

describe('revalidateFiles: false (exim -be)', () => {
  it('answers cached keys from the first version until clearCache, new keys from the file', async () => {
    const file = join(scratch, 'session.lsearch');
    writeFileSync(file, 'k: v1\n');
    const reg = createLookupRegistry({ revalidateFiles: false });
    const ctx = makeCtx(reg);
    const find = async (key: string): Promise<string> => (await reg.lookup('lsearch', untainted(key), untainted(file), ctx)).value.s;
    assert.equal(await find('k'), 'v1');
    writeFileSync(file, 'k: v2 longer\nj: new\n');
    assert.equal(await find('k'), 'v1');
    assert.equal(await find('j'), 'new');
    reg.clearCache();
    assert.equal(await find('k'), 'v2 longer');
  });

  it('still reports a missing file on every lookup', async () => {
    const reg = createLookupRegistry({ revalidateFiles: false });
    const ctx = makeCtx(reg);
    const missing = join(scratch, 'never-there.lsearch');
    for (let i = 0; i < 2; i++) {
      await assert.rejects(reg.lookup('lsearch', untainted('k'), untainted(missing), ctx), /failed to open .* for linear search: No such file or directory/);
    }
  });
});
