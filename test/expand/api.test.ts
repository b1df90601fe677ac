/** Behaviour that the exim4 oracle cannot show directly: API, taint, hooks, sockets, computed values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExpandContext, expand, expandCondition, evaluateCondition, expandString, ExpandError, stringIsTrue } from '../../src/expand/index.js';
import { tainted, untainted, type ExpandContext, type TStr } from '../../src/expand/types.js';
import { knownVariableNames } from '../../src/expand/variables.js';
import { parseExpansion } from '../../src/expand/parser.js';
import { srsEncode, imapFolderName } from '../../src/expand/items/misc.js';
import { configView, testLookups, DATA } from './helpers.js';

function ctx(vars: Record<string, TStr> = {}, opts: Record<string, string> = {}): ExpandContext {
  return createExpandContext({
    config: configView('', { primary_hostname: 'mw.example', ...opts }),
    lookups: testLookups(),
    vars: new Map(Object.entries(vars)),
  });
}

async function failure(p: Promise<unknown>): Promise<ExpandError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ExpandError) return e;
    throw e;
  }
  assert.fail('expected an ExpandError');
}

test('expandCondition follows Exim truth rules for expanded options', async () => {
  const c = ctx();
  for (const f of ['', '0', 'no', 'false', ' FALSE ', 'No']) assert.equal(await expandCondition(f, c), false, f);
  for (const t of ['1', 'yes', 'true', 'anything', '${if eq{a}{a}}']) assert.equal(await expandCondition(t, c), true, t);
  assert.equal(await expandCondition('${if eq{a}{b}}', c), false);
  assert.equal(stringIsTrue('  yes '), true);
});

test('evaluateCondition evaluates a bare condition', async () => {
  const c = ctx();
  assert.equal(await evaluateCondition('eq{a}{a}', c), true);
  assert.equal(await evaluateCondition('!eq{a}{a}', c), false);
  assert.equal(await evaluateCondition('and{{eq{a}{a}}{def:primary_hostname}}', c), true);
  assert.equal((await failure(evaluateCondition('nosuch{a}', c))).message, 'unknown condition "nosuch"');
});

test('forced failure is distinguishable from errors', async () => {
  const c = ctx();
  const forced = await failure(expand('${if eq{a}{b}{x}fail}', c));
  assert.equal(forced.kind, 'forced');
  assert.equal(forced.forced, true);
  const plain = await failure(expand('${foo', c));
  assert.equal(plain.kind, 'error');
});

test('taint propagates through concatenation, operators and items, but not from empty parts', async () => {
  const c = ctx({ t: tainted('Tainted'), e: tainted(''), u: untainted('clean') });
  assert.equal((await expand('$u', c)).tainted, false);
  assert.equal((await expand('x$t', c)).tainted, true);
  assert.equal((await expand('${lc:$t}', c)).tainted, true);
  assert.equal((await expand('${substr{1}{2}{$t}}', c)).tainted, true);
  assert.equal((await expand('${if eq{$t}{Tainted}{yes}{no}}', c)).tainted, false);
  assert.equal((await expand('a${lc:$e}b', c)).tainted, false);
  assert.equal((await expand('${length_0:$t}', c)).tainted, false);
  assert.equal((await expand('${map{$t:x}{<$item>}}', c)).tainted, true);
  assert.equal((await expand('${lookup{root}lsearch{' + DATA + '/plain}}', c)).tainted, false);
});

test('tainted file names and commands are refused with Exim texts', async () => {
  const c = ctx({ f: tainted(`${DATA}/plain`), cmd: tainted('/bin/echo') });
  assert.equal((await failure(expand('${lookup{root}lsearch{$f}}', c))).message, '(null)');
  assert.match((await failure(expand('${readfile{$f}}', c))).message, /^failed to open .*plain: Permission denied \(euid=\d+ egid=\d+\)$/);
  assert.equal((await failure(expand('${run{$cmd hi}}', c))).message, "couldn't create child process: Operation not permitted");
  // A tainted lookup KEY is fine.
  assert.equal((await expand('${lookup{$t}lsearch{' + DATA + '/plain}{y}{n}}', ctx({ t: tainted('root') }))).s, 'y');
});

test('${acl} uses ctx.runAcl with $acl_argN and $acl_narg, restoring them after', async () => {
  const c = ctx();
  c.runAcl = async (name, args, inner) => {
    const narg = (await expand('$acl_narg:$acl_arg1:$acl_arg2', inner)).s;
    if (name === 'defer') return { verb: 'defer' };
    if (name === 'fail') return { verb: 'fail' };
    return { verb: 'accept', message: `${name} ${args.length} ${narg}` };
  };
  assert.equal(await expandString('${acl{check}{a}{b}}', c), 'check 2 2:a:b');
  assert.equal(await expandString('$acl_narg', c), '0');
  assert.equal((await failure(expand('${acl{defer}}', c))).kind, 'forced');
  assert.equal((await failure(expand('${acl{fail}}', c))).message, 'FAIL from acl "fail"');
  assert.equal((await failure(expand('${acl{x}}', ctx()))).message, 'ERROR from acl "x"');
});

test('${readsocket} talks to a unix socket, with eol, caching and the failure string', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-rs-'));
  const path = join(dir, 'sock');
  let connections = 0;
  const server = createServer((s) => {
    connections++;
    s.on('data', (d) => s.end(`got ${d}\nline2\n`));
  });
  await new Promise<void>((r) => server.listen(path, r));
  try {
    const c = ctx();
    assert.equal(await expandString(`\${readsocket{${path}}{hello}}`, c), 'got hello\nline2\n');
    assert.equal(await expandString(`\${readsocket{${path}}{hi}{2s}{|}}`, c), 'got hi|line2|');
    assert.equal(await expandString(`\${readsocket{${path}}{hi}{2s:eol=+}}`, c), 'got hi+line2+');
    const before = connections;
    await expandString(`\${readsocket{${path}}{c}{2s:cache=yes}}`, c);
    await expandString(`\${readsocket{${path}}{c}{2s:cache=yes}}`, c);
    assert.equal(connections - before, 1);
    assert.equal(await expandString(`\${readsocket{${dir}/none}{x}{1s}{}{fallback}}`, c), 'fallback');
    assert.equal((await failure(expand(`\${readsocket{${dir}/none}{x}}`, c))).message, `failed to connect to socket ${dir}/none: No such file or directory`);
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every registered variable expands, and computed ones have Exim formats', async () => {
  const c = ctx();
  for (const name of knownVariableNames()) await expand(`$${name}`, c);
  const v = async (n: string): Promise<string> => expandString(`$${n}`, c);
  assert.match(await v('tod_log'), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.match(await v('tod_full'), /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$/);
  assert.match(await v('tod_bsdinbox'), /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d \d{4}$/);
  assert.match(await v('tod_zulu'), /^\d{14}Z$/);
  assert.match(await v('tod_logfile'), /^\d{8}$/);
  assert.match(await v('tod_zone'), /^[+-]\d{4}$/);
  assert.match(await v('tod_epoch_l'), /^\d{16}$/);
  assert.equal(await v('pid'), String(process.pid));
  assert.equal(await v('primary_hostname'), 'mw.example');
  assert.equal(await v('qualify_domain'), 'mw.example');
  assert.equal(await v('exim_version'), '4.96');
  assert.equal(await v('acl_m_anything'), '');
});

test('variables set by subsystems win over defaults; sender parts derive from sender_address', async () => {
  const c = ctx({ sender_address: untainted('joe@example.org'), local_part: tainted('bob') });
  assert.equal(await expandString('$sender_address_local_part/$sender_address_domain/$local_part', c), 'joe/example.org/bob');
});

test('prvs output verifies with prvscheck', async () => {
  const c = ctx();
  const signed = await expandString('${prvs{user@example.com}{s3cret}{4}}', c);
  assert.match(signed, /^prvs=4\d{3}[0-9a-f]{6}=user@example\.com$/);
  assert.equal(await expandString(`\${prvscheck{${signed}}{s3cret}{$prvscheck_result/$prvscheck_keynum}}`, c), '1/4');
  assert.equal(await expandString(`\${prvscheck{${signed}}{wrong}{[$prvscheck_result]}}`, c), '[]');
  assert.equal(await expandString('$prvscheck_result', c), '');
});

test('srs_encode and imapfolder helpers', () => {
  const day = Date.UTC(2026, 10, 23);
  assert.equal(srsEncode('secret', 'user@orig.example', 'forwarder.example', day), 'SRS0=efd0=jm=orig.example=user@forwarder.example');
  assert.equal(srsEncode('secret', '', 'f.example', day), '');
  assert.equal(imapFolderName('Räksmörgås', '/', ''), 'R&AOQ-ksm&APY-rg&AOU-s');
});

test('parsed trees are cached by text', () => {
  const a = parseExpansion('${lc:$primary_hostname}');
  assert.equal(parseExpansion('${lc:$primary_hostname}'), a);
});

test('$value and $item are restored after nested items', async () => {
  const c = ctx();
  const out = await expandString(
    '${map{a:b}{${lookup{root}lsearch{' + DATA + '/plain}{$item=$value}}}}[$item][$value]',
    c,
  );
  assert.equal(out, 'a=rootdata:b=rootdata[][]');
});
