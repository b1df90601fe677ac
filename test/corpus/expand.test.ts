/**
 * End-to-end oracle corpus: every case in test/fixtures/corpus/*.json (generated from exim4 -be by
 * scripts/oracle/gen-corpus.mjs) goes through beExpandLine and must print what Exim printed.
 * Ratchet: test/corpus/known-failures.json lists the ids allowed to fail today; anything else
 * failing is an error, and so is a listed case that now passes (shrink the list).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  importBe, loadCorpus, BUILD_DIFFERENCE_GROUPS, runGroup, ratchet, readKnownFailures, describeFailure, summaryByGroup, passRate,
  REPO_ROOT, type CaseResult,
} from './harness.js';

const KNOWN = join(REPO_ROOT, 'test/corpus/known-failures.json');

test('corpus fixtures are well formed', () => {
  const groups = loadCorpus();
  const ids = groups.flatMap((g) => g.cases.map((c) => c.id));
  assert.ok(ids.length >= 600, `expected at least 600 cases, found ${ids.length}`);
  assert.equal(new Set(ids).size, ids.length, 'case ids are unique');
});

test('-be corpus matches exim 4.96 (ratchet: test/corpus/known-failures.json)', async (t) => {
  const { be, reason } = await importBe();
  if (!be) {
    t.skip(reason);
    return;
  }
  const results: CaseResult[] = [];
  for (const group of loadCorpus()) results.push(...(await runGroup(be, group)));
  const report = ratchet(results, readKnownFailures(KNOWN));
  t.diagnostic(`corpus pass rate ${passRate(report)}`);
  for (const [group, why] of Object.entries(BUILD_DIFFERENCE_GROUPS)) t.diagnostic(`group ${group} not compared: ${why}`);
  t.diagnostic(`by group:\n${summaryByGroup(results)}`);
  const problems: string[] = [];
  if (report.unexpected.length > 0) {
    problems.push(
      `${report.unexpected.length} case(s) fail that are not in known-failures.json:\n  ` +
        report.unexpected.slice(0, 40).map(describeFailure).join('\n  ') +
        (report.unexpected.length > 40 ? `\n  ... and ${report.unexpected.length - 40} more` : ''),
    );
  }
  if (report.fixed.length > 0) {
    problems.push(
      `${report.fixed.length} case(s) now pass: remove them from test/corpus/known-failures.json ` +
        `(node scripts/oracle/update-known-failures.mjs):\n  ${report.fixed.join('\n  ')}`,
    );
  }
  if (report.stale.length > 0) problems.push(`known-failures.json lists unknown ids: ${report.stale.join(', ')}`);
  assert.equal(problems.length, 0, problems.join('\n\n'));
});
