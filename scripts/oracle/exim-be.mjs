// Shared helpers for oracle scripts: run many expansion strings through one `exim4 -be`
// process (stdin mode) and map each back to its output or its "Failed: " message.
// Byte-exact: strings are converted with the same surrogate-escape convention as
// src/expand/operators/bytes.ts (valid UTF-8 -> characters, stray bytes -> U+DC80..U+DCFF).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { bytesToEscapedString } from './lib/corpus-format.mjs';

export function toBytes(s) {
  const out = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (cp >= 0xdc80 && cp <= 0xdcff) out.push(cp - 0xdc00);
    else out.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(out);
}

/** Bytes to the project's string form: the one decoder in lib/corpus-format.mjs. */
export const fromBytes = bytesToEscapedString;

/** Write a subject into an expansion string literally: escape expansion specials, hex-escape controls. */
export function literal(subject) {
  let out = '';
  for (const ch of subject) {
    const cp = ch.codePointAt(0);
    if (ch === '\\' || ch === '$' || ch === '{' || ch === '}') out += '\\' + ch;
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out;
}

/**
 * Expand every text in `exprs` with one exim4 -be process. Returns, per text,
 * { out } or { error } (the text after "Failed: ").
 */
export function runBatch(exprs, { config, extraArgs = [] } = {}) {
  const lines = exprs.map((e, i) => `@@B${i}@@${e}@@E${i}@@`);
  const args = [];
  if (config) args.push('-C', config);
  args.push(...extraArgs, '-be');
  const input = Buffer.concat(lines.map((l) => Buffer.concat([toBytes(l), Buffer.from('\n')])));
  const res = spawnSync('/usr/sbin/exim4', args, { input, maxBuffer: 1 << 28 });
  if (res.status !== 0) throw new Error(`exim4 failed (status ${res.status}, signal ${res.signal}): ${res.stderr}`);
  const text = fromBytes(res.stdout);
  const results = [];
  let pos = 0;
  for (let i = 0; i < exprs.length; i++) {
    if (!text.startsWith('> ', pos)) throw new Error(`no prompt for case ${i} at ${pos}: ${text.slice(pos, pos + 80)}`);
    pos += 2;
    const open = `@@B${i}@@`;
    const close = `@@E${i}@@\n`;
    if (text.startsWith(open, pos)) {
      const end = text.indexOf(close, pos);
      // No result of these cases holds "\n> ", so the next prompt ends this case's output.
      const nextPrompt = text.indexOf('\n> ', pos);
      if (end < 0 || end > nextPrompt) {
        // Exim 4.96 loses the rest of the line after some results (ipv6norm with "::"): keep what it printed.
        results.push({ out: text.slice(pos + open.length, nextPrompt), tailLost: true });
        pos = nextPrompt + 1;
      } else {
        results.push({ out: text.slice(pos + open.length, end) });
        pos = end + close.length;
      }
    } else if (text.startsWith('Failed: ', pos)) {
      const end = text.indexOf('\n> ', pos);
      results.push({ error: text.slice(pos + 8, end) });
      pos = end + 1;
    } else {
      writeFileSync("/tmp/oracle-dump.txt", text);
      throw new Error(`unexpected output for case ${i}: ${text.slice(pos, pos + 80)}`);
    }
  }
  return results;
}

export function writeFixture(dir, name, data) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/${name}.json`, JSON.stringify(data, null, 1) + '\n');
}
