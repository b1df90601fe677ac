#!/usr/bin/env node
// Oracle for src/expand/conditions: runs `${if COND{arg}...{T<probe>}{F}}` through exim4 -be
// for every case below and writes test/fixtures/expand-conditions/conditions.json with, per
// case, the condition, its (literal) arguments, the exact expansion text, and Exim's answer:
// { result: true|false, probe } or { error }. The probe records $value or $0..$12 on success.
// Lookup files used by list cases live in test/fixtures/expand-conditions/files and are named
// with the placeholder @FILES@ (absolute path of that folder) in the arguments.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CASES } from './condition-cases.mjs';

const OUT_DIR = 'test/fixtures/expand-conditions';
const FILES_DIR = resolve(OUT_DIR, 'files');
const NUMERIC_PROBE = Array.from({ length: 13 }, (_, i) => `$${i}`).join('|');

/** Write a string into an expansion literally: backslash-escape the expansion specials. */
function literal(s) {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (ch === '\\' || ch === '$' || ch === '{' || ch === '}') out += '\\' + ch;
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out;
}

function expression(c) {
  const probe = c.probe === 'value' ? '[$value]' : c.probe === 'numeric' ? `[${NUMERIC_PROBE}]` : '';
  const args = c.args.map((a) => `{${literal(a.replaceAll('@FILES@', FILES_DIR))}}`).join('');
  return `\${if ${c.cond}${args}{T${probe}}{F}}`;
}

function runExim(exprs) {
  const spool = mkdtempSync(join(tmpdir(), 'mw-cond-spool-'));
  const config = join(spool, 'test.conf');
  writeFileSync(config, `spool_directory = ${spool}\nkeep_environment =\n`);
  const input = exprs.map((e, i) => `@@B${i}@@${e}@@E${i}@@\n`).join('');
  const res = spawnSync('/usr/sbin/exim4', ['-C', config, '-be'], { input, maxBuffer: 1 << 26 });
  if (res.status !== 0) throw new Error(`exim4 failed: ${res.stderr}`);
  // One answer line per input line: "> @@Bi@@result@@Ei@@" or "> Failed: message".
  const lines = res.stdout.toString('utf8').split('\n');
  return exprs.map((_, i) => {
    const line = lines[i] ?? '';
    if (!line.startsWith('> ')) throw new Error(`no prompt for case ${i}: ${line}`);
    const body = line.slice(2);
    if (body.startsWith('Failed: ')) return { error: body.slice(8) };
    const m = new RegExp(`^@@B${i}@@(.*)@@E${i}@@$`).exec(body);
    if (!m) throw new Error(`unexpected answer for case ${i}: ${body}`);
    return { out: m[1] };
  });
}

const exprs = CASES.map(expression);
const answers = runExim(exprs);
const fixture = CASES.map((c, i) => {
  const a = answers[i];
  const entry = { cond: c.cond, args: c.args, expr: exprs[i].replaceAll(FILES_DIR, '@FILES@') };
  if (c.probe) entry.probe = c.probe;
  if ('error' in a) return { ...entry, error: a.error };
  if (a.out === 'F') return { ...entry, result: false };
  if (!a.out.startsWith('T')) throw new Error(`unexpected output for ${exprs[i]}: ${a.out}`);
  const probed = a.out.slice(1);
  return { ...entry, result: true, ...(c.probe ? { probed: probed.slice(1, -1) } : {}) };
});
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(`${OUT_DIR}/conditions.json`, JSON.stringify(fixture, null, 1) + '\n');
console.log(`wrote ${fixture.length} condition cases (${fixture.filter((f) => f.error).length} errors)`);
