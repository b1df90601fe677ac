/** Importing the operator index must register every operator of Exim 4.96 (plus the requested later ones). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { operators, registerOperator } from '../../../src/expand/operators/index.js';
import { fakeContext, resolveOperator } from './helpers.js';

const EXIM_496 = [
  'address', 'addresses', 'base32', 'base32d', 'base62', 'base62d', 'base64', 'base64d', 'domain', 'escape', 'escape8bit',
  'eval', 'eval10', 'from_utf8', 'h', 'hash', 'hex2b64', 'hexquote', 'ipv6denorm', 'ipv6norm', 'l', 'lc', 'length',
  'listcount', 'listnamed', 'local_part', 'mask', 'md5', 'nh', 'nhash', 'quote', 'quote_local_part', 'randint', 'reverse_ip',
  'rfc2047', 'rfc2047d', 'rxquote', 's', 'sha1', 'sha2', 'sha256', 'sha3', 'stat', 'str2b64', 'strlen', 'substr',
  'time_eval', 'time_interval', 'uc', 'utf8clean', 'utf8_domain_from_alabel', 'utf8_domain_to_alabel',
  'utf8_localpart_from_alabel', 'utf8_localpart_to_alabel',
];

test('every Exim 4.96 operator is registered once index.ts is imported', () => {
  for (const name of EXIM_496) assert.ok(operators.has(name), `missing ${name}`);
  assert.ok(operators.has('headerwrap') && operators.has('xtextd'));
  // "u" is not an abbreviation of uc in Exim; expand and quote_<lookup> belong to the evaluator.
  for (const name of ['u', 'expand', 'sha512']) assert.ok(!operators.has(name), `unexpected ${name}`);
});

test('names with underscores take no suffix; others accept and mostly ignore one', () => {
  for (const name of operators.keys()) {
    if (name.includes('_')) assert.ok(!operators.get(name)!.takesParams, name);
  }
  assert.deepEqual(resolveOperator('sha2_384')?.params, ['384']);
  assert.equal(resolveOperator('from_utf8_3'), undefined);
  assert.equal(resolveOperator('md5_3')?.def.fn('x', ['3'], fakeContext()), '9dd4e461268c8034f5c8564e155c67a6');
});

test('registerOperator adds to the shared map', () => {
  registerOperator({ name: 'zz_test_only', fn: (s) => s.toUpperCase() });
  assert.equal(operators.get('zz_test_only')?.fn('ab', [], fakeContext()), 'AB');
});
