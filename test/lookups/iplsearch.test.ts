import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { untainted } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { inNetwork, parseIpAddress, unmapIPv4 } from '../../src/lookups/ip-address.js';
import { LookupDefer } from '../../src/lookups/types.js';
import { makeCtx, makeScratch } from './helpers.js';

describe('ip-address', () => {
  it('IPv4 is strict like inet_pton', () => {
    assert.deepEqual(parseIpAddress('1.2.3.4')?.bytes, [1, 2, 3, 4]);
    for (const bad of ['1.2.3', '1.2.3.4.', '01.2.3.4', '256.1.1.1', '1.2.3.x', '']) assert.equal(parseIpAddress(bad), null, bad);
  });
  it('IPv6 forms', () => {
    assert.deepEqual(parseIpAddress('::1')?.bytes, [...new Array(15).fill(0), 1]);
    assert.deepEqual(parseIpAddress('::ffff:1.2.3.4')?.bytes.slice(10), [0xff, 0xff, 1, 2, 3, 4]);
    assert.equal(parseIpAddress('1::2::3'), null);
    assert.equal(parseIpAddress('1:2:3:4:5:6:7:8:9'), null);
    assert.equal(parseIpAddress('12345::'), null);
    assert.deepEqual(parseIpAddress('fe80::1%eth0')?.bytes, parseIpAddress('fe80::1')?.bytes);
  });
  it('mapped IPv4 is unmapped; networks compare by prefix', () => {
    assert.deepEqual(unmapIPv4(parseIpAddress('::ffff:9.8.7.6')!).bytes, [9, 8, 7, 6]);
    assert.equal(inNetwork(parseIpAddress('10.1.2.3')!, parseIpAddress('10.0.0.0')!, 8), true);
    assert.equal(inNetwork(parseIpAddress('11.1.2.3')!, parseIpAddress('10.0.0.0')!, 8), false);
    assert.equal(inNetwork(parseIpAddress('10.1.2.3')!, parseIpAddress('::')!, 0), false);
    assert.equal(inNetwork(parseIpAddress('1.2.3.4')!, parseIpAddress('1.2.3.4')!, 99), true);
  });
});

describe('iplsearch driver', () => {
  const scratch = makeScratch();
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const reg = createLookupRegistry();
  const ctx = makeCtx(reg);
  const file = join(scratch, 'ipunit.iplsearch');
  writeFileSync(file, '"2001:db8::/32": doc\n10.0.0.0/8: ten\n10.0.0.0/16: never\n*: star\n');
  const look = (spec: string, key: string) => reg.lookup(spec, untainted(key), untainted(file), ctx);

  it('first containing network wins', async () => assert.equal((await look('iplsearch', '10.0.1.1')).value.s, 'ten'));
  it('quoted IPv6 networks', async () => assert.equal((await look('iplsearch', '2001:db8:ffff::1')).value.s, 'doc'));
  it('not found', async () => assert.equal((await look('iplsearch', '11.0.0.1')).found, false));
  it('* default', async () => assert.equal((await look('iplsearch*', '11.0.0.1')).value.s, 'star'));
  it('ret=key', async () => assert.equal((await look('iplsearch,ret=key', '10.9.9.9')).value.s, '10.9.9.9'));
  it('ret=full', async () => assert.equal((await look('iplsearch,ret=full', '10.9.9.9')).value.s, '10.0.0.0/8: ten'));
  it('invalid keys defer with Exim\'s text', async () => {
    await assert.rejects(look('iplsearch', 'host.example'), (err: unknown) => {
      assert.ok(err instanceof LookupDefer);
      assert.match(err.message, /^"host\.example" is not a valid iplsearch key \(an IP address, with optional CIDR mask, is wanted\)/);
      return true;
    });
  });
  it('partial lookups defer on the first modified key', async () => {
    await assert.rejects(look('partial-iplsearch', '11.0.0.1'), { message: /^"\*\.11\.0\.0\.1" is not a valid/ });
  });
});
