/**
 * The pieces of the remote routers on their own: host list items, SRV ordering, the self
 * option, domain literals, manualroute rules; then the drivers called directly through their
 * RouterDriver interface against the test DNS server, for what -bt does not show (DNSSEC flags,
 * fallback hosts, the freeze flag, $self_hostname's host, the rerouted child).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, optionsApi } from '../../src/config/index.js';
import { DriverOptions } from '../../src/config/driver-options.js';
import { HostFinder } from '../../src/dns/host.js';
import { createExpandContext } from '../../src/expand/index.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { MemoryLogger } from '../../src/log/memory-logger.js';
import { createRoutingContext } from '../../src/route/context.js';
import '../../src/route/drivers/index.js';
import { domainLiteralAddress } from '../../src/route/drivers/ipliteral.js';
import { copyRouting, hostListItems, parseFallbackHosts, parseHostListItem, parseSelfOption, routingIsCopyable, sameDomain, splitHostPort } from '../../src/route/hosts.js';
import { parseRuleOptions, splitRule, splitRuleData, UnknownRuleOption } from '../../src/route/hosts-rules.js';
import { orderSrv } from '../../src/route/hosts-srv.js';
import { routerDriver } from '../../src/route/registry.js';
import { AddressItem, type RoutingContext } from '../../src/route/types.js';
import { ConfigError } from '../../src/util/errors.js';
import type { RecordOf } from '../../src/dns/types.js';
import { resolverFor } from '../dns/helpers.js';
import { startUnbound, type TestDnsServer } from '../dns/unbound.js';

describe('host list items', () => {
  test('ports: host:port with one colon, [address]:port, none for IPv6 or a doubled colon', () => {
    assert.deepEqual(splitHostPort('mx1.example:2525'), { host: 'mx1.example', port: 2525 });
    assert.deepEqual(splitHostPort('[2001:db8::5]:27'), { host: '2001:db8::5', port: 27 });
    assert.deepEqual(splitHostPort('[192.0.2.6]'), { host: '[192.0.2.6]' });
    assert.deepEqual(splitHostPort('2001:db8::1'), { host: '2001:db8::1' });
    assert.deepEqual(splitHostPort('mx2.example::29'), { host: 'mx2.example::29' });
  });

  test('/MX items, with the port last', () => {
    assert.deepEqual(parseHostListItem('dom.example/mx:1225'), { name: 'dom.example', port: 1225, viaMx: true });
    assert.deepEqual(parseHostListItem('dom.example/MX'), { name: 'dom.example', port: undefined, viaMx: true });
  });

  test('+ separates groups randomized on their own; ignored without randomizing', () => {
    const reverse = <T>(a: T[]): T[] => a.reverse();
    const names = (list: string, r: boolean) => hostListItems(list, r, reverse).map((h) => h.name);
    assert.deepEqual(names('a:b:c:+:d:e', true), ['c', 'b', 'a', 'e', 'd']);
    assert.deepEqual(names('a:b:c:+:d:e', false), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(names('a::25 : b', false), ['a', 'b']);
  });

  test('fallback_hosts: names and ports, not looked up', () => {
    assert.deepEqual(
      parseFallbackHosts('mx1.example : 192.0.2.8::26').map((h) => [h.name, h.port, h.address]),
      [
        ['mx1.example', undefined, undefined],
        ['192.0.2.8', 26, undefined],
      ],
    );
    assert.deepEqual(parseFallbackHosts(undefined), []);
  });
});

describe('SRV ordering (RFC 2782)', () => {
  const srv = (priority: number, weight: number, target: string): RecordOf<'SRV'> => ({ type: 'SRV', name: 's', ttl: 1, class: 1, priority, weight, port: 25, target });
  test('by priority; within one, a draw picks by running weight', () => {
    const records = [srv(20, 0, 'c'), srv(10, 1, 'a'), srv(10, 9, 'b')];
    assert.deepEqual(orderSrv(records, () => 0).map((t) => t.name), ['a', 'b', 'c']);
    assert.deepEqual(orderSrv(records, (n) => n).map((t) => t.name), ['b', 'a', 'c']);
  });
  test('a weight-0 record is picked first only by a zero draw', () => {
    const records = [srv(1, 5, 'heavy'), srv(1, 0, 'zero')];
    assert.deepEqual(orderSrv(records, () => 0).map((t) => t.name), ['zero', 'heavy']);
    assert.deepEqual(orderSrv(records, () => 3).map((t) => t.name), ['heavy', 'zero']);
  });
});

describe('self option', () => {
  test('the simple words and reroute forms', () => {
    assert.deepEqual(parseSelfOption(undefined, 'r'), { kind: 'freeze' });
    assert.deepEqual(parseSelfOption('pass', 'r'), { kind: 'pass' });
    assert.deepEqual(parseSelfOption('reroute:x.example', 'r'), { kind: 'reroute', domain: 'x.example', rewrite: false });
    assert.deepEqual(parseSelfOption('reroute: rewrite: x.example', 'r'), { kind: 'reroute', domain: 'x.example', rewrite: true });
  });
  test('anything else is a configuration error worded as exim4', () => {
    assert.throws(
      () => parseSelfOption('sometimes', 'ipliteral'),
      (e: unknown) => e instanceof ConfigError && e.message === 'Exim configuration error for ipliteral router:\n  sometimes is not valid for the self option',
    );
  });
});

test('domain literals: IPv4, IPv4:/IPv6: tags in any case, bare IPv6; nothing else', () => {
  assert.equal(domainLiteralAddress('[192.0.2.1]'), '192.0.2.1');
  assert.equal(domainLiteralAddress('[IPv4:192.0.2.1]'), '192.0.2.1');
  assert.equal(domainLiteralAddress('[ipv6:2001:db8::1]'), '2001:db8::1');
  assert.equal(domainLiteralAddress('[::1]'), '::1');
  assert.equal(domainLiteralAddress('[300.1.1.1]'), undefined);
  assert.equal(domainLiteralAddress('[host.example]'), undefined);
  assert.equal(domainLiteralAddress('host.example'), undefined);
});

test('manualroute rules: quoted fields, option words, transports', () => {
  assert.deepEqual(splitRule('"*.example"  "a : b"  randomize'), { pattern: '*.example', data: '  "a : b"  randomize' });
  assert.deepEqual(splitRuleData('"a : b"  bydns  ipv4_prefer t1'), { hosts: 'a : b', words: ['bydns', 'ipv4_prefer', 't1'] });
  assert.deepEqual(splitRuleData('a:b'), { hosts: 'a:b', words: [] });
  const opts = parseRuleOptions(['no_randomize', 'byname', 'ipv4_only', 't1'], (w) => w === 't1');
  assert.deepEqual(opts, { randomize: false, method: 'byname', ipv4Only: true, ipv4Prefer: false, transport: 't1' });
  const bad = parseRuleOptions(['foo'], () => false);
  assert.ok(bad instanceof UnknownRuleOption && bad.word === 'foo');
});

describe('drivers called directly', () => {
  let server: TestDnsServer;
  before(async () => {
    server = await startUnbound();
  });
  after(async () => {
    await server?.stop();
  });

  const CONFIG = `
local_interfaces = <; 127.0.0.1 ; ::1
begin routers
dnslookup:
  driver = dnslookup
  transport = remote_smtp
  fallback_hosts = fb1.example : 192.0.2.9
passing:
  driver = dnslookup
  transport = remote_smtp
  self = pass
literal:
  driver = ipliteral
  transport = remote_smtp
begin transports
remote_smtp:
  driver = smtp
`;

  function setup(): { ctx: RoutingContext; log: MemoryLogger; route: (router: string, address: string) => Promise<{ addr: AddressItem; outcome: Awaited<ReturnType<import('../../src/route/types.js').RouterDriver['route']>> }> } {
    const config = parseConfig({ file: 'test.conf', text: CONFIG }, optionsApi);
    const resolver = resolverFor(server);
    const base = createExpandContext({ config: { mainOption: (n) => config.mainOption(n) as string | number | boolean | undefined, namedList: () => undefined }, lookups: createLookupRegistry() });
    const log = new MemoryLogger();
    const ctx = createRoutingContext({ config, base, mode: 'test', log, sender: '', dns: { resolver, hosts: new HostFinder(resolver) } });
    const route = async (router: string, address: string) => {
      const instance = config.routers.find((r) => r.name === router)!;
      const driver = routerDriver(instance.driver)!.create(new DriverOptions(instance), instance);
      const addr = new AddressItem(address);
      return { addr, outcome: await driver.route(addr, ctx) };
    };
    return { ctx, log, route };
  }

  test('dnslookup: hosts with their DNSSEC state, and the router fallback hosts', async () => {
    const { route } = setup();
    const signed = await route('dnslookup', 'a@signed.test');
    assert.equal(signed.outcome.kind, 'accept');
    assert.equal(signed.addr.transport, 'remote_smtp');
    assert.deepEqual(
      signed.addr.hosts.map((h) => [h.name, h.mx, h.dnssec]),
      [
        ['mx.signed.test', 10, 'yes'],
        ['mx.signed.test', 10, 'yes'],
      ],
    );
    assert.deepEqual(signed.addr.fallbackHosts.map((h) => h.name), ['fb1.example', '192.0.2.9']);
    const plain = await route('dnslookup', 'a@mxorder.rt.mw.test');
    assert.ok(plain.addr.hosts.every((h) => h.dnssec === 'no'));
  });

  test('dnslookup: a qualified domain comes back as a child address to route again', async () => {
    const { route } = setup();
    const { addr, outcome } = await route('dnslookup', 'a@host1');
    assert.equal(outcome.kind, 'rerouted');
    const child = outcome.kind === 'rerouted' ? outcome.child : undefined;
    assert.equal(child?.address, 'a@host1.mw.test');
    assert.equal(child?.parent, addr);
  });

  test('self: freeze asks for freezing and logs; pass records the local host', async () => {
    const { route, log } = setup();
    const frozen = await route('dnslookup', 'a@mxself.rt.mw.test');
    assert.deepEqual(frozen.outcome, { kind: 'defer', message: 'lowest numbered MX record points to local host', freeze: true });
    assert.ok(log.lines('main').some((l) => l.includes('lowest numbered MX record points to local host: mxself.rt.mw.test (while routing <a@mxself.rt.mw.test>)')));
    const passed = await route('passing', 'a@local.rt.mw.test');
    assert.equal(passed.outcome.kind, 'pass');
    assert.equal(passed.addr.selfHost?.address, '127.0.0.1');
  });

  test('ipliteral: the literal, lower-cased, is the host name', async () => {
    const { route } = setup();
    const { addr, outcome } = await route('literal', 'a@[IPv6:2001:DB8::1]');
    assert.equal(outcome.kind, 'accept');
    assert.deepEqual(addr.hosts.map((h) => [h.name, h.address, h.mx]), [['[ipv6:2001:db8::1]', '2001:db8::1', -1]]);
  });
});

test('same_domain_copy_routing: only a copying router, remote hosts, no header changes, unchanged domain', () => {
  const config = parseConfig(
    {
      file: 'test.conf',
      text: 'begin routers\ncopy:\n  driver = dnslookup\n  transport = t\n  same_domain_copy_routing\nplain:\n  driver = dnslookup\n  transport = t\nbegin transports\nt:\n  driver = smtp\n',
    },
    optionsApi,
  );
  const routed = new AddressItem('a@x.example');
  routed.router = 'copy';
  routed.transport = 't';
  routed.hosts = [{ name: 'mx.x.example', address: '192.0.2.1', mx: 10, dnssec: 'no', status: 'unknown' }];
  assert.equal(routingIsCopyable(routed, config), true);
  const other = new AddressItem('b@X.example');
  assert.ok(sameDomain(routed, other));
  assert.ok(!sameDomain(routed, new AddressItem('b@y.example')));
  copyRouting(routed, other);
  assert.deepEqual([other.router, other.transport, other.hosts], ['copy', 't', routed.hosts]);
  routed.prop.extraHeaders.push('X-A: 1');
  assert.equal(routingIsCopyable(routed, config), false, 'headers_add stops copying');
  routed.prop.extraHeaders.pop();
  routed.router = 'plain';
  assert.equal(routingIsCopyable(routed, config), false, 'the option is off');
  const child = new AddressItem('a@x.example.mw.test', { parent: new AddressItem('a@x.example') });
  Object.assign(child, { router: 'copy', transport: 't', hosts: routed.hosts });
  assert.equal(routingIsCopyable(child, config), false, 'a widened domain');
});
