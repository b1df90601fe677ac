/**
 * The same exim4 cases, but as whole `${if ...}` texts through the expansion engine, so the
 * argument shapes (literal list arguments, escapes) and $value/$n plumbing are covered too.
 * Skipped when the engine cannot be loaded (it is another module's work in progress).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bareContext, expectedOutput, loadConditionCases, NO_CONFIG, withFiles } from './fixture.js';
import { createLookupRegistry } from '../../../src/lookups/index.js';

type ExpandModule = typeof import('../../../src/expand/index.js');
let engine: ExpandModule | undefined;
try {
  engine = await import('../../../src/expand/index.js');
} catch {
  engine = undefined;
}

const cases = loadConditionCases();

test('conditions through the expansion engine agree with exim4', { skip: !engine && 'expansion engine not loadable' }, async () => {
  assert.ok(engine);
  void bareContext;
  const failures: string[] = [];
  for (const c of cases) {
    const ctx = engine.createExpandContext({ config: NO_CONFIG, lookups: createLookupRegistry() });
    let got: string;
    try {
      got = (await engine.expand(withFiles(c.expr), ctx)).s;
    } catch (err) {
      got = err instanceof engine.ExpandError ? `Failed: ${err.message}` : `THROWN ${String(err)}`;
    }
    const want = c.error !== undefined ? `Failed: ${c.error}` : expectedOutput(c);
    if (got !== want) failures.push(`${c.expr}\n   got  ${got}\n   want ${want}`);
  }
  assert.deepEqual(failures, []);
});
