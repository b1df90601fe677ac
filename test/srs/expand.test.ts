// ${srs_encode} and inbound_srs through the expander: every exim4 fixture case at its instant
// (the clock mocked), taint of the results, $srs_recipient's persistence, and argument errors.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createExpandContext, expand } from '../../src/expand/index.js';
import { ExpandError, tainted, untainted, type ExpandContext, type TStr } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';

interface EncodeCase {
  secret: string;
  returnPath: string;
  origDomain: string;
  time: number;
  out?: string;
  error?: string;
}

/** A string written into an expansion literally (as scripts/oracle/exim-lines.mjs does). */
function literal(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '$' || ch === '{' || ch === '}') out += '\\' + ch;
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out;
}

const NO_CONFIG = { mainOption: () => undefined, namedList: () => undefined };
const context = (vars: Record<string, TStr> = {}): ExpandContext =>
  createExpandContext({ config: NO_CONFIG, lookups: createLookupRegistry(), vars: new Map(Object.entries(vars)) });

async function outcome(text: string, ctx = context()): Promise<{ out?: string; error?: string }> {
  try {
    return { out: (await expand(text, ctx)).s };
  } catch (err) {
    if (err instanceof ExpandError) return { error: err.message };
    throw err;
  }
}

test('${srs_encode} through the expander agrees with every exim4 fixture case', async (t) => {
  const { cases } = JSON.parse(readFileSync('test/fixtures/srs/native-encode.json', 'utf8')) as { cases: EncodeCase[] };
  t.mock.timers.enable({ apis: ['Date'] });
  for (const c of cases) {
    t.mock.timers.setTime(c.time * 1000);
    const text = `\${srs_encode{${literal(c.secret)}}{${literal(c.returnPath)}}{${literal(c.origDomain)}}}`;
    assert.deepEqual(await outcome(text), c.error !== undefined ? { error: c.error } : { out: c.out }, text);
  }
});

test('argument count errors are Exim’s', async () => {
  assert.deepEqual(await outcome('${srs_encode{s}{a}}'), { error: "Not enough arguments for 'srs_encode' (min is 3)" });
  assert.deepEqual(await outcome('${srs_encode{s}{a}{b}{c}}'), { error: "Too many arguments for 'srs_encode' (max is 3)" });
});

test('results carry the taint of the return path and domain; the recipient that of the local part', async () => {
  const ctx = context({ rp: tainted('user@example.org'), lp: tainted('SRS0=x=aa=example.org=user') });
  assert.equal((await expand('${srs_encode{s}{$rp}{fwd}}', ctx)).tainted, true);
  assert.equal((await expand('${srs_encode{s}{user@example.org}{fwd}}', ctx)).tainted, false);
  assert.equal((await expand('${if inbound_srs{$lp}{}{yes}{no}}', ctx)).s, 'yes');
  assert.deepEqual(ctx.vars.get('srs_recipient'), tainted('user@example.org'));
});

test('$srs_recipient is set by a failing check of an SRS0 local part and kept by a non-SRS one', async () => {
  mock.timers.enable({ apis: ['Date'], now: 1577836860_000 });
  try {
    const ctx = context();
    assert.equal((await expand('${if inbound_srs{SRS0=fa9c=2w=example.org=a_test_user}{mysecret}{T}{F}}$srs_recipient', ctx)).s, 'Ta_test_user@example.org');
    assert.equal((await expand('${if inbound_srs{SRS0=0000=2w=Other.Example=Bob}{mysecret}{T}{F}}$srs_recipient', ctx)).s, 'Fbob@other.example');
    assert.equal((await expand('${if inbound_srs{plainuser}{mysecret}{T}{F}}$srs_recipient', ctx)).s, 'Fbob@other.example');
    assert.equal((await expand('${if inbound_srs{plainuser}{}{T}{F}}', context({ x: untainted('') }))).s, 'F');
  } finally {
    mock.timers.reset();
  }
});

test('inbound_srs runs (and sets $srs_recipient) in branches exim4 skips; srs_encode does not', async () => {
  const { cases } = JSON.parse(readFileSync('test/fixtures/srs/native-skip.json', 'utf8')) as { cases: { expr: string; out: string }[] };
  assert.ok(cases.length >= 10);
  const ctx = context();
  for (const c of cases) assert.deepEqual(await outcome(c.expr, ctx), { out: c.out }, c.expr);
});
