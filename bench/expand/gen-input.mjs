#!/usr/bin/env node
// Builds the expansion benchmark input: N lines (default 100000) cycling through the corpus cases
// that are deterministic and free of side effects, all run with test/fixtures/corpus/main.conf.
// Left out: macro definitions and uses (state), ${run}/${readsocket}/${acl} (processes, sockets),
// time/pid/random values, slow external services, and any case exim printed nothing for.
// Usage: node bench/expand/gen-input.mjs <output file> [lines]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = join(repo, 'test/fixtures/corpus');
const [out, linesArg] = process.argv.slice(2);
if (!out) {
  console.error('usage: gen-input.mjs <output file> [lines]');
  process.exit(2);
}
const wanted = Number(linesArg ?? 100000);
// Also out: authentication conditions (pam sleeps ~2 s after a failure), DNS and interface lookups.
const UNSUITABLE =
  /\$\{(run|readsocket|acl|randint|perl|dlfunc)\b|\$\{if\s+!?(acl|pam|radius|pwcheck|saslauthd|ldapauth)\b|\$\{?(tod_|pid|load_average|spool_space|inode|runrc)|dnsdb|@\[\]/;

const pool = [];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('exim-0002')).sort()) {
  const group = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  if (group.config !== 'test/fixtures/corpus/main.conf' || f.startsWith('macros')) continue;
  for (const c of group.cases) {
    if (c.noOutput || /^[A-Z]/.test(c.input) || UNSUITABLE.test(c.input)) continue;
    pool.push(c.input);
  }
}
const lines = Array.from({ length: wanted }, (_, i) => pool[i % pool.length]);
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${wanted} lines from ${pool.length} distinct corpus cases -> ${out}`);
