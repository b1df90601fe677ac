/** Every oracle case recorded from exim4 -be, replayed against the operator functions, one test per operator. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFixture, fakeContext, runOperator, type FixtureCase } from './helpers.js';

const FAMILIES = ['hash', 'base', 'text', 'address', 'ip', 'time', 'eval', 'rfc2047', 'rfc2047-latin1', 'idna', 'list', 'listnamed', 'misc', 'options'];
const NONDETERMINISTIC = new Set(['randint']);
/** Names the evaluator handles itself: ${quote_<lookup>:} and ${expand:}. */
const CORE_OWNED = /^(quote_(?!local_part$)|expand)/;
/** Unknown to Exim 4.96 but implemented from later releases at the project's request (see misc.test.ts). */
const POST_496 = new Set(['headerwrap', 'xtextd']);

/** The operator a written name belongs to, for grouping ("hash_3_5" -> "hash", "utf8_domain_to_alabel" stays). */
const groupOf = (name: string): string => (/^(utf8_|quote_local_part|from_utf8|local_part|reverse_ip|time_)/.test(name) ? name : name.split('_')[0]!);

for (const family of FAMILIES) {
  const fixture = loadFixture(family);
  const options: Record<string, string | boolean> = { ...fixture.config?.mainOptions };
  if (fixture.config?.headers_charset) options.headers_charset = fixture.config.headers_charset;
  const ctx = fakeContext(options, fixture.config?.namedLists ?? []);
  const groups = new Map<string, FixtureCase[]>();
  for (const c of fixture.cases) {
    if (c.crash) continue; // Exim itself crashed on this input
    if (CORE_OWNED.test(c.name) || POST_496.has(c.name)) continue;
    const g = groupOf(c.name);
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  for (const [group, cases] of groups) {
    test(`${family}: \${${group}...} matches exim4 -be (${cases.length} cases)`, () => {
      for (const c of cases) {
        const got = runOperator(c.name, c.subject, ctx);
        if (NONDETERMINISTIC.has(c.name) && c.out !== undefined) {
          assert.ok(got.out !== undefined, `${c.name}:${JSON.stringify(c.subject)} should succeed`);
          continue;
        }
        const want = c.error !== undefined ? { error: c.error } : { out: c.out };
        assert.deepEqual(got, want, `\${${c.name}:${JSON.stringify(c.subject)}}`);
      }
    });
  }
}
