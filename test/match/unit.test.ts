import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LookupDefer, type LookupDriver } from '../../src/lookups/types.js';
import {
  ListFileError,
  matchDomainList,
  matchHostList,
  matchIpList,
  matchLocalPartList,
  ResolverRequiredError,
  type HostResolver,
} from '../../src/match/index.js';
import { netLookupKey, parseHostAddress } from '../../src/match/ip.js';
import { makeContext } from './helpers.js';

const ctx = () => makeContext([{ kind: 'domain', name: 'forced', value: '${forcefail}' }]);

test('a host name needed without a reverse resolver is a typed error', async () => {
  const noReverse: HostResolver = { addressesOf: async () => null };
  await assert.rejects(matchHostList({ address: '10.0.0.1' }, '*.example', ctx(), { resolver: noReverse }), ResolverRequiredError);
  // IP items never need the name.
  const r = await matchHostList({ address: '10.0.0.1' }, '10.0.0.0/8 : *.example', ctx(), { resolver: noReverse });
  assert.equal(r.matched, true);
});

test('reverse and forward lookups go through the resolver', async () => {
  const resolver: HostResolver = {
    addressesOf: async (name) => (name === 'mx.example' ? ['192.0.2.7'] : null),
    namesOf: async (addr) => (addr === '192.0.2.7' ? ['mx.example'] : null),
  };
  assert.deepEqual(await matchHostList({ address: '192.0.2.7' }, '*.example', ctx(), { resolver }), { matched: true, item: '*.example' });
  assert.equal((await matchHostList({ address: '192.0.2.7' }, 'mx.example', ctx(), { resolver })).matched, true);
  assert.equal((await matchHostList({ address: '192.0.2.8' }, 'mx.example', ctx(), { resolver })).matched, false);
  assert.equal((await matchHostList({ address: '192.0.2.8' }, '+include_unknown : *.example', ctx(), { resolver })).matched, true);
});

test('a deferring lookup defers unless +ignore_defer / +include_defer', async () => {
  const resolver: HostResolver = {
    addressesOf: async () => {
      throw new LookupDefer('DNS timeout');
    },
  };
  // match_ip mode never looks names up, so nothing defers there.
  assert.equal((await matchHostList({ address: '192.0.2.1', name: '' }, 'slow.example', ctx(), { resolver })).matched, false);
  const host = { address: '192.0.2.1', name: 'x.example' };
  await assert.rejects(matchHostList(host, 'slow.example', ctx(), { resolver }), LookupDefer);
  assert.equal((await matchHostList(host, '+ignore_defer : slow.example : 192.0.2.1', ctx(), { resolver })).matched, true);
  assert.equal((await matchHostList(host, '+include_defer : slow.example', ctx(), { resolver })).matched, true);
  assert.equal((await matchHostList(host, '+ignore_defer : slow.example', ctx(), { resolver })).matched, false);
});

test('a named list whose expansion is forced to fail is not matched', async () => {
  assert.equal((await matchDomainList('a.b', '+forced', ctx())).matched, false);
  assert.equal((await matchDomainList('a.b', '!+forced', ctx())).matched, true);
});

test('a missing list file is an error with Exim\'s text', async () => {
  await assert.rejects(matchDomainList('a', '/nonexistent/list', ctx()), (e: unknown) => {
    assert.ok(e instanceof ListFileError);
    assert.equal(e.message, 'failed to open /nonexistent/list when checking "/nonexistent/list": No such file or directory');
    return true;
  });
});

test('caseSensitive local parts (caseful_local_part)', async () => {
  assert.equal((await matchLocalPartList('Bob', 'bob', ctx(), { caseSensitive: true })).matched, false);
  assert.equal((await matchLocalPartList('Bob', 'Bob', ctx(), { caseSensitive: true })).matched, true);
  assert.equal((await matchLocalPartList('Bob', 'bob', ctx())).matched, true);
});

test('query-style lookups run the query and return its data', async () => {
  const c = ctx();
  const queries: string[] = [];
  const fakeSql: LookupDriver = {
    name: 'fakesql',
    style: 'query',
    find: async (req) => {
      queries.push(req.key);
      return req.key.includes("'a.b'") ? 'row' : null;
    },
  };
  c.services.lookups.register(fakeSql);
  const r = await matchDomainList('a.b', "fakesql;select 1 from t where d='a.b'", c);
  assert.deepEqual(r, { matched: true, data: { s: 'row', tainted: false } });
  assert.equal((await matchDomainList('a.b', "fakesql;select 1 from t where d='x'", c)).matched, false);
  assert.deepEqual(queries, ["select 1 from t where d='a.b'", "select 1 from t where d='x'"]);
});

test('@[] uses local_interfaces when it names addresses', async () => {
  const c = makeContext([], { local_interfaces: '<; 192.0.2.1 ; [2001:db8::1]:25' });
  assert.equal((await matchIpList('192.0.2.1', '@[]', c)).matched, true);
  assert.equal((await matchIpList('2001:db8::1', '@[]', c)).matched, true);
  assert.equal((await matchIpList('127.0.0.1', '@[]', c)).matched, false);
  assert.equal((await matchDomainList('[192.0.2.1]', '@[]', c)).matched, true);
});

test('net- lookup keys', () => {
  const v6 = parseHostAddress('2001:db8::1')!;
  assert.equal(netLookupKey(v6, undefined, false), '2001.0db8.0000.0000.0000.0000.0000.0001');
  assert.equal(netLookupKey(v6, 64, false), '2001.0db8.0000.0000.0000.0000.0000.0000/64');
  assert.equal(netLookupKey(v6, 48, true), '2001:0db8:0000:0000:0000:0000:0000:0000/48');
  assert.equal(netLookupKey(parseHostAddress('::ffff:10.1.2.3')!, 24, false), '10.1.2.0/24');
});

test('@mx_* items need DNS', async () => {
  await assert.rejects(matchDomainList('a.b', '@mx_primary/ignore=127.0.0.1', ctx()), ResolverRequiredError);
});
