import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLookupSpec } from '../../src/lookups/spec.js';
import { candidateKeys } from '../../src/lookups/candidates.js';

describe('parseLookupSpec', () => {
  it('plain type', () => {
    const s = parseLookupSpec('lsearch');
    assert.equal(s.type, 'lsearch');
    assert.equal(s.partial, undefined);
    assert.equal(s.defaults, 'none');
    assert.equal(s.options.size, 0);
  });
  it('partial- defaults to two components and the *. prefix', () => {
    assert.deepEqual(parseLookupSpec('partial-lsearch').partial, { minComponents: 2, prefix: '*.' });
  });
  it('partial with a count and a custom prefix', () => {
    assert.deepEqual(parseLookupSpec('partial3-cdb').partial, { minComponents: 3, prefix: '*.' });
    assert.deepEqual(parseLookupSpec('partial(.)lsearch').partial, { minComponents: 2, prefix: '.' });
    assert.deepEqual(parseLookupSpec('partial0()lsearch').partial, { minComponents: 0, prefix: '' });
    assert.equal(parseLookupSpec('partial1(!!)lsearch').type, 'lsearch');
  });
  it('default suffixes', () => {
    assert.equal(parseLookupSpec('lsearch*').defaults, 'star');
    assert.equal(parseLookupSpec('lsearch*@').defaults, 'star-at');
    assert.equal(parseLookupSpec('partial-lsearch*@').defaults, 'star-at');
    assert.equal(parseLookupSpec('lsearch*x').type, 'lsearch');
  });
  it('options after the type, also after a default suffix', () => {
    const s = parseLookupSpec('dsearch,ret=full,filter=file');
    assert.equal(s.type, 'dsearch');
    assert.deepEqual([...s.options], [['ret', 'full'], ['filter', 'file']]);
    const t = parseLookupSpec('lsearch*,ret=key');
    assert.equal(t.defaults, 'star');
    assert.equal(t.options.get('ret'), 'key');
  });
  it('a star after options makes the options part of the type name', () => {
    assert.equal(parseLookupSpec('lsearch,ret=key*').type, 'lsearch,ret=key');
  });
  it('options without a value and empty items', () => {
    assert.deepEqual([...parseLookupSpec('lsearch,ret,,a=b=c').options], [['ret', ''], ['a', 'b=c']]);
  });
  it('format errors', () => {
    for (const bad of ['partial2lsearch', 'partialx-lsearch', 'partial(-lsearch', 'partial(a)lsearch', 'partial']) {
      assert.throws(() => parseLookupSpec(bad), { message: `format error in lookup type "${bad}"` });
    }
  });
  it('missing type', () => {
    for (const bad of ['', ',x', '*lsearch', '-lsearch']) assert.throws(() => parseLookupSpec(bad), { message: 'missing lookup type' });
  });
});

describe('candidateKeys', () => {
  const P = { minComponents: 2, prefix: '*.' };
  it('exact key only without affixes', () => {
    assert.deepEqual(candidateKeys('a.b.c', undefined, 'none'), ['a.b.c']);
  });
  it("the spec's partial2 example", () => {
    assert.deepEqual(candidateKeys('2250.dates.fict.example', P, 'none'), [
      '2250.dates.fict.example', '*.2250.dates.fict.example', '*.dates.fict.example', '*.fict.example',
    ]);
  });
  it('the prefixed whole key is tried even below the minimum', () => {
    assert.deepEqual(candidateKeys('c.d', { minComponents: 3, prefix: '*.' }, 'none'), ['c.d', '*.c.d']);
  });
  it('custom and empty prefixes', () => {
    assert.deepEqual(candidateKeys('a.b.c', { minComponents: 2, prefix: '.' }, 'none'), ['a.b.c', '.a.b.c', '.b.c']);
    assert.deepEqual(candidateKeys('a.b.c', { minComponents: 1, prefix: '' }, 'none'), ['a.b.c', 'b.c', 'c']);
  });
  it('partial0 final keys depend on the prefix', () => {
    assert.deepEqual(candidateKeys('a.b', { minComponents: 0, prefix: '*.' }, 'none'), ['a.b', '*.a.b', '*.b', '*']);
    assert.deepEqual(candidateKeys('a.b', { minComponents: 0, prefix: '.' }, 'none'), ['a.b', '.a.b', '.b', '.']);
    assert.deepEqual(candidateKeys('a.b', { minComponents: 0, prefix: '' }, 'none'), ['a.b', 'b']);
    assert.deepEqual(candidateKeys('a.b', { minComponents: 0, prefix: '+-' }, 'none'), ['a.b', '+-a.b', '+-b', '+-']);
  });
  it('*@ then * after partial keys', () => {
    assert.deepEqual(candidateKeys('jane@eyre.example', undefined, 'star-at'), ['jane@eyre.example', '*@eyre.example', '*']);
    assert.deepEqual(candidateKeys('a@b@c', undefined, 'star-at'), ['a@b@c', '*@c', '*']);
    assert.deepEqual(candidateKeys('@c', undefined, 'star-at'), ['@c', '*']);
    assert.deepEqual(candidateKeys('x.y.z', P, 'star'), ['x.y.z', '*.x.y.z', '*.y.z', '*']);
  });
  it('an empty key only reaches the defaults', () => {
    assert.deepEqual(candidateKeys('', undefined, 'none'), []);
    assert.deepEqual(candidateKeys('', P, 'star'), ['*']);
  });
});
