/**
 * Exim's own string-expansion test 0002, read in place from ../shared/conformance (never copied):
 * every reproducible -be case goes through beExpandLine and must print the suite's expected line.
 * Cases that depend on Exim's harness are listed with reasons in
 * test/fixtures/corpus/exim-0002-skips.json (scripts/oracle/gen-exim-0002-skips.mjs).
 * Ratchet: test/corpus/exim-0002-known-failures.json, as for the corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importBe, ratchet, readKnownFailures, describeFailure, passRate, REPO_ROOT } from './harness.js';
import { readSkips, run0002 } from './exim-0002.js';

const KNOWN = join(REPO_ROOT, 'test/corpus/exim-0002-known-failures.json');

test('exim test 0002 -be cases (ratchet: test/corpus/exim-0002-known-failures.json)', async (t) => {
  const { be, reason } = await importBe();
  if (!be) {
    t.skip(reason);
    return;
  }
  const results = await run0002(be);
  if (!results) {
    t.skip('exim test suite excerpt not found at ../shared/conformance/exim-testsuite-4.96');
    return;
  }
  assert.ok(results.length > 800, `expected 800+ reproducible 0002 cases, got ${results.length}`);
  const report = ratchet(results, readKnownFailures(KNOWN));
  t.diagnostic(`exim 0002 pass rate ${passRate(report)} (${readSkips().size} harness-dependent cases skipped)`);
  const problems: string[] = [];
  if (report.unexpected.length > 0) {
    problems.push(
      `${report.unexpected.length} case(s) fail that are not in exim-0002-known-failures.json:\n  ` +
        report.unexpected.slice(0, 40).map(describeFailure).join('\n  '),
    );
  }
  if (report.fixed.length > 0) {
    problems.push(
      `${report.fixed.length} case(s) now pass: remove them from test/corpus/exim-0002-known-failures.json ` +
        `(node scripts/oracle/update-known-failures.mjs):\n  ${report.fixed.join('\n  ')}`,
    );
  }
  if (report.stale.length > 0) problems.push(`exim-0002-known-failures.json lists unknown ids: ${report.stale.join(', ')}`);
  assert.equal(problems.length, 0, problems.join('\n\n'));
});
