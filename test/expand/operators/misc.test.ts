/** Operators whose output cannot be recorded verbatim: randint, stat, and the post-4.96 ones. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, chmodSync, utimesSync, mkdirSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFixture, fakeContext, runOperator } from './helpers.js';

const ctx = fakeContext();

test('randint stays in range and handles multipliers', () => {
  for (let i = 0; i < 200; i++) {
    const v = Number(runOperator('randint', '7', ctx).out);
    assert.ok(Number.isInteger(v) && v >= 0 && v < 7, `randint 7 gave ${v}`);
  }
  assert.equal(runOperator('randint', '1', ctx).out, '0');
  assert.equal(runOperator('randint', '0', ctx).out, '0');
  const big = BigInt(runOperator('randint', '9223372036854775807', ctx).out!);
  assert.ok(big >= 0n && big < 9223372036854775807n);
  const k = Number(runOperator('randint', '1K', ctx).out);
  assert.ok(k >= 0 && k < 1024);
});

test('stat output matches exim4 for files recreated with the same modes and times', () => {
  const fixture = loadFixture('stat') as unknown as {
    files: Array<{ name: string; mode: number; content: string }>;
    dirs: Array<{ name: string; mode: number }>;
    times: { atime: number; mtime: number };
    dir: string;
    cases: Array<{ subject: string; out?: string; error?: string }>;
  };
  const dir = mkdtempSync(join(tmpdir(), 'mw-stat-'));
  try {
    for (const f of fixture.files) {
      writeFileSync(join(dir, f.name), f.content);
      chmodSync(join(dir, f.name), f.mode);
      utimesSync(join(dir, f.name), fixture.times.atime, fixture.times.mtime);
    }
    for (const d of fixture.dirs) {
      mkdirSync(join(dir, d.name));
      chmodSync(join(dir, d.name), d.mode);
      utimesSync(join(dir, d.name), fixture.times.atime, fixture.times.mtime);
    }
    for (const c of fixture.cases) {
      if (c.subject === '/dev/null') continue; // device times differ between machines
      const path = c.subject.replace(fixture.dir, dir);
      const got = runOperator('stat', path, ctx);
      if (c.error !== undefined) {
        assert.equal(got.error, c.error.replace(fixture.dir, dir));
        continue;
      }
      // inode, device, links (directories), owner and ctime belong to this machine.
      const st = statSync(path);
      const want = c
        .out!.replace(/inode=\d+/, `inode=${st.ino}`)
        .replace(/device=\d+/, `device=${st.dev}`)
        .replace(/uid=\d+ gid=\d+/, `uid=${st.uid} gid=${st.gid}`)
        .replace(/ctime=\d+/, `ctime=${Math.floor(st.ctimeMs / 1000)}`)
        .replace(/size=\d+/, st.isDirectory() ? `size=${st.size}` : (c.out!.match(/size=\d+/)![0]));
      assert.equal(got.out, want);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stat of /dev/null reports a character device', () => {
  assert.match(runOperator('stat', '/dev/null', ctx).out!, /^mode=20666 smode=crw-rw-rw- inode=\d+ device=\d+ links=1 uid=0 gid=0 size=0 atime=\d+ mtime=\d+ ctime=\d+$/);
});

test('headerwrap (post-4.96) wraps at white space with newline-tab', () => {
  const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
  const wrapped = runOperator('headerwrap', words, ctx).out!;
  assert.ok(wrapped.includes('\n\t'));
  for (const line of wrapped.split('\n')) assert.ok(line.length <= 80, line);
  assert.equal(wrapped.replace(/\n\t/g, ' '), words);
  assert.equal(runOperator('headerwrap_20_1000', 'aaa bbb ccc ddd eee fff ggg', ctx).out, 'aaa bbb ccc ddd eee\n\tfff ggg');
  assert.equal(runOperator('headerwrap_10_5', 'abc def ghi', ctx).out, 'abc d');
  assert.equal(runOperator('headerwrap', 'short', ctx).out, 'short');
  assert.equal(runOperator('headerwrap_5', 'nospaceslongword', ctx).out, 'nospaceslongword');
});

test('xtextd (post-4.96) decodes +HH escapes', () => {
  assert.equal(runOperator('xtextd', 'a+2Bb', ctx).out, 'a+b');
  assert.equal(runOperator('xtextd', 'x+3Dy+20z', ctx).out, 'x=y z');
  assert.equal(runOperator('xtextd', 'plain', ctx).out, 'plain');
  assert.equal(runOperator('xtextd', 'bad+zz', ctx).out, 'bad+zz');
  assert.equal(runOperator('xtextd', '+C3+A9', ctx).out, 'é');
});
