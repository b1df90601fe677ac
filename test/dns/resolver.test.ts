/** The stub resolver against unbound on loopback, and against a scripted server for failures. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DnsResolver } from '../../src/dns/resolver.js';
import { udpExchange } from '../../src/dns/transport.js';
import { encodeQuery } from '../../src/dns/wire.js';
import { resolverFor } from './helpers.js';
import { replyTo, startFakeServer } from './fake-server.js';
import { startUnbound, type TestDnsServer } from './unbound.js';

describe('resolver against unbound', () => {
  let server: TestDnsServer;
  before(async () => {
    server = await startUnbound();
  });
  after(async () => server?.stop());

  it('classifies found, nxdomain, nodata and temporary failure', async () => {
    const r = resolverFor(server);
    const found = await r.lookup('host2.mw.test', 'A');
    assert.equal(found.kind, 'found');
    assert.deepEqual(found.kind === 'found' && found.records.map((x) => x.type === 'A' && x.address), ['192.0.2.2', '192.0.2.3']);
    assert.equal(found.kind === 'found' && found.ttl, 300);
    assert.equal((await r.lookup('nonexist.mw.test', 'A')).kind, 'nxdomain');
    assert.equal((await r.lookup('nodata.mw.test', 'A')).kind, 'nodata');
    const again = await r.lookup('mx.bogus.test', 'A');
    assert.equal(again.kind, 'again');
  });

  it('follows CNAME chains and reports the final owner', async () => {
    const r = resolverFor(server);
    const res = await r.lookup('alias2.mw.test', 'A');
    assert.equal(res.kind === 'found' && res.name, 'host1.mw.test');
    const cname = await r.lookup('alias2.mw.test', 'CNAME');
    assert.equal(cname.kind === 'found' && cname.records[0]?.type === 'CNAME' && cname.records[0].target, 'alias.mw.test');
    assert.equal((await r.lookup('dangling.mw.test', 'A')).kind, 'nxdomain');
  });

  it('falls back to TCP when the UDP answer is truncated', async () => {
    const raw = await udpExchange({ host: '127.0.0.1', port: server.port }, encodeQuery({ id: 9, name: 'big.mw.test', type: 16 }), 2000);
    assert.ok((raw[2]! & 0x02) !== 0, 'unbound truncates the 20-record TXT set over plain UDP');
    const res = await resolverFor(server).lookup('big.mw.test', 'TXT');
    assert.equal(res.kind === 'found' && res.records.length, 20);
  });

  it('reports the AD bit only with DNSSEC requested for a validated zone', async () => {
    const r = resolverFor(server);
    const signed = await r.lookup('mx.signed.test', 'A', { dnssec: true });
    assert.equal(signed.kind === 'found' && signed.secure, true);
    const plain = await r.lookup('mx.signed.test', 'A');
    assert.equal(plain.secure, false, 'without DO the server does not set AD');
    assert.equal((await r.lookup('host1.mw.test', 'A', { dnssec: true })).secure, false);
    assert.equal((await r.lookup('nonexist.signed.test', 'A', { dnssec: true })).secure, true, 'authenticated denial');
    const distrust = resolverFor(server, { trustAd: false });
    assert.equal((await distrust.lookup('mx.signed.test', 'A', { dnssec: true })).secure, false);
  });

  it('qualifies single names and searches parents when asked', async () => {
    const r = resolverFor(server);
    assert.equal((await r.lookup('host1', 'A')).kind, 'nxdomain');
    const q = await r.lookup('host1', 'A', { qualifySingle: true });
    assert.equal(q.kind === 'found' && q.name, 'host1.mw.test');
    assert.deepEqual(r.candidateNames('a.b', { searchParents: true }), ['a.b', 'a.b.mw.test']);
    assert.deepEqual(r.candidateNames('a', { searchParents: true }), ['a.mw.test', 'a']);
  });

  it('treats names failing dns_check_names_pattern as non-existent, except for PTR/TXT/SRV', async () => {
    const r = resolverFor(server);
    assert.equal((await r.lookup('bad..name', 'A')).kind, 'nxdomain');
    assert.equal((await r.lookup('_smtp._tcp.mw.test', 'SRV')).kind, 'found');
  });

  it('maps dns_again_means_nonexist', async () => {
    const r = resolverFor(server, { againMeansNonexist: (d) => d.endsWith('bogus.test') });
    assert.equal((await r.lookup('mx.bogus.test', 'A')).kind, 'nxdomain');
    assert.equal((await r.lookup('mx.bogus.test', 'A')).kind, 'nxdomain');
  });
});

describe('resolver against a scripted server', () => {
  it('times out, retries each round, and reports a temporary failure', async () => {
    const fake = await startFakeServer(() => null);
    try {
      const r = new DnsResolver({ servers: [{ host: '127.0.0.1', port: fake.port }], timeoutMs: 100, attempts: 2 });
      const t0 = Date.now();
      const res = await r.lookup('x.example', 'A');
      assert.equal(res.kind, 'again');
      assert.equal(fake.queries.length, 2);
      assert.ok(Date.now() - t0 >= 190);
    } finally {
      await fake.stop();
    }
  });

  it('ignores answers with the wrong id, retries over TCP on TC, and moves on after SERVFAIL', async () => {
    let udpCount = 0;
    const fake = await startFakeServer((q) => {
      if (q.transport === 'tcp') return replyTo(q.raw, { addresses: ['192.0.2.9'], ad: true });
      udpCount++;
      if (udpCount === 1) return replyTo(q.raw, { id: (q.msg.header.id + 1) & 0xffff, addresses: ['6.6.6.6'] });
      return null;
    });
    const fake2 = await startFakeServer((q) => (q.transport === 'udp' ? replyTo(q.raw, { tc: true }) : replyTo(q.raw, { addresses: ['192.0.2.9'] })));
    const fail = await startFakeServer((q) => replyTo(q.raw, { rcode: 2 }));
    try {
      const spoofed = new DnsResolver({ servers: [{ host: '127.0.0.1', port: fake.port }], timeoutMs: 150, attempts: 1 });
      assert.equal((await spoofed.lookup('x.example', 'A')).kind, 'again', 'a reply with another id is not the answer');
      const viaTcp = new DnsResolver({ servers: [{ host: '127.0.0.1', port: fake2.port }], timeoutMs: 500, attempts: 1 });
      const res = await viaTcp.lookup('x.example', 'A');
      assert.equal(res.kind === 'found' && res.records[0]?.type === 'A' && res.records[0].address, '192.0.2.9');
      assert.deepEqual(fake2.queries.map((q) => q.transport), ['udp', 'tcp']);
      const two = new DnsResolver({ servers: [{ host: '127.0.0.1', port: fail.port }, { host: '127.0.0.1', port: fake2.port }], timeoutMs: 500, attempts: 1 });
      assert.equal((await two.lookup('y.example', 'A')).kind, 'found');
      const onlyFail = new DnsResolver({ servers: [{ host: '127.0.0.1', port: fail.port }], timeoutMs: 500, attempts: 1 });
      assert.equal((await onlyFail.lookup('y.example', 'A')).kind, 'again');
    } finally {
      await Promise.all([fake.stop(), fake2.stop(), fail.stop()]);
    }
  });

  it('counts authoritative answers for dns_trust_aa domains as authenticated', async () => {
    const fake = await startFakeServer((q) => replyTo(q.raw, { addresses: ['192.0.2.8'], aa: true }));
    try {
      const r = new DnsResolver({ servers: [{ host: '127.0.0.1', port: fake.port }], timeoutMs: 500, attempts: 1, trustAa: (d) => d.endsWith('.trusted') });
      assert.equal((await r.lookup('a.trusted', 'A', { dnssec: true })).secure, true);
      assert.equal((await r.lookup('a.other', 'A', { dnssec: true })).secure, false);
    } finally {
      await fake.stop();
    }
  });

  it('caches answers for their TTL and sends EDNS0/DO as configured', async () => {
    const fake = await startFakeServer((q) => replyTo(q.raw, { addresses: ['192.0.2.7'] }));
    try {
      const r = new DnsResolver({ servers: [{ host: '127.0.0.1', port: fake.port }], timeoutMs: 500, attempts: 1, useEdns0: true });
      await r.lookup('c.example', 'A');
      await r.lookup('C.example.', 'A');
      assert.equal(fake.queries.length, 1, 'second lookup answered from the cache');
      assert.equal(fake.queries[0]!.raw.readUInt16BE(10), 1, 'EDNS0 OPT record present');
      await r.lookup('c.example', 'A', { dnssec: true });
      assert.equal(fake.queries.length, 2, 'a DNSSEC lookup is cached separately');
      const opt = fake.queries[1]!.raw.subarray(-11);
      assert.equal(opt.readUInt32BE(5) & 0x8000, 0x8000, 'DO bit set');
      r.clearCache();
      await r.lookup('c.example', 'A');
      assert.equal(fake.queries.length, 3);
    } finally {
      await fake.stop();
    }
  });
});
