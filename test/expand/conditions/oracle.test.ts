/**
 * Every condition case recorded from exim4 (test/fixtures/expand-conditions/conditions.json),
 * evaluated by calling the registered ConditionDef directly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conditions } from '../../../src/expand/conditions/index.js';
import { ExpandError, untainted, type ExpandContext } from '../../../src/expand/types.js';
import { matchDomainList } from '../../../src/match/index.js';
import { bareContext, loadConditionCases, withFiles, type ConditionCase } from './fixture.js';

const cases = loadConditionCases();

async function listMatchingAvailable(): Promise<boolean> {
  try {
    await matchDomainList('a', 'a', bareContext());
    return true;
  } catch {
    return false;
  }
}
const listMatching = await listMatchingAvailable();

function probeText(c: ConditionCase, ctx: ExpandContext): string {
  if (c.probe === 'value') return ctx.value?.s ?? '';
  return Array.from({ length: 13 }, (_, i) => ctx.numeric[i]?.s ?? '').join('|');
}

async function evaluate(c: ConditionCase): Promise<{ result: boolean; probed: string } | { error: string }> {
  const def = conditions.get(c.cond);
  assert.ok(def, `condition ${c.cond} is registered`);
  assert.equal(def.nargs, c.args.length, `nargs of ${c.cond}`);
  const ctx = bareContext();
  try {
    const result = await def.fn(c.args.map((a) => untainted(withFiles(a))), ctx);
    return { result, probed: probeText(c, ctx) };
  } catch (err) {
    if (err instanceof ExpandError) return { error: err.message };
    throw err;
  }
}

test('fixture has cases for every argument-taking condition', () => {
  const names = new Set(cases.map((c) => c.cond));
  for (const n of ['<', '<=', '=', '==', '>', '>=', 'eq', 'eqi', 'ge', 'gei', 'gt', 'gti', 'le', 'lei', 'lt', 'lti',
    'bool', 'bool_lax', 'crypteq', 'exists', 'inlist', 'inlisti', 'isip', 'isip4', 'isip6', 'match',
    'match_address', 'match_domain', 'match_ip', 'match_local_part']) {
    assert.ok(names.has(n), n);
  }
});

const groups = new Map<string, ConditionCase[]>();
for (const c of cases) groups.set(c.cond, [...(groups.get(c.cond) ?? []), c]);

for (const [name, group] of groups) {
  const needsMatcher = name.startsWith('match_');
  test(`${name}: ${group.length} cases agree with exim4`, { skip: needsMatcher && !listMatching && 'list matching not built' }, async () => {
    for (const c of group) {
      const got = await evaluate(c);
      if (c.error !== undefined) {
        assert.deepEqual(got, { error: c.error }, c.expr);
      } else {
        assert.ok(!('error' in got), `${c.expr}: unexpected error ${'error' in got ? got.error : ''}`);
        assert.equal(got.result, c.result, c.expr);
        if (c.result && c.probe) assert.equal(got.probed, c.probed, `${c.expr} probe`);
      }
    }
  });
}
