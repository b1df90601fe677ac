/** Behaviour that the exim4 fixture cannot show: taint, side effects, hooks, stubs, context. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conditions, registerCondition } from '../../../src/expand/conditions/index.js';
import { ExpandError, tainted, untainted, type AclExpandResult, type ExpandContext, type TStr } from '../../../src/expand/types.js';
import { bareContext, NO_CONFIG } from './fixture.js';

const run = async (name: string, args: TStr[], ctx: ExpandContext = bareContext()): Promise<boolean> =>
  conditions.get(name)!.fn(args, ctx);

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<ExpandError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    assert.ok(err instanceof ExpandError, `ExpandError expected, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an ExpandError');
}

test('index re-exports the registry and registerCondition adds to it', () => {
  registerCondition({ name: 'test_only_cond', nargs: 1, fn: ([a]) => a!.s === 'x' });
  assert.equal(conditions.get('test_only_cond')?.nargs, 1);
});

test('argument counts and shapes are declared as Exim parses them', () => {
  const shape = (n: string) => {
    const d = conditions.get(n)!;
    return { nargs: d.nargs, literal: d.literalArgs ?? [], nested: d.nested?.min };
  };
  assert.deepEqual(shape('eq'), { nargs: 2, literal: [], nested: undefined });
  assert.deepEqual(shape('exists'), { nargs: 1, literal: [], nested: undefined });
  assert.deepEqual(shape('match_ip'), { nargs: 2, literal: [1], nested: undefined });
  assert.deepEqual(shape('match_address'), { nargs: 2, literal: [1], nested: undefined });
  assert.deepEqual(shape('acl'), { nargs: 10, literal: [], nested: 1 });
  assert.deepEqual(shape('saslauthd'), { nargs: 4, literal: [], nested: 2 });
  assert.deepEqual(shape('inbound_srs'), { nargs: 2, literal: [], nested: undefined });
});

test('inlist: $value is the list item with the list taint', async () => {
  const ctx = bareContext();
  assert.equal(await run('inlisti', [tainted('NEEDLE'), untainted('a:needle')], ctx), true);
  assert.deepEqual(ctx.value, { s: 'needle', tainted: false });
  assert.equal(await run('inlist', [untainted('b'), tainted('a:b')], ctx), true);
  assert.deepEqual(ctx.value, { s: 'b', tainted: true });
});

test('inlist: a failed test leaves $value alone', async () => {
  const ctx = bareContext();
  ctx.value = untainted('before');
  assert.equal(await run('inlist', [untainted('z'), untainted('a:b')], ctx), false);
  assert.equal(ctx.value.s, 'before');
});

test('match: numeric variables carry the subject taint; failure keeps old ones', async () => {
  const ctx = bareContext();
  assert.equal(await run('match', [tainted('user@example.org'), untainted('^(.*)@(.*)$')], ctx), true);
  assert.deepEqual(ctx.numeric.map((v) => v.s), ['user@example.org', 'user', 'example.org']);
  assert.ok(ctx.numeric.every((v) => v.tainted));
  assert.equal(await run('match', [untainted('abc'), untainted('x')], ctx), false);
  assert.equal(ctx.numeric[1]?.s, 'user');
});

test('numeric comparison reports the left operand first', async () => {
  const err = await errorOf(run('<', [untainted('x'), untainted('y')]));
  assert.equal(err.message, 'integer expected but "x" found');
});

test('exists: relative paths are looked up in the spool directory', async () => {
  const spool = mkdtempSync(join(tmpdir(), 'mw-exists-'));
  writeFileSync(join(spool, 'present'), '');
  const ctx = bareContext({ ...NO_CONFIG, mainOption: (n) => (n === 'spool_directory' ? spool : undefined) });
  assert.equal(await run('exists', [untainted('present')], ctx), true);
  assert.equal(await run('exists', [untainted('absent')], ctx), false);
  assert.equal(await run('exists', [tainted(join(spool, 'present'))], ctx), true, 'tainted paths may be tested');
});

function aclContext(result: AclExpandResult, seen: Array<{ name: string; args: string[] }>): ExpandContext {
  const ctx = bareContext();
  ctx.runAcl = async (name, args) => {
    seen.push({ name, args: args.map((a) => a.s) });
    return result;
  };
  return ctx;
}

test('acl: accept is true and deny false, both setting $value from the message', async () => {
  const seen: Array<{ name: string; args: string[] }> = [];
  const ctx = aclContext({ verb: 'accept', message: 'hello' }, seen);
  assert.equal(await run('acl', [untainted('check'), untainted('a1'), untainted('a2')], ctx), true);
  assert.deepEqual(seen, [{ name: 'check', args: ['a1', 'a2'] }]);
  assert.equal(ctx.value?.s, 'hello');
  const denyCtx = aclContext({ verb: 'deny' }, []);
  assert.equal(await run('acl', [untainted('check')], denyCtx), false);
  assert.equal(denyCtx.value?.s, '');
});

test('acl: defer is a forced failure, other outcomes are errors in Exim words', async () => {
  const deferErr = await errorOf(run('acl', [untainted('x')], aclContext({ verb: 'defer' }, [])));
  assert.equal(deferErr.message, 'DEFER from acl "x"');
  assert.equal(deferErr.forced, true);
  const errErr = await errorOf(run('acl', [untainted('x')], aclContext({ verb: 'error' }, [])));
  assert.equal(errErr.message, 'ERROR from acl "x"');
  assert.equal(errErr.forced, false);
  const failErr = await errorOf(run('acl', [untainted('x')], aclContext({ verb: 'fail' }, [])));
  assert.equal(failErr.message, 'FAIL_DROP from acl "x"');
});

test('acl without an ACL engine fails clearly', async () => {
  const err = await errorOf(run('acl', [untainted('x')]));
  assert.match(err.message, /not supported yet/);
});

test('conditions needing absent subsystems fail with a clear message', async () => {
  for (const [name, args] of [['ldapauth', 1], ['pam', 1]] as const) {
    const err = await errorOf(() => run(name, Array.from({ length: args }, () => untainted('a'))));
    assert.equal(err.message, `the "${name}" condition is not supported yet`);
  }
  // Not compiled into the reference Exim either: its own wording.
  assert.equal((await errorOf(() => run('radius', [untainted('a')]))).message, 'support for "radius" not compiled');
  assert.equal((await errorOf(() => run('pwcheck', [untainted('a:b')]))).message, 'support for "pwcheck" not compiled');
});
