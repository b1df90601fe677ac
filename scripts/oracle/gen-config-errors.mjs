#!/usr/bin/env node
// Runs each case of config-error-cases.mjs through the real Exim (`exim4 -C main.conf -bV`) and
// records how it reacted: accepted, or the configuration error's file, line and message (plus
// any warnings it logged while reading). Writes test/fixtures/config/errors.json.
//
// Usage (as root, with exim4 installed): node scripts/oracle/gen-config-errors.mjs
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CASES } from './config-error-cases.mjs';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const OUT = 'test/fixtures/config/errors.json';

const TS = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /;

/** Reads exim's stderr into an outcome; paths under `dir` become relative. */
function outcomeOf(stderr, dir) {
  const rel = (p) => (p.startsWith(`${dir}/`) ? p.slice(dir.length + 1) : p);
  // Messages may name files too (e.g. a missing .include): the case directory becomes DIR.
  const norm = (msg) => msg.split(dir).join('DIR');
  const lines = stderr.split('\n');
  const warnings = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!TS.test(line)) continue;
    const text = line.replace(TS, '');
    const next = norm((lines[i + 1] ?? '').replace(/^ {2}/, ''));
    let m;
    if ((m = /^Exim configuration error in line (\d+) of (.*):$/.exec(text))) {
      return { kind: 'error', file: rel(m[2]), line: Number(m[1]), message: next, warnings };
    }
    if (text === 'Exim configuration error:') return { kind: 'error', message: next, warnings };
    if ((m = /^Exim configuration error for (.*):$/.exec(text))) {
      // Raised when a driver is initialised, after the file has been read.
      return { kind: 'init-error', context: m[1], message: next, warnings };
    }
    if (text.startsWith('Warning: purging the environment')) continue;
    warnings.push(norm(text));
  }
  return { kind: 'ok', warnings };
}

function run(testCase, root) {
  const dir = join(root, testCase.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.conf'), testCase.conf);
  for (const [name, text] of Object.entries(testCase.files ?? {})) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const defines = Object.entries(testCase.defines ?? {}).map(([k, v]) => (v === '' ? `-D${k}` : `-D${k}=${v}`));
  const res = spawnSync(EXIM, ['-C', join(dir, 'main.conf'), ...defines, '-bV'], { encoding: 'latin1' });
  return outcomeOf(res.stderr, dir);
}

const root = mkdtempSync(join(tmpdir(), 'mw-config-oracle-'));
try {
  const fixtures = CASES.map((c) => ({ ...c, outcome: run(c, root) }));
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(fixtures, null, 1)}\n`);
  const counts = {};
  for (const f of fixtures) counts[f.outcome.kind] = (counts[f.outcome.kind] ?? 0) + 1;
  console.log(`wrote ${fixtures.length} cases to ${OUT}`, counts);
} finally {
  rmSync(root, { recursive: true, force: true });
}
