// Oracle fixtures generated from Exim 4.96 by scripts/oracle/gen-match.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ExpandContext } from '../../src/expand/types.js';
import {
  matchAddressList,
  matchDomainList,
  matchHostList,
  matchIpList,
  matchLocalPartList,
  ResolverRequiredError,
  UnknownNamedListError,
  type ListMatch,
} from '../../src/match/index.js';
import { LookupError } from '../../src/lookups/types.js';
import { FIXDIR, fakeResolver, makeContext, type NamedListSpec } from './helpers.js';

interface Case {
  kind: 'domain' | 'localpart' | 'address' | 'ip' | 'host';
  subject?: string;
  address?: string;
  name?: string | null;
  list: string;
  matched?: boolean;
  value?: string;
  n0?: string;
  n1?: string;
  error?: string;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/match/cases.json', import.meta.url), 'utf8')) as {
  primaryHostname: string;
  namedLists: NamedListSpec[];
  cases: Case[];
};

/**
 * What the match_* condition puts in $value: lookup data, else the item when the matcher
 * reports one (it does only where Exim sets a value: never for IP items, but for file lines).
 */
function conditionValue(r: ListMatch): string {
  if (!r.matched) return '';
  return r.data?.s ?? r.item ?? '';
}

async function run(c: Case, ctx: ExpandContext): Promise<ListMatch> {
  const list = c.list.replaceAll('FIXDIR', FIXDIR);
  switch (c.kind) {
    case 'domain':
      return matchDomainList(c.subject!, list, ctx);
    case 'localpart':
      return matchLocalPartList(c.subject!, list, ctx, { caseSensitive: false });
    case 'address':
      return matchAddressList(c.subject!, list, ctx, { caseSensitive: false });
    case 'ip':
      return matchIpList(c.subject!, list, ctx);
    case 'host':
      return matchHostList({ address: c.address!, name: c.name ?? undefined }, list, ctx, { resolver: fakeResolver });
  }
}

/** Errors the condition layer words differently; here the matcher's typed error is checked. */
function expectedErrorType(c: Case): (new (...a: never[]) => Error) | null {
  if (c.error?.includes('unknown lookup type')) return LookupError;
  if (c.error?.includes('+nosuch')) return UnknownNamedListError;
  return null;
}

test('list matching agrees with Exim (match_* conditions and ACL hosts)', async () => {
  assert.ok(fixture.cases.length >= 100);
  const failures: string[] = [];
  for (const c of fixture.cases) {
    const label = `${c.kind} ${JSON.stringify(c.subject ?? c.address)} ${c.name ?? ''} in ${JSON.stringify(c.list)}`;
    const ctx = makeContext(fixture.namedLists, { primary_hostname: fixture.primaryHostname });
    try {
      await checkCase(c, ctx, label);
    } catch (err) {
      failures.push(err instanceof Error ? err.message : String(err));
    }
  }
  assert.deepEqual(failures, []);
});

async function checkCase(c: Case, ctx: ExpandContext, label: string): Promise<void> {
  if (c.list === '@mx_any') {
    await assert.rejects(run(c, ctx), ResolverRequiredError, label);
    return;
  }
  if (c.error) {
    const type = expectedErrorType(c);
    // `"x" is not an IP address` comes from the match_ip condition before the matcher runs.
    if (type) await assert.rejects(run(c, ctx), type, label);
    return;
  }
  const r = await run(c, ctx);
  assert.equal(r.matched, c.matched, label);
  if (!r.matched) return;
  if (c.kind === 'host') {
    // $host_data: lookup data, else the item for name patterns and file lines.
    assert.equal(r.data?.s ?? r.item ?? '', c.value, `${label} value`);
    return;
  }
  assert.equal(conditionValue(r), c.value, `${label} value`);
  assert.equal(ctx.numeric[0]?.s ?? '', c.n0, `${label} $0`);
  assert.equal(ctx.numeric[1]?.s ?? '', c.n1, `${label} $1`);
}
