// applyRedirectSrs: the redirect router's srs options read from a configuration parsed by the
// real parser, expansions through the real expander, and the outcomes the router acts on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optionsApi, parseConfig } from '../../src/config/index.js';
import { DriverOptions } from '../../src/config/driver-options.js';
import { createExpandContext } from '../../src/expand/index.js';
import { tainted, type ExpandContext } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { AddressItem } from '../../src/route/types.js';
import { applyRedirectSrs, ClassicSrs, propagateSrsSender, SRS_VARIABLE_NAMES } from '../../src/srs/index.js';

const NOW = 1577836860_000;
const SECRET = 'routersecret';

function setup(routerOptions: string, main = `srs_secrets = ${SECRET}\nsrs_hashlength = 4\n`, vars: Record<string, string> = {}) {
  const text = `${main}begin routers\nr:\n  driver = redirect\n  data = $srs_recipient\n${routerOptions}`;
  const cfg = parseConfig({ file: 'srs.conf', text }, optionsApi);
  const options = new DriverOptions(cfg.routers[0]!);
  const ctx: ExpandContext = createExpandContext({
    config: {
      mainOption: (name) => {
        const v = cfg.mainOption(name);
        return typeof v === 'object' ? undefined : v;
      },
      namedList: (kind, name) => cfg.namedList(kind, name),
    },
    lookups: createLookupRegistry(),
    vars: new Map(Object.entries({ sender_address: 'alice@orig.example', ...vars }).map(([k, v]) => [k, tainted(v)])),
  });
  return { options, ctx };
}

const rewriter = new ClassicSrs({ secrets: [SECRET], maxAge: 31, hashLength: 4, hashMin: 4 });

test('no srs option: nothing happens and no variable is set', async () => {
  const { options, ctx } = setup('');
  assert.deepEqual(await applyRedirectSrs(options, new AddressItem('x@fwd.example'), ctx, { nowMs: NOW }), { kind: 'skipped' });
  assert.equal(ctx.vars.has('srs_status'), false);
});

test('forward: the sender is rewritten for the router domain; the variables are set', async () => {
  const { options, ctx } = setup('  srs = forward\n');
  const out = await applyRedirectSrs(options, new AddressItem('list@fwd.example'), ctx, { nowMs: NOW });
  const expected = await rewriter.forward('alice@orig.example', 'fwd.example', NOW);
  assert.deepEqual(out, { kind: 'done', srsSender: expected });
  assert.equal(ctx.vars.get('srs_orig_sender')?.s, 'alice@orig.example');
  assert.equal(ctx.vars.get('srs_status')?.s, 'The call was successful');
  for (const name of SRS_VARIABLE_NAMES) assert.ok(ctx.vars.has(name), name);
});

test('forward: srs_alias names the domain; not for bounces nor while verifying', async () => {
  const { options, ctx } = setup('  srs = forward\n  srs_alias = ${uc:alias.example}\n');
  const out = await applyRedirectSrs(options, new AddressItem('list@fwd.example'), ctx, { nowMs: NOW });
  assert.equal(out.kind === 'done' && out.srsSender?.endsWith('@ALIAS.EXAMPLE'), true);
  const bounce = setup('  srs = forward\n', undefined, { sender_address: '' });
  assert.deepEqual(await applyRedirectSrs(bounce.options, new AddressItem('l@f'), bounce.ctx, { nowMs: NOW }), { kind: 'done' });
  const verify = setup('  srs = forward\n', undefined, { verify_mode: 'R' });
  assert.deepEqual(await applyRedirectSrs(verify.options, new AddressItem('l@f'), verify.ctx, { nowMs: NOW }), { kind: 'done' });
});

test('reverse: a valid bounce address gives $srs_recipient; others decline, fail or defer', async () => {
  const { options, ctx } = setup('  srs = reverse\n');
  const bounceAddr = await rewriter.forward('alice@orig.example', 'fwd.example', NOW);
  const out = await applyRedirectSrs(options, new AddressItem(bounceAddr), ctx, { nowMs: NOW });
  assert.deepEqual(out, { kind: 'done', recipient: 'alice@orig.example', caseBroken: false });
  assert.deepEqual(ctx.vars.get('srs_recipient'), tainted('alice@orig.example'));
  assert.equal(ctx.vars.get('srs_orig_recipient')?.s, bounceAddr);
  // The router's data = $srs_recipient now expands to the original sender.
  assert.equal((await ctx.services.expand('$srs_recipient', ctx)).s, 'alice@orig.example');

  const run = async (address: string, nowMs = NOW) => (await applyRedirectSrs(options, new AddressItem(address), setup('  srs = reverse\n').ctx, { nowMs })).kind;
  assert.equal(await run('plain@fwd.example'), 'decline');
  assert.equal(await run('SRS0=broken@fwd.example'), 'decline');
  assert.equal(await run(bounceAddr.replace(/^SRS0=..../, 'SRS0=AAAA')), 'fail');
  assert.equal(await run(bounceAddr, NOW + 40 * 86_400_000), 'fail');
  const noSecret = setup('  srs = reverse\n', '');
  assert.deepEqual(await applyRedirectSrs(noSecret.options, new AddressItem(bounceAddr), noSecret.ctx, { nowMs: NOW }), {
    kind: 'defer', message: 'SRS Configuration Error: No secret specified',
  });
});

test('srs_condition gates everything; unknown srs values do nothing', async () => {
  const off = setup('  srs = forward\n  srs_condition = ${if eq{$sender_address}{alice@orig.example}{no}{yes}}\n');
  assert.deepEqual(await applyRedirectSrs(off.options, new AddressItem('l@f'), off.ctx, { nowMs: NOW }), { kind: 'skipped' });
  const bad = setup('  srs = forward\n  srs_condition = ${nosuchop:x}\n');
  const r = await applyRedirectSrs(bad.options, new AddressItem('l@f'), bad.ctx, { nowMs: NOW });
  assert.equal(r.kind, 'skipped');
  assert.match((r as { problem?: string }).problem ?? '', /srs_condition/);
  const odd = setup('  srs = sideways\n');
  assert.deepEqual(await applyRedirectSrs(odd.options, new AddressItem('l@f'), odd.ctx, { nowMs: NOW }), { kind: 'skipped' });
});

test('database mode: srs_dbinsert sees the key and address, srs_dbselect finds the address again', async () => {
  const half = setup('  srs = reverseandforward\n  srs_dbinsert = x\n');
  assert.equal((await applyRedirectSrs(half.options, new AddressItem('l@f'), half.ctx, { nowMs: NOW })).kind, 'defer');

  // Forward: the insert expansion stores "key: address" in an lsearch file.
  const dir = mkdtempSync(join(tmpdir(), 'mw-srs-db-'));
  const file = join(dir, 'srsdb');
  writeFileSync(file, '');
  const fwd = setup('  srs = forward\n  srs_dbinsert = $srs_db_key\n');
  const inserted: string[] = [];
  const expand = fwd.ctx.services.expand;
  fwd.ctx.services.expand = async (text, c) => {
    const v = await expand(text, c);
    if (text === '$srs_db_key') inserted.push(`"${v.s}": ${c.vars.get('srs_db_address')!.s}`);
    return v;
  };
  const f = await applyRedirectSrs(fwd.options, new AddressItem('list@fwd.example'), fwd.ctx, { nowMs: NOW });
  assert.equal(f.kind, 'done');
  const srsSender = (f as { srsSender: string }).srsSender;
  const key = fwd.ctx.vars.get('srs_db_key')!.s;
  assert.equal(key, createHmac('sha1', SECRET).update('alice@orig.example').digest('base64').slice(0, 16));
  assert.equal(srsSender, `SRS0=${srsSender.slice(5, 9)}=2W=${key}@fwd.example`);
  assert.deepEqual(inserted, [`"${key}": alice@orig.example`]);
  writeFileSync(file, inserted.join('\n') + '\n');

  // Reverse: the bounce to that address is found again through srs_dbselect.
  const rev = setup(`  srs = reverseandforward\n  srs_dbinsert = $srs_db_key\n  srs_dbselect = \${lookup{$srs_db_key}lsearch{${file}}}\n`, undefined, { sender_address: '' });
  const back = await applyRedirectSrs(rev.options, new AddressItem(srsSender), rev.ctx, { nowMs: NOW });
  assert.deepEqual(back, { kind: 'done', recipient: 'alice@orig.example', caseBroken: false });
  assert.equal(rev.ctx.vars.get('srs_db_key')?.s, key);
  // A database that cannot be read defers.
  const broken = setup('  srs = reverse\n  srs_dbselect = ${lookup{$srs_db_key}lsearch{/nonexistent/srsdb}}\n');
  assert.equal((await applyRedirectSrs(broken.options, new AddressItem(srsSender), broken.ctx, { nowMs: NOW })).kind, 'defer');
  // Not an SRS recipient: the reverse step declines, before any forwarding.
  assert.equal((await applyRedirectSrs(rev.options, new AddressItem('list@fwd.example'), rev.ctx, { nowMs: NOW })).kind, 'decline');
});

test('propagateSrsSender marks the generated addresses', () => {
  const parent = new AddressItem('list@fwd.example');
  const kids = [new AddressItem('a@x', { parent }), new AddressItem('b@y', { parent })];
  propagateSrsSender(kids, 'SRS0=h=2W=orig.example=alice@fwd.example');
  assert.deepEqual(kids.map((k) => k.prop.srsSender), ['SRS0=h=2W=orig.example=alice@fwd.example', 'SRS0=h=2W=orig.example=alice@fwd.example']);
  assert.equal(parent.prop.srsSender, undefined);
  propagateSrsSender(kids, undefined);
  assert.equal(kids[0]!.prop.srsSender, 'SRS0=h=2W=orig.example=alice@fwd.example');
});
