#!/usr/bin/env node
// Decides which cases of Exim's test 0002 the corpus test can hold mailwright to, and writes the
// rest with a reason to test/fixtures/corpus/exim-0002-skips.json.
//
// The test suite expects Exim's harness: fake DNS (myhost.test.ex, reverse lookups), a non-root
// caller, munged uids/pids/dates, a build with its own options. So every reproducible -be block
// is replayed through the real exim4 in the same rebuilt environment (test/corpus/exim-0002.ts);
// a case whose answer here differs from the suite's expected stdout depends on the harness and
// is skipped. Blocks needing options the -be API cannot express (-oMa, -f, ...) are skipped whole.
//
// Usage: node scripts/oracle/gen-exim-0002-skips.mjs      (needs /usr/sbin/exim4)
import { spawnSync } from 'node:child_process';
import { writeFileSync, existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';
import { SEPARATOR, splitBatchedOutput } from './lib/corpus-format.mjs';

register();
const { setUp0002, munge, SKIPS_FILE } = await import('../../test/corpus/exim-0002.ts');

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
if (!existsSync(EXIM)) {
  console.error(`${EXIM} not found`);
  process.exit(1);
}
const env = setUp0002();
if (!env) {
  console.error('exim test suite excerpt not found (../shared/conformance/exim-testsuite-4.96)');
  process.exit(1);
}

function replay(block, cases) {
  const args = ['-C', env.config, ...Object.entries(block.macros).map(([k, v]) => `-D${k}=${v}`), '-be'];
  const stdin = Buffer.from(cases.map((c) => `${c.input}\n${SEPARATOR}\n`).join(''), 'latin1');
  const res = spawnSync(EXIM, args, { input: stdin, encoding: 'latin1', cwd: env.dir, env: { PATH: '/usr/bin:/bin', USER: 'root' } });
  if (res.status !== 0) throw new Error(`exim4 failed on block at line ${block.line}: ${res.stderr}`);
  return splitBatchedOutput(res.stdout, cases.length).map((a) => munge(a.text, env.dir));
}

// Why some differences happen, where we know (otherwise the reason just shows exim4's answer).
const KNOWN_CAUSES = [
  [/^\$\{prvs\{/, 'prvs signatures include the current day number'],
  [/base62d/, "the suite's build reports base 36/62; the installed exim4 (our oracle) says base 62 (covered by the corpus)"],
  [/caller|authenticated_id|authenticated_sender|sender_ident/i, 'the harness runs as an unprivileged caller and munges its name to CALLER'],
];

function reasonFor(input, answer) {
  const known = KNOWN_CAUSES.find(([re]) => re.test(input));
  const printed = `exim4 here prints ${JSON.stringify(answer)}`;
  return known ? `${known[1]}; ${printed}` : `depends on Exim's test harness; ${printed}`;
}

const skips = [];
try {
  const byBlock = new Map();
  for (const c of env.cases) byBlock.set(c.block, [...(byBlock.get(c.block) ?? []), c]);
  for (const [block, cases] of byBlock) {
    if (block.unsupported) {
      for (const c of cases) skips.push({ id: c.id, reason: `block "${block.command}": ${block.unsupported}` });
      continue;
    }
    const answers = replay(block, cases);
    cases.forEach((c, i) => {
      if (answers[i] !== c.expected) {
        skips.push({ id: c.id, reason: reasonFor(c.input, answers[i]) });
      }
    });
  }
} finally {
  env.cleanup();
}
skips.sort((a, b) => Number(a.id.slice(6)) - Number(b.id.slice(6)));
writeFileSync(SKIPS_FILE, JSON.stringify(skips, null, 1) + '\n');
console.log(`${env.cases.length} cases, ${skips.length} skipped, ${env.cases.length - skips.length} checked`);
