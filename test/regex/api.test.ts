import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRegex, globalMatches, RegexError } from '../../src/regex/index.js';
import { RegexUnsupportedError } from '../../src/regex/errors.js';

test('groupCount counts PCRE groups, not the hidden ones used for atomic groups', () => {
  assert.equal(compileRegex('(a)(?>b(c))d*+(e)').groupCount, 3);
  const m = compileRegex('(a)(?>b(c))d*+(e)').exec('abcdde');
  assert.deepEqual(m?.groups, ['abcdde', 'a', 'c', 'e']);
});

test('exec honours the start offset but ^ still means the subject start', () => {
  const re = compileRegex('b');
  assert.equal(re.exec('abab', 2)?.index, 3);
  assert.equal(compileRegex('^a').exec('aa', 1), null);
  assert.equal(compileRegex('(?<=a)b').exec('ab', 1)?.index, 1);
  assert.equal(re.exec('ab', 5), null);
});

test('caseless option folds ASCII only, like PCRE with C-locale tables', () => {
  const re = compileRegex('subject', { caseless: true });
  assert.ok(re.test('SUBJECT'));
  assert.ok(!compileRegex('\xe9', { caseless: true }).test('\xc9'));
  assert.ok(compileRegex('[a-c]+$', { caseless: true }).test('xABC'));
});

test('unset groups are undefined, not empty strings', () => {
  const m = compileRegex('(a)|(b)').exec('b');
  assert.deepEqual(m?.groups, ['b', undefined, 'b']);
});

test('branch reset groups share numbers', () => {
  const re = compileRegex('(?|(a)|(b))(c)');
  assert.equal(re.groupCount, 2);
  assert.deepEqual(re.exec('bc')?.groups, ['bc', 'b', 'c']);
});

test('\\G anchors at the start offset', () => {
  const re = compileRegex('\\Ga');
  assert.equal(re.exec('ba', 0), null);
  assert.equal(re.exec('ba', 1)?.index, 1);
});

test('errors are RegexError with PCRE wording; unsupported constructs say so', () => {
  assert.throws(() => compileRegex('(a'), (e: unknown) => e instanceof RegexError && e.message === 'missing closing parenthesis' && e.offset === 2);
  assert.throws(() => compileRegex('(?R)'), (e: unknown) => e instanceof RegexUnsupportedError && /not supported/.test(e.message));
  assert.throws(() => compileRegex('(a)(?(1)b|c)'), RegexUnsupportedError);
});

test('globalMatches follows Exim ${sg} stepping after empty matches', () => {
  const spans = globalMatches(compileRegex('x*'), 'ab').map((m) => [m.index, m.end]);
  assert.deepEqual(spans, [[0, 0], [1, 1], [2, 2]]);
  const lazy = globalMatches(compileRegex('a*?'), 'aa').map((m) => m.groups[0]);
  assert.deepEqual(lazy, ['', 'a', '', 'a', '']);
});

test('callouts compile to nothing (Exim registers no callout function)', () => {
  assert.ok(compileRegex('a(?C1)b').test('ab'));
});

test('subjects are matched as UTF-8 bytes, offsets and captures come back as string units', () => {
  assert.equal(compileRegex('^.$').exec('é'), null);
  assert.ok(compileRegex('^..$').test('é'));
  // As in Exim, a quantifier after a multi-byte character applies to its last byte only.
  assert.equal(compileRegex('^é+$').exec('éé'), null);
  const m = compileRegex('((?:é)+)x').exec('aééx', 1);
  assert.deepEqual([m?.index, m?.end, m?.groups[1]], [1, 4, 'éé']);
  assert.equal(compileRegex('b').exec('ébéb', 2)?.index, 3);
});
