/** Address extraction, redirection item splitting, affix matching and duplicate keys. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractAddress, splitAddressList } from '../../src/route/address-parse.js';
import { matchPrefix, matchSuffix } from '../../src/route/affixes.js';
import { duplicateKey, removeDuplicates } from '../../src/route/duplicates.js';
import { parseHostItems } from '../../src/route/host-list.js';
import { splitRedirectItems } from '../../src/route/redirect/items.js';
import { AddressItem } from '../../src/route/types.js';

test('extractAddress: forms Exim accepts and its error texts (checked with exim4 -bt)', () => {
  const ok = (text: string) => {
    const r = extractAddress(text);
    assert.ok(r.ok, text);
    return r.ok ? r.address : '';
  };
  assert.equal(ok('Name <a@test.ex>'), 'a@test.ex');
  assert.equal(ok('a@test.ex (comment)'), 'a@test.ex');
  assert.equal(ok('"x y" <a@test.ex>'), 'a@test.ex');
  assert.equal(ok('"quoted"@test.ex'), '"quoted"@test.ex');
  assert.equal(ok('a..b@test.ex'), 'a..b@test.ex');
  assert.equal(ok('plain'), 'plain');
  assert.equal(ok('a@[1.2.3.4]'), 'a@[1.2.3.4]');
  const err = (text: string) => {
    const r = extractAddress(text);
    return r.ok ? '' : r.error;
  };
  assert.equal(err(''), 'empty address');
  assert.equal(err('@test.ex'), 'no local part');
  assert.equal(err('a@'), 'domain missing or malformed');
  assert.equal(err('a@b.'), 'domain missing or malformed');
  assert.equal(err('a b'), 'missing or malformed local part (expected word or "<")');
  assert.equal(err('<a@b'), "'>' missing at end of address");
  assert.equal(err('nob@test.ex x@test.ex'), 'malformed address: x@test.ex may not follow nob@test.ex ');
});

test('splitAddressList: commas outside quotes, comments and angle brackets', () => {
  assert.deepEqual(splitAddressList('a@b, "x,y"@c, N <d,e> (f,g)'), ['a@b', ' "x,y"@c', ' N <d,e> (f,g)']);
});

test('splitRedirectItems: separators, comments, quotes and special items', () => {
  const items = splitRedirectItems('a, "|/bin/echo a,b"\n# comment, still comment\n b ,:include:/x/y, :blackhole:, c');
  assert.deepEqual(items, [
    { kind: 'text', text: 'a' },
    { kind: 'text', text: '|/bin/echo a,b' },
    { kind: 'text', text: 'b' },
    { kind: 'include', path: '/x/y', text: ':include:/x/y' },
    { kind: 'blackhole', text: ':blackhole:' },
    { kind: 'text', text: 'c' },
  ]);
  assert.deepEqual(splitRedirectItems(':fail: gone, no address\nx'), [
    { kind: 'fail', message: 'gone, no address', text: ':fail: gone, no address' },
    { kind: 'text', text: 'x' },
  ]);
  assert.deepEqual(splitRedirectItems(':DEFER:'), [{ kind: 'defer', message: '', text: ':DEFER:' }]);
  assert.deepEqual(splitRedirectItems('# only a comment\n'), []);
});

test('affixes: first matching item, wildcards take the longest run, caseless unless caseful', () => {
  assert.deepEqual(matchPrefix('Owner-list', 'x- : owner-', true), { affix: 'Owner-', wild: '', rest: 'list' });
  assert.equal(matchPrefix('Owner-list', 'owner-', false), undefined);
  assert.deepEqual(matchPrefix('a-b-c', '*-', true), { affix: 'a-b-', wild: 'a-b', rest: 'c' });
  assert.deepEqual(matchSuffix('user+x+y', '+*', true), { affix: '+x+y', wild: 'x+y', rest: 'user' });
  assert.deepEqual(matchSuffix('list-request', '-request', true), { affix: '-request', wild: '', rest: 'list' });
  assert.equal(matchSuffix('-request', '-request', true), undefined);
});

test('duplicates: domains caseless, local parts not; pipes distinct per parent', () => {
  const p1 = new AddressItem('p1@x');
  const p2 = new AddressItem('p2@x');
  const pipe1 = new AddressItem('|/bin/cat', { parent: p1 });
  pipe1.special = 'pipe';
  const pipe2 = new AddressItem('|/bin/cat', { parent: p2 });
  pipe2.special = 'pipe';
  assert.equal(duplicateKey(new AddressItem('A@X.EX')), 'A@x.ex');
  const { unique, duplicates } = removeDuplicates([new AddressItem('a@x.ex'), new AddressItem('a@X.EX'), new AddressItem('A@x.ex'), pipe1, pipe2]);
  assert.deepEqual(unique.map((a) => a.address), ['a@x.ex', 'A@x.ex', '|/bin/cat', '|/bin/cat']);
  assert.deepEqual(duplicates.map((a) => a.address), ['a@X.EX']);
});

test('host lists: names, addresses and ports', () => {
  const hosts = parseHostItems('mx.example : 192.0.2.1::2525');
  assert.deepEqual(hosts.map((h) => [h.name, h.address, h.port]), [
    ['mx.example', undefined, undefined],
    ['192.0.2.1', '192.0.2.1', 2525],
  ]);
  const v6 = parseHostItems('<; [2001:db8::1]:26 ; 2001:db8::2');
  assert.deepEqual(v6.map((h) => [h.address, h.port]), [['2001:db8::1', 26], ['2001:db8::2', undefined]]);
});
