/** Every case recorded from exim4 -be / -bem by scripts/oracle/gen-expand-core.mjs, replayed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expand, ExpandError } from '../../src/expand/index.js';
import { loadFixture, oracleContext, withData, DATA } from './helpers.js';

process.env.MW_ORACLE_VAR = 'kept';
process.env.MW_RE_ONE = 'one';
process.env.MW_DROPPED = 'dropped';

const GROUPS = ['syntax', 'conditions', 'items', 'variables', 'headers'];

for (const group of GROUPS) {
  const fixture = loadFixture(group);
  for (const c of fixture.cases) {
    test(`${group}: ${c.text}`, async () => {
      const ctx = oracleContext(fixture);
      let got: { out?: string; error?: string };
      try {
        got = { out: (await expand(withData(c.text), ctx)).s.split(DATA).join('@DATA@') };
      } catch (e) {
        if (!(e instanceof ExpandError)) throw e;
        got = { error: e.message.split(DATA).join('@DATA@') };
      }
      const want = c.error !== undefined ? { error: c.error } : { out: c.out };
      assert.deepEqual(got, want);
    });
  }
}
