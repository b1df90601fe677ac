/** Host, reverse, MX and DNSBL helpers against unbound on loopback. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostFinder } from '../../src/dns/host.js';
import { HostsFile } from '../../src/dns/hosts-file.js';
import { lookupMx } from '../../src/dns/mx.js';
import { dnsblLookup } from '../../src/dns/dnsbl.js';
import { LookupDefer } from '../../src/lookups/types.js';
import { resolverFor } from './helpers.js';
import { startUnbound, type TestDnsServer } from './unbound.js';

describe('host helpers against unbound', () => {
  let server: TestDnsServer;
  let dir: string;
  let hostsFile: HostsFile;
  before(async () => {
    server = await startUnbound();
    dir = mkdtempSync(join(tmpdir(), 'mw-hosts-'));
    writeFileSync(join(dir, 'hosts'), '# test\n127.0.0.1 localhost\n192.0.2.77 filehost.mw.test filehost\n2001:db8::77 filehost.mw.test\n192.0.2.2 host2.mw.test\n');
    hostsFile = new HostsFile(join(dir, 'hosts'));
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const finder = (opts: ConstructorParameters<typeof HostFinder>[1] = {}) => new HostFinder(resolverFor(server), { hostsFile, ...opts });

  it('bydns: AAAA then A, IPv6 first; dns_ipv4_lookup skips AAAA', async () => {
    const r = await finder().byDns('host1.mw.test');
    assert.deepEqual(r.kind === 'found' && r.addresses, ['2001:db8::1', '192.0.2.1']);
    const v4 = await finder({ ipv4Lookup: (d) => d.endsWith('mw.test') }).byDns('host1.mw.test');
    assert.deepEqual(v4.kind === 'found' && v4.addresses, ['192.0.2.1']);
    assert.equal((await finder().byDns('filehost.mw.test')).kind, 'notfound', 'bydns never reads /etc/hosts');
    assert.equal((await finder().byDns('mx.bogus.test')).kind, 'again');
    const viaAlias = await finder().byDns('alias.mw.test');
    assert.equal(viaAlias.kind === 'found' && viaAlias.name, 'host1.mw.test');
  });

  it('byname: the hosts file first, then the DNS with the search list', async () => {
    const f = await finder().byName('filehost.mw.test');
    assert.deepEqual(f.kind === 'found' && [f.name, f.addresses], ['filehost.mw.test', ['2001:db8::77', '192.0.2.77']]);
    const alias = await finder().byName('filehost');
    assert.deepEqual(alias.kind === 'found' && [alias.name, alias.addresses], ['filehost.mw.test', ['192.0.2.77']]);
    const shadowed = await finder().byName('host2.mw.test');
    assert.deepEqual(shadowed.kind === 'found' && shadowed.addresses, ['192.0.2.2'], 'the file hides the DNS');
    const dns = await finder().byName('host1');
    assert.deepEqual(dns.kind === 'found' && dns.addresses, ['2001:db8::1', '192.0.2.1']);
    assert.equal((await finder().byName('nonexist.mw.test')).kind, 'notfound');
  });

  it('reverse lookup confirms names by forward lookup', async () => {
    const f = finder();
    assert.deepEqual(await f.verifiedNames('192.0.2.1'), { kind: 'found', name: 'host1.mw.test', aliases: [] });
    assert.deepEqual(await f.verifiedNames('2001:db8::1'), { kind: 'found', name: 'host1.mw.test', aliases: [] });
    // 192.0.2.3 has PTRs host2 (which has .3 in the DNS) and alias (a CNAME to host1, which has not).
    const dnsOnly = finder({ hostsFile: new HostsFile(join(dir, 'missing')) });
    assert.deepEqual(await dnsOnly.verifiedNames('192.0.2.3'), { kind: 'found', name: 'host2.mw.test', aliases: [] });
    // With the hosts file, host2 resolves to .2 only, so nothing confirms .3.
    assert.deepEqual(await f.verifiedNames('192.0.2.3'), { kind: 'unverified', names: ['host2.mw.test', 'alias.mw.test'] });
    assert.deepEqual(await f.verifiedNames('192.0.2.51'), { kind: 'unverified', names: ['forged.mw.test'] });
    assert.deepEqual(await f.verifiedNames('192.0.2.50'), { kind: 'unverified', names: ['nowhere.mw.test'] });
    assert.deepEqual(await f.verifiedNames('192.0.2.200'), { kind: 'notfound' });
    assert.deepEqual(await f.ptrNames('192.0.2.77', ['byaddr']), { kind: 'unverified', names: ['filehost.mw.test', 'filehost'] });
    assert.deepEqual(await f.verifiedNames('192.0.2.77', ['byaddr']), { kind: 'found', name: 'filehost.mw.test', aliases: ['filehost'] });
  });

  it('serves the list matcher through the HostResolver contract', async () => {
    const hr = finder().asHostResolver();
    assert.deepEqual(await hr.namesOf!('192.0.2.11'), ['mx1.mw.test']);
    assert.equal(await hr.namesOf!('192.0.2.200'), null);
    assert.deepEqual(await hr.addressesOf('mx3.mw.test'), ['2001:db8::13', '192.0.2.13']);
    await assert.rejects(hr.addressesOf('mx.bogus.test'), LookupDefer);
  });

  it('MX: sorted, equal preferences shuffled, null MX and no MX told apart', async () => {
    const r = resolverFor(server);
    const mx = await lookupMx(r, 'mw.test', {}, null);
    assert.deepEqual(mx.kind === 'mx' && mx.hosts.map((h) => `${h.preference} ${h.name}`), ['10 mx1.mw.test', '10 mx3.mw.test', '20 mx2.mw.test']);
    const orders = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const m = await lookupMx(r, 'multimx.mw.test');
      if (m.kind === 'mx') orders.add(m.hosts.map((h) => h.name).join(' '));
    }
    assert.ok(orders.size > 1, 'equal-preference hosts come in varying order');
    for (const o of orders) assert.ok(o.endsWith('mx2.mw.test'), 'the preference-7 host is always last');
    assert.equal((await lookupMx(r, 'nullmx.mw.test')).kind, 'nullmx');
    assert.equal((await lookupMx(r, 'host1.mw.test')).kind, 'nodata');
    assert.equal((await lookupMx(r, 'nonexist.mw.test')).kind, 'nxdomain');
    const signed = await lookupMx(r, 'signed.test', { dnssec: true });
    assert.equal(signed.kind === 'mx' && signed.secure, true);
  });

  it('DNSBL: IPv4 and IPv6 keys, TXT text, not listed, defer', async () => {
    const r = resolverFor(server);
    const v4 = await dnsblLookup(r, '127.0.0.2', 'bl.test');
    assert.deepEqual(v4, { kind: 'listed', query: '2.0.0.127.bl.test', addresses: ['127.0.0.2', '127.0.0.4'], texts: ['127.0.0.2 is listed: see https://bl.test/'], discarded: [] });
    const v6 = await dnsblLookup(r, '2001:db8::1', 'bl.test');
    assert.deepEqual(v6.kind === 'listed' && [v6.addresses, v6.texts], [['127.0.0.3'], ['v6 listed']]);
    assert.equal((await dnsblLookup(r, '192.0.2.99', 'bl.test')).kind, 'notlisted');
    assert.equal((await dnsblLookup(r, '192.0.2.1', 'bogus.test')).kind, 'defer');
    const outside = await dnsblLookup(r, '192.0.2.1', 'bl.test');
    assert.equal(outside.kind, 'listed', '1.2.0.192.bl.test answers 127.0.0.10');
  });
});
