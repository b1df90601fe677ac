// Choosing the configuration file: -C lists, the search path, the built-in default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfigFile, loadConfig, MissingConfigFileError, BUILT_IN_SOURCE_NAME } from '../../src/config/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mw-find-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const a = join(dir, 'a.conf');
const b = join(dir, 'b.conf');
writeFileSync(a, 'qualify_domain = a.example\n');
writeFileSync(b, 'qualify_domain = b.example\n');

test('-C list: the first file that exists is used', () => {
  assert.equal(findConfigFile({ file: `${join(dir, 'none')}:${b}:${a}` }).sourceName, b);
  assert.equal(loadConfig({ file: `${join(dir, 'none')}:${a}` }).mainOption('qualify_domain'), 'a.example');
});

test('-C naming no existing file: Exim\'s message with the whole list', () => {
  const list = `${join(dir, 'x')}:${join(dir, 'y')}`;
  assert.throws(
    () => findConfigFile({ file: list }),
    (e: unknown) => e instanceof MissingConfigFileError && e.message === `non-existent configuration file(s): ${list}`,
  );
});

test('search path: first existing file, else the built-in default', () => {
  assert.equal(findConfigFile({ searchPath: [join(dir, 'none'), a] }).sourceName, a);
  const builtIn = findConfigFile({ searchPath: [join(dir, 'none')] });
  assert.equal(builtIn.sourceName, BUILT_IN_SOURCE_NAME);
  assert.equal(builtIn.builtIn, true);
  assert.equal(loadConfig({ searchPath: [] }).sourceName, '<built-in default>');
});

test('a directory given with -C reads as an empty configuration', () => {
  const cfg = loadConfig({ file: dir });
  assert.equal(cfg.sourceName, dir);
  assert.equal(cfg.main.size, 0);
});
