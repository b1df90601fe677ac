import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DnsdbQueryError, parseDnsdbQuery } from '../../src/dns/dnsdb-query.js';
import { formatRecord } from '../../src/dns/format.js';
import type { DnsRecord } from '../../src/dns/types.js';

describe('dnsdb query syntax', () => {
  it('reads separators, modifiers, type and names', () => {
    const q = parseDnsdbQuery('>|,/ defer_strict, dnssec_never ,retrans_1m,retry_4,MX = a.example:b.example');
    assert.deepEqual(q, { sep: '|', fieldSep: '/', defer: 'strict', dnssec: 'never', retransSec: 60, retry: 4, type: 'mx', names: ['a.example', 'b.example'] });
    assert.deepEqual(parseDnsdbQuery('>:; txt=x').fieldSep, '');
    assert.deepEqual(parseDnsdbQuery('>:, soa=x').fieldSep, ' ', 'the character after the comma, even a space');
    assert.equal(parseDnsdbQuery('x.example').type, 'txt');
  });

  it('keeps one IPv6 address whole for PTR unless the separator is changed', () => {
    assert.deepEqual(parseDnsdbQuery('ptr=2001:db8::1').names, ['2001:db8::1']);
    assert.deepEqual(parseDnsdbQuery('ptr=<; 2001:db8::1;192.0.2.1').names, ['2001:db8::1', '192.0.2.1']);
    assert.deepEqual(parseDnsdbQuery('a=2001:db8::1').names, ['2001', 'db8:1']);
  });

  it("throws Exim's messages for bad queries", () => {
    assert.throws(() => parseDnsdbQuery('any=x'), { message: 'unsupported DNS record type' });
    assert.throws(() => parseDnsdbQuery('defer_x,a=x'), { message: 'unsupported dnsdb defer behaviour' });
    assert.throws(() => parseDnsdbQuery('dnssec_x,a=x'), { message: 'unsupported dnsdb dnssec behaviour' });
    assert.throws(() => parseDnsdbQuery('retrans_5,a=x'), { message: 'unsupported dnsdb timeout value' });
    assert.throws(() => parseDnsdbQuery('defer_lax a=x'), { message: 'dnsdb modifier syntax error' });
    assert.throws(() => parseDnsdbQuery('retry_x,a=x'), DnsdbQueryError);
  });
});

describe('dnsdb record formats', () => {
  const base = { name: 'n', ttl: 1, class: 1 };
  it('prints SOA and TXT according to the field separator', () => {
    const soa = { ...base, type: 'SOA', mname: 'ns', rname: 'host.master', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 } as DnsRecord;
    assert.equal(formatRecord(soa), 'ns');
    assert.equal(formatRecord(soa, { fieldSep: ':' }), 'ns:host.master:1:2:3:4:5');
    const txt = { ...base, type: 'TXT', strings: [Buffer.from('a'), Buffer.from('b')] } as DnsRecord;
    assert.equal(formatRecord(txt), 'a');
    assert.equal(formatRecord(txt, { fieldSep: '' }), 'ab');
    const spf = { ...txt, type: 'SPF' } as DnsRecord;
    assert.equal(formatRecord(spf), 'ab');
  });
  it('prints MX, MXH, SRV and TLSA fields', () => {
    assert.equal(formatRecord({ ...base, type: 'MX', preference: 5, exchange: 'm' }), '5 m');
    assert.equal(formatRecord({ ...base, type: 'MX', preference: 5, exchange: 'm' }, { hostsOnly: true }), 'm');
    assert.equal(formatRecord({ ...base, type: 'SRV', priority: 1, weight: 2, port: 25, target: 't' }, { fieldSep: ',' }), '1,2,25,t');
    assert.equal(formatRecord({ ...base, type: 'TLSA', usage: 3, selector: 1, matchingType: 1, data: Buffer.from([0xab, 0x01]) }), '3 1 1 ab01');
  });
});
