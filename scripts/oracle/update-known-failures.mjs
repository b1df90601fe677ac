#!/usr/bin/env node
// Rewrites the ratchet lists from a fresh run of the current code:
//   test/corpus/known-failures.json            (oracle corpus, test/corpus/expand.test.ts)
//   test/corpus/exim-0002-known-failures.json  (Exim test 0002, test/corpus/exim-0002.test.ts)
// Run it after fixing cases (the tests then demand it) or after adding corpus cases, and review
// the diff: a line removed is a case fixed, a line added is a case that newly fails.
//
// Usage: node scripts/oracle/update-known-failures.mjs
import { register } from 'tsx/esm/api';
import { join } from 'node:path';

register();
const h = await import('../../test/corpus/harness.ts');
const { run0002 } = await import('../../test/corpus/exim-0002.ts');

const { be, reason } = await h.importBe();
if (!be) {
  console.error(`cannot run the corpus: ${reason}`);
  process.exit(1);
}
process.chdir(h.REPO_ROOT);

const corpus = [];
for (const group of h.loadCorpus()) corpus.push(...(await h.runGroup(be, group)));
const n = h.writeKnownFailures(join(h.REPO_ROOT, 'test/corpus/known-failures.json'), corpus);
console.log(`corpus: ${corpus.length - n}/${corpus.length} pass, ${n} listed as known failures`);
console.log(h.summaryByGroup(corpus));

const r0002 = await run0002(be);
if (r0002) {
  const m = h.writeKnownFailures(join(h.REPO_ROOT, 'test/corpus/exim-0002-known-failures.json'), r0002);
  console.log(`exim 0002: ${r0002.length - m}/${r0002.length} pass, ${m} listed as known failures`);
} else {
  console.log('exim 0002: suite excerpt not found, list left unchanged');
}
