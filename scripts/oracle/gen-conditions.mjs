#!/usr/bin/env node
// Oracle for src/expand/conditions: runs `${if COND{arg}...{T<probe>}{F}}` through exim4 -be
// for every case below and writes test/fixtures/expand-conditions/conditions.json with, per
// case, the condition, its (literal) arguments, the exact expansion text, and Exim's answer:
// { result: true|false, probe } or { error }. The probe records $value or $0..$12 on success.
// Lookup files used by list cases live in test/fixtures/expand-conditions/files and are named
// with the placeholder @FILES@ (absolute path of that folder) in the arguments.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CASES } from './condition-cases.mjs';
import { expandLines, literal } from './exim-lines.mjs';

const OUT_DIR = 'test/fixtures/expand-conditions';
const FILES_DIR = resolve(OUT_DIR, 'files');
const NUMERIC_PROBE = Array.from({ length: 13 }, (_, i) => `$${i}`).join('|');

function expression(c) {
  const probe = c.probe === 'value' ? '[$value]' : c.probe === 'numeric' ? `[${NUMERIC_PROBE}]` : '';
  const args = c.args.map((a) => `{${literal(a.replaceAll('@FILES@', FILES_DIR))}}`).join('');
  return `\${if ${c.cond}${args}{T${probe}}{F}}`;
}

const exprs = CASES.map(expression);
const answers = expandLines(exprs);
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
