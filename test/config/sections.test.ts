// What the section parsers produce: option settings, named lists, driver instances, ACL
// statements, retry and rewrite rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, optionsApi } from '../../src/config/index.js';
import type { LoadedConfig } from '../../src/config/types.js';

const FILE = '/etc/mailwright/test.conf';
const parse = (text: string, macros: Record<string, string> = {}): LoadedConfig =>
  parseConfig({ file: FILE, text, macros }, optionsApi);

test('main options: value, raw text, hide, location, defaults', () => {
  const cfg = parse('qualify_domain = example.org\nhide queue_only\nno_message_logs\nsmtp_accept_max = 0x10\n');
  const q = cfg.main.get('qualify_domain')!;
  assert.equal(q.value, 'example.org');
  assert.equal(q.raw, 'example.org');
  assert.equal(q.hidden, false);
  assert.deepEqual(q.loc, { file: FILE, line: 1 });
  assert.equal(cfg.main.get('queue_only')!.hidden, true);
  assert.equal(cfg.mainOption('queue_only'), true);
  assert.equal(cfg.mainOption('message_logs'), false);
  assert.equal(cfg.mainOption('smtp_accept_max'), 16);
  // Unset: the table default.
  assert.equal(cfg.mainOption('smtp_accept_queue'), 0);
  assert.equal(cfg.mainOption('no_such_option'), undefined);
});

test('named lists: kinds, cache flag, location; lookup by kind and name', () => {
  const cfg = parse('domainlist d = a : b\ndomainlist_cache c = ${lookup{x}}\nhostlist h = $x\nlocalpartlist l = p\naddresslist a = q@r\n');
  assert.deepEqual(cfg.namedList('domain', 'd'), { kind: 'domain', name: 'd', value: 'a : b', cacheable: true, file: FILE, line: 1 });
  assert.equal(cfg.namedList('domain', 'c')!.cacheable, true);
  assert.equal(cfg.namedList('host', 'h')!.cacheable, false);
  assert.equal(cfg.namedList('localpart', 'l')!.value, 'p');
  assert.equal(cfg.namedList('address', 'a')!.value, 'q@r');
  assert.equal(cfg.namedList('host', 'd'), undefined);
});

test('named list values are read like string options: quotes and escapes processed', () => {
  const cfg = parse('domainlist q = "x y\\t\\x41"\nhostlist plain = a\\tb\n');
  assert.equal(cfg.namedList('domain', 'q')!.value, 'x y\tA');
  assert.equal(cfg.namedList('host', 'plain')!.value, 'a\\tb');
});

test('macros of a configuration: built-ins first, then -D, then the file', () => {
  const cfg = parse('FILEMAC = 1\n', { CMD: 'x' });
  const users = cfg.macros.filter((m) => !m.builtin);
  assert.deepEqual(users, [
    { name: 'CMD', value: 'x', builtin: false, commandLine: true },
    { name: 'FILEMAC', value: '1', builtin: false },
  ]);
  assert.ok(cfg.macros[0]!.builtin);
  assert.ok(cfg.macros.some((m) => m.name === '_HAVE_TLS'));
});

test('drivers: generic and private options, driver name, repeatable options joined', () => {
  const cfg = parse(
    [
      'begin routers',
      'r1:',
      '  driver = redirect',
      '  domains = example.org',
      '  data = :blackhole:',
      '  headers_add = A: 1',
      '  headers_add = B: 2',
      '  headers_remove = X',
      '  headers_remove = Y',
      '  no_verify',
      '  hide errors_to = someone',
      'begin transports',
      't1:',
      '  driver = smtp',
      '  command_timeout = 2m',
    ].join('\n'),
  );
  const r = cfg.routers[0]!;
  assert.equal(r.kind, 'router');
  assert.equal(r.name, 'r1');
  assert.equal(r.driver, 'redirect');
  assert.deepEqual(r.loc, { file: FILE, line: 2 });
  assert.equal(r.options.get('domains')!.value, 'example.org');
  assert.equal(r.options.get('data')!.value, ':blackhole:');
  assert.equal(r.options.get('headers_add')!.value, 'A: 1\nB: 2');
  assert.equal(r.options.get('headers_remove')!.value, 'X:Y');
  assert.equal(r.options.get('verify')!.value, false);
  assert.equal(r.options.get('errors_to')!.hidden, true);
  const t = cfg.transports[0]!;
  assert.equal(t.driver, 'smtp');
  assert.equal(t.options.get('command_timeout')!.value, 120);
});

test('ACL statements: verbs, conditions, negation, modifiers, set, endpass, locations', () => {
  const cfg = parse(
    [
      'begin acl',
      'check:',
      '  accept  hosts = :',
      '  deny    domains = +local',
      '         !verify  = recipient',
      '          message = no such user',
      '  warn    set acl_m_count = ${eval:$acl_m_count+1}',
      '  accept  domains = x',
      '          endpass',
      '          verify = sender',
      'empty:',
    ].join('\n'),
  );
  const acl = cfg.acls.get('check')!;
  assert.equal(acl.name, 'check');
  assert.deepEqual(acl.loc, { file: FILE, line: 2 });
  assert.deepEqual(acl.statements.map((s) => s.verb), ['accept', 'deny', 'warn', 'accept']);
  assert.deepEqual(acl.statements[0]!.items.map((i) => [i.name, i.value, i.negated]), [['hosts', ':', false]]);
  const deny = acl.statements[1]!;
  assert.deepEqual(deny.items.map((i) => [i.name, i.value, i.negated, i.loc.line]), [
    ['domains', '+local', false, 4],
    ['verify', 'recipient', true, 5],
    ['message', 'no such user', false, 6],
  ]);
  const set = acl.statements[2]!.items[0]!;
  assert.deepEqual([set.name, set.variable, set.value], ['set', 'acl_m_count', '${eval:$acl_m_count+1}']);
  assert.deepEqual(acl.statements[3]!.items.map((i) => i.name), ['domains', 'endpass', 'verify']);
  assert.equal(cfg.acls.get('empty')!.statements.length, 0);
});

test('retry rules: quoted pattern, senders, parameters in seconds', () => {
  const cfg = parse(
    ['begin retry', '"*@a b"  rcpt_45x  senders=":"  G,1h,10m,2; F,2d,1h', 'example.com  quota_3d  f,4h,30m;'].join('\n'),
  );
  assert.deepEqual(
    cfg.retry.map((r) => ({ pattern: r.pattern, error: r.error, senders: r.senders, params: r.params, line: r.loc.line })),
    [
      {
        pattern: '*@a b',
        error: 'rcpt_45x',
        senders: ':',
        params: [
          { algorithm: 'G', cutoff: 3600, interval: 600, factor: 2 },
          { algorithm: 'F', cutoff: 172800, interval: 3600 },
        ],
        line: 2,
      },
      { pattern: 'example.com', error: 'quota_3d', senders: undefined, params: [{ algorithm: 'F', cutoff: 14400, interval: 1800 }], line: 3 },
    ],
  );
});

test('rewrite rules: quoted parts, flags without spaces', () => {
  const cfg = parse(['begin rewrite', '*@old.example  $1@new.example  F s', '"^\\\\N(.*)\\\\N$"  "a b"  Sq', 'x@y  z@w'].join('\n'));
  assert.deepEqual(
    cfg.rewrite.map((r) => [r.pattern, r.replacement, r.flags]),
    [
      ['*@old.example', '$1@new.example', 'Fs'],
      ['^\\N(.*)\\N$', 'a b', 'Sq'],
      ['x@y', 'z@w', ''],
    ],
  );
});

test('section names are case-insensitive; sections can come in any order', () => {
  const cfg = parse('BEGIN Transports\nt:\n  driver = pipe\nbegin ROUTERS\nr:\n  driver = redirect\n  data = x\n');
  assert.equal(cfg.transports[0]!.name, 't');
  assert.equal(cfg.routers[0]!.name, 'r');
});
