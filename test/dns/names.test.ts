import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ipv6Bytes, reverseName, reversedAddress } from '../../src/dns/names.js';
import { dnsblQueryName } from '../../src/dns/dnsbl.js';
import { sortMx } from '../../src/dns/mx.js';
import type { RecordOf } from '../../src/dns/types.js';

describe('address-derived names', () => {
  it('reverses IPv4 octets and IPv6 nibbles', () => {
    assert.equal(reverseName('192.0.2.1'), '1.2.0.192.in-addr.arpa');
    assert.equal(reverseName('2001:db8::1'), '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa');
    assert.equal(reverseName('::ffff:192.0.2.1')?.slice(0, 16), '1.0.2.0.0.0.0.c.');
    assert.equal(reverseName('host.example'), undefined);
    assert.equal(reversedAddress('300.1.1.1'), undefined);
    assert.equal(ipv6Bytes('1::').toString('hex'), '00010000000000000000000000000000');
    assert.equal(ipv6Bytes('::').toString('hex'), '0'.repeat(32));
  });

  it('builds DNSBL names for addresses and domains', () => {
    assert.equal(dnsblQueryName('127.0.0.2', 'bl.test'), '2.0.0.127.bl.test');
    assert.equal(dnsblQueryName('2001:db8::1', '.bl.test.'), '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.bl.test');
    assert.equal(dnsblQueryName('spam.example', 'dbl.test'), 'spam.example.dbl.test');
  });

  it('sorts MX by preference and shuffles only within one preference', () => {
    const mx = (preference: number, exchange: string) => ({ type: 'MX', preference, exchange, name: 'd', ttl: 1, class: 1 }) as RecordOf<'MX'>;
    const recs = [mx(20, 'c'), mx(10, 'a'), mx(10, 'b'), mx(5, 'z')];
    assert.deepEqual(sortMx(recs, null).map((h) => h.name), ['z', 'a', 'b', 'c']);
    assert.deepEqual(sortMx(recs, (xs) => xs.reverse()).map((h) => h.name), ['z', 'b', 'a', 'c']);
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) seen.add(sortMx(recs).map((h) => h.name).join(''));
    assert.deepEqual([...seen].sort(), ['zabc', 'zbac'], 'both orders of the equal pair occur, nothing else');
  });
});
