#!/usr/bin/env node
// Generates test/fixtures/regex/*.json by running real Exim 4.96 (`exim4 -be`) on regex cases.
// Subjects and patterns are byte strings: each JS char U+0000..U+00FF is sent to Exim as that byte.
// Usage: node scripts/oracle/gen-regex.mjs   (needs /usr/sbin/exim4; tests never call it)
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { MATCH_CASES, SG_CASES, ERROR_PATTERNS } from './regex-cases.mjs';

const OUT = 'test/fixtures/regex';
const SEP = '\x1f';

/** Escape text so Exim's expander yields it unchanged. */
function lit(s) {
  let out = '';
  for (const ch of s) {
    if ('\\${}'.includes(ch)) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) >= 127) out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else out += ch;
  }
  return out;
}

function exim(expr) {
  const r = spawnSync('exim4', ['-be', expr], { encoding: 'latin1' });
  let out = r.stdout;
  if (out.endsWith('\n')) out = out.slice(0, -1);
  return out;
}

function runMatch([subject, pattern]) {
  const groups = Array.from({ length: 10 }, (_, i) => `$${i}`).join('\\x1f');
  const out = exim(`\${if match{${lit(subject)}}{${lit(pattern)}}{M${SEP}${groups}}{NOMATCH}}`);
  if (out.startsWith('Failed: ')) return { subject, pattern, error: out.slice(8) };
  if (out === 'NOMATCH') return { subject, pattern, matched: false };
  const parts = out.split(SEP);
  return { subject, pattern, matched: true, groups: parts.slice(1) };
}

function runSg([subject, pattern, replacement]) {
  const out = exim(`\${sg{${lit(subject)}}{${lit(pattern)}}{${lit(replacement)}}}`);
  if (out.startsWith('Failed: ')) return { subject, pattern, replacement, error: out.slice(8) };
  return { subject, pattern, replacement, result: out };
}

function runError(pattern) {
  const out = exim(`\${if match{}{${lit(pattern)}}{y}{n}}`);
  const m = /^Failed: regular expression error in "[\s\S]*": ([\s\S]*) at offset (\d+)$/.exec(out);
  if (m) return { pattern, message: m[1], offset: Number(m[2]) };
  return { pattern, compiles: true, raw: out };
}

mkdirSync(OUT, { recursive: true });
const match = MATCH_CASES.map(runMatch);
const sg = SG_CASES.map(runSg);
const errors = ERROR_PATTERNS.map(runError);
writeFileSync(`${OUT}/match.json`, JSON.stringify(match, null, 1) + '\n');
writeFileSync(`${OUT}/sg.json`, JSON.stringify(sg, null, 1) + '\n');
writeFileSync(`${OUT}/errors.json`, JSON.stringify(errors, null, 1) + '\n');
console.log(`match ${match.length}, sg ${sg.length}, errors ${errors.length}`);
