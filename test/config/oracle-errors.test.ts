// Every case of test/fixtures/config/errors.json (made by scripts/oracle/gen-config-errors.mjs
// from Exim 4.96) read by loadConfig: same acceptance, same error file, line and message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { ParsedConfig } from '../../src/config/loaded.js';
import { ConfigError } from '../../src/util/errors.js';

interface Outcome {
  kind: 'ok' | 'error' | 'init-error';
  file?: string;
  line?: number;
  message?: string;
  warnings: string[];
}

interface Fixture {
  name: string;
  conf: string;
  files?: Record<string, string>;
  defines?: Record<string, string>;
  outcome: Outcome;
}

const fixtures = JSON.parse(readFileSync('test/fixtures/config/errors.json', 'utf8')) as Fixture[];

function observe(fx: Fixture, root: string): Outcome {
  const dir = join(root, fx.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.conf'), fx.conf);
  for (const [name, text] of Object.entries(fx.files ?? {})) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  try {
    const cfg = loadConfig({ file: join(dir, 'main.conf'), macros: fx.defines ?? {} });
    return { kind: 'ok', warnings: [...(cfg as ParsedConfig).warnings] };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const out: Outcome = { kind: 'error', message: e.message.split(dir).join('DIR'), warnings: [] };
    if (e.file !== undefined) out.file = e.file.startsWith(`${dir}/`) ? e.file.slice(dir.length + 1) : e.file;
    if (e.line !== undefined) out.line = e.line;
    return out;
  }
}

const root = mkdtempSync(join(tmpdir(), 'mw-config-errors-'));
test.after(() => rmSync(root, { recursive: true, force: true }));

test('the oracle corpus is not empty', () => {
  assert.ok(fixtures.length > 200);
});

for (const fx of fixtures) {
  test(`exim oracle: ${fx.name}`, () => {
    const got = observe(fx, root);
    const want = { ...fx.outcome };
    // Warnings are only compared for accepted files: Exim logs them as it reads.
    if (want.kind !== 'ok') {
      want.warnings = [];
      got.warnings = [];
    }
    assert.deepEqual(got, want);
  });
}
