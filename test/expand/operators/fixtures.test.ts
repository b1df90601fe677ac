/** Every oracle case recorded from exim4 -be, replayed against the operator functions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture, fakeContext, runOperator } from './helpers.js';

const FAMILIES = ['hash', 'base', 'text', 'address', 'ip', 'time', 'eval', 'rfc2047', 'rfc2047-latin1', 'idna', 'list', 'listnamed', 'misc', 'options'];
const NONDETERMINISTIC = new Set(['randint']);
/** Names the evaluator handles itself: ${quote_<lookup>:} and ${expand:}. */
const CORE_OWNED = /^(quote_(?!local_part$)|expand)/;
/** Unknown to Exim 4.96 but implemented from later releases at the project's request (see misc.test.ts). */
const POST_496 = new Set(['headerwrap', 'xtextd']);

for (const family of FAMILIES) {
  const fixture = loadFixture(family);
  const options: Record<string, string | boolean> = { ...fixture.config?.mainOptions };
  if (fixture.config?.headers_charset) options.headers_charset = fixture.config.headers_charset;
  const ctx = fakeContext(options, fixture.config?.namedLists ?? []);
  test(`operators match exim4 -be: ${family}`, () => {
    let checked = 0;
    for (const c of fixture.cases) {
      if (c.crash) continue; // Exim itself crashed on this input
      if (CORE_OWNED.test(c.name) || POST_496.has(c.name)) continue;
      const got = runOperator(c.name, c.subject, ctx);
      if (NONDETERMINISTIC.has(c.name) && c.out !== undefined) {
        assert.ok(got.out !== undefined, `${c.name}:${JSON.stringify(c.subject)} should succeed`);
        continue;
      }
      const want = c.error !== undefined ? { error: c.error } : { out: c.out };
      assert.deepEqual(got, want, `\${${c.name}:${JSON.stringify(c.subject)}}`);
      checked++;
    }
    assert.ok(checked > 0);
  });
}
