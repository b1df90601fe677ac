/**
 * Errors raised inside map/reduce/filter/forany/forall carry one note per enclosing construct,
 * and a body is first read skipping (as Exim does). Expected texts checked with exim4 -be.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createExpandContext, expandString, ExpandError } from '../../src/expand/index.js';
import { configView, testLookups } from './helpers.js';

const CASES: ReadonlyArray<[string, string]> = [
  ['${map{a:b}{${if eq{1}}}}', 'missing 2nd string in {} after "eq" inside "map" item'],
  ['${map{a:b}{${map{x}{${if eq{1}}}}}}', 'missing 2nd string in {} after "eq" inside "map" item inside "map" item'],
  ['${filter{a:b}{eq{1}}}', 'missing 2nd string in {} after "eq" inside "filter" item'],
  ['${filter{a}{match{x}{(}}}', 'regular expression error in "(": missing closing parenthesis at offset 1 inside "filter" condition'],
  ['${map{a}{${map{b}{${sg{x}{(}{y}}}}}}', 'regular expression error in "(": missing closing parenthesis at offset 1 inside "map" item inside "map" item'],
  ['${if forall{a}{forany{b}{match{x}{(}}}}', 'regular expression error in "(": missing closing parenthesis at offset 1 inside "forany" condition inside "forall" condition'],
  ['${map{a}{${if forany{b}{eq{x}}}}}', 'missing 2nd string in {} after "eq" inside "forany" condition inside "map" item'],
  ['${if and{{forany{b}{eq{x}}}}}', 'missing 2nd string in {} after "eq" inside "forany" condition inside "and{...}" condition'],
  ['${map{a,1:b,2}{${extract{1}{,}{$item}{$value}{failcase}{bogus}}}}', "missing '}' closing extract inside \"map\" item"],
];

test('errors inside list constructs name each enclosing construct', async () => {
  for (const [text, message] of CASES) {
    const ctx = createExpandContext({ config: configView(''), lookups: testLookups() });
    await assert.rejects(expandString(text, ctx), (e: unknown) => e instanceof ExpandError && e.message === message, text);
  }
});
