import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseResolvConf, parseServer } from '../../src/dns/resolv-conf.js';
import { resolverConfigFrom } from '../../src/dns/config.js';

describe('resolv.conf', () => {
  it('reads servers (at most three), search, options', () => {
    const c = parseResolvConf(
      ['# comment', '; other', 'nameserver 192.0.2.1', 'nameserver ::1', 'nameserver 127.0.0.1#5353', 'nameserver 10.0.0.9', 'domain a.example', 'search b.example c.example.', 'options timeout:3 attempts:4 ndots:2 edns0 trust-ad use-vc bogus'].join('\n'),
    );
    assert.deepEqual(c.servers, [
      { host: '192.0.2.1', port: 53 },
      { host: '::1', port: 53 },
      { host: '127.0.0.1', port: 5353 },
    ]);
    assert.deepEqual(c.search, ['b.example', 'c.example'], 'the last of domain/search wins');
    assert.deepEqual([c.timeoutSec, c.attempts, c.ndots, c.edns0, c.trustAd, c.useTcp], [3, 4, 2, true, true, true]);
  });

  it('has the C resolver defaults and honours LOCALDOMAIN and RES_OPTIONS', () => {
    const d = parseResolvConf('', {}, 'mail.example.org');
    assert.deepEqual(d.servers, [{ host: '127.0.0.1', port: 53 }]);
    assert.deepEqual(d.search, ['example.org'], 'default domain from the host name');
    assert.deepEqual([d.timeoutSec, d.attempts, d.ndots, d.edns0], [5, 2, 1, false]);
    const e = parseResolvConf('search x.example\n', { LOCALDOMAIN: 'y.example z.example', RES_OPTIONS: 'attempts:1 timeout:1' });
    assert.deepEqual(e.search, ['y.example', 'z.example']);
    assert.deepEqual([e.attempts, e.timeoutSec], [1, 1]);
  });

  it('parses bracketed and #port server syntax, rejecting junk', () => {
    assert.deepEqual(parseServer('[::1]:5300'), { host: '::1', port: 5300 });
    assert.deepEqual(parseServer('fe80::1%eth0'), { host: 'fe80::1', port: 53 });
    assert.equal(parseServer('ns.example'), undefined);
    assert.equal(parseServer('127.0.0.1#0'), undefined);
  });

  it('lets dns_* options override the file only when set', () => {
    const sys = parseResolvConf('nameserver 127.0.0.1\noptions timeout:3 attempts:4\n');
    const dflt = resolverConfigFrom(sys, { dns_retrans: 0, dns_retry: 0, dns_use_edns0: -1, dns_dnssec_ok: -1 });
    assert.deepEqual([dflt.timeoutMs, dflt.attempts, dflt.useEdns0, dflt.dnssecOk], [3000, 4, false, false]);
    const set = resolverConfigFrom(sys, { dns_retrans: 7, dns_retry: 1, dns_use_edns0: 1, dns_dnssec_ok: 1, dns_cname_loops: 3 });
    assert.deepEqual([set.timeoutMs, set.attempts, set.useEdns0, set.dnssecOk, set.cnameLoops], [7000, 1, true, true, 3]);
    assert.equal(resolverConfigFrom(sys, { dns_check_names_pattern: '' }).checkName, undefined);
    const check = resolverConfigFrom(sys, {}).checkName!;
    assert.deepEqual(['mx.example.com', 'a_b.example', 'bad..name', '-x.com', 'x.com.'].map(check), [true, true, false, false, true]);
  });
});
