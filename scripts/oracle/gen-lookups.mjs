#!/usr/bin/env node
// Oracle for the lookup registry and file lookups: runs each case through `exim4 -be` (one
// process per case, so errno-dependent texts and fatal errors stay per case) and writes
// test/fixtures/lookups/oracle.json.
//
// Fixture files live in test/fixtures/lookups/files/; they are copied to a scratch directory
// with "@DIR@" replaced by its absolute path (nested lookups in wildlsearch files need one),
// and the dsearch tree and data.cdb are built there. Tests do the same with their own scratch
// directory. data.cdb is built with tinycdb (`apt-get install -y tinycdb`) and committed.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { literal } from './exim-be.mjs';
import { CASES, CDB_RECORDS, DSEARCH_TREE } from './lookup-cases.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const FILES = join(ROOT, 'test/fixtures/lookups/files');
const OUT = join(ROOT, 'test/fixtures/lookups/oracle.json');
const SCRATCH = '/tmp/mw-lookups-oracle';

function cdbSource(records) {
  const line = ([k, v]) => `+${Buffer.byteLength(k)},${Buffer.byteLength(v)}:${k}->${v}\n`;
  return records.map(line).join('') + '\n';
}

function buildCdb() {
  const res = spawnSync('cdb', ['-c', join(FILES, 'data.cdb')], { input: cdbSource(CDB_RECORDS) });
  if (res.status !== 0) throw new Error(`cdb -c failed: ${res.stderr}`);
}

function buildTree(dir, tree) {
  for (const e of tree) {
    const p = join(dir, e.name);
    if (e.type === 'file') writeFileSync(p, e.content ?? '');
    else if (e.type === 'dir') mkdirSync(p, { recursive: true });
    else symlinkSync(e.target, p);
  }
}

function prepareScratch() {
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });
  for (const name of readdirSync(FILES)) {
    const src = join(FILES, name);
    if (name.endsWith('.cdb')) cpSync(src, join(SCRATCH, name));
    else writeFileSync(join(SCRATCH, name), readFileSync(src, 'utf8').replaceAll('@DIR@', SCRATCH));
  }
  mkdirSync(join(SCRATCH, 'dtree'));
  buildTree(join(SCRATCH, 'dtree'), DSEARCH_TREE);
  mkdirSync('/tmp/eximspool', { recursive: true });
  writeFileSync(join(SCRATCH, 'exim.conf'), 'spool_directory = /tmp/eximspool\nkeep_environment =\n');
}

function expression(c) {
  const yes = '{Y[$value]}{N}';
  if (c.query !== undefined) return `\${lookup ${c.spec}{${literal(c.query)}}${yes}}`;
  const file = c.file.replaceAll('@DIR@', SCRATCH);
  return `\${lookup{${literal(c.key)}}${c.spec}{${file}}${yes}}`;
}

/** Classify what exim printed: found, not found, expansion error, lookup defer, or fatal log. */
function outcome(c, stdout, stderr, status) {
  const out = stdout.replace(/\n$/, '').replaceAll(SCRATCH, '@DIR@');
  const err = stderr.replace(/\n$/, '').replaceAll(SCRATCH, '@DIR@');
  if (status !== 0 && out === '') {
    return { kind: 'fatal', message: err.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /, '') };
  }
  if (out === 'N') return { kind: 'notfound' };
  const found = /^Y\[([\s\S]*)\]$/.exec(out);
  if (found) return { kind: 'found', value: found[1] };
  const key = c.query ?? c.key;
  const deferPrefix = `Failed: lookup of "${key}" gave DEFER: `;
  if (out.startsWith(deferPrefix)) return { kind: 'defer', message: out.slice(deferPrefix.length) };
  if (out.startsWith('Failed: ')) return { kind: 'error', message: out.slice(8) };
  throw new Error(`unexpected output for ${JSON.stringify(c)}: ${out}`);
}

function run(c) {
  const args = ['-C', join(SCRATCH, 'exim.conf'), '-be', expression(c)];
  const res = spawnSync('/usr/sbin/exim4', args, { encoding: 'utf8' });
  return outcome(c, res.stdout, res.stderr, res.status);
}

buildCdb();
prepareScratch();
const results = CASES.map((c) => ({ ...c, expect: run(c) }));
const fixture = { generatedBy: 'scripts/oracle/gen-lookups.mjs', eximVersion: '4.96', dsearchTree: DSEARCH_TREE, cases: results };
writeFileSync(OUT, JSON.stringify(fixture, null, 1) + '\n');
const counts = {};
for (const r of results) counts[r.expect.kind] = (counts[r.expect.kind] ?? 0) + 1;
console.log(`${results.length} cases written to ${OUT}`, counts);
