// Shared by gen-conditions.mjs and gen-srs.mjs: expand many one-line texts with one
// `exim4 -be` process under a throw-away configuration; one answer line per input line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Returns, per text, { out } or { error } (the text after "Failed: "). */
export function expandLines(exprs) {
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

/** Write a string into an expansion literally: backslash-escape the expansion specials. */
export function literal(s) {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (ch === '\\' || ch === '$' || ch === '{' || ch === '}') out += '\\' + ch;
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out;
}
