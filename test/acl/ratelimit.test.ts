/** ratelimit: argument errors as exim4 words them, smoothing, leaky/strict/readonly, unique=, caching per run. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryRatelimitStore } from '../../src/acl/ratelimit-store.js';
import { parseRatelimit, smoothedRate } from '../../src/acl/conditions/ratelimit.js';
import { newAclControls } from '../../src/acl/index.js';
import { rcptVars, runAcl } from './helpers.js';

test('argument errors use exim4 texts', async () => {
  assert.throws(() => parseRatelimit('x / 1h', 'k'), /error in arguments to "ratelimit" condition: "x" is not a positive number/);
  assert.throws(() => parseRatelimit('10 / xx', 'k'), /"xx" is not a time value/);
  assert.throws(() => parseRatelimit('10 / 1h / strict / leaky', 'k'), /conflicting update modes/);
  const p = parseRatelimit('2K / 5m / per_byte / mykey', 'host');
  assert.equal(p.limit, 2048);
  assert.equal(p.period, 300);
  assert.equal(p.key, 'mykey');
  assert.equal(parseRatelimit('1/1h', 'host').key, 'host');
});

test('smoothing: a burst adds up, time makes it decay', () => {
  assert.ok(Math.abs(smoothedRate(1, 1, 0, 3600) - 2) < 1e-6);
  assert.ok(smoothedRate(10, 0, 3600, 3600) < 4);
});

async function rateAfter(acl: string, runs: number, store: MemoryRatelimitStore, clock: { t: number }) {
  let last;
  for (let i = 0; i < runs; i++) {
    last = await runAcl(`chk:\n${acl}`, 'chk', { vars: rcptVars(), services: { ratelimitStore: store, now: () => clock.t }, controls: newAclControls() });
    clock.t += 1;
  }
  return last!;
}

test('first event gives rate 1.0; strict keeps counting past the limit, leaky stops', async () => {
  const clock = { t: 1000 };
  const strict = new MemoryRatelimitStore();
  const s = await rateAfter('  deny ratelimit = 2 / 1h / per_cmd / strict\n       message = $sender_rate $sender_rate_limit $sender_rate_period\n  accept message = $sender_rate', 4, strict, clock);
  assert.equal(s.out.result, 'fail');
  assert.match(s.out.userMessage!, /^4\.0 2 1h$/);
  const leaky = new MemoryRatelimitStore();
  const l = await rateAfter('  deny ratelimit = 2 / 1h / per_cmd\n       message = $sender_rate\n  accept message = $sender_rate', 4, leaky, clock);
  assert.equal(l.out.userMessage, '3.0');
  const first = await rateAfter('  accept !ratelimit = 2 / 1h / per_cmd / readonly / other\n         message = $sender_rate', 1, leaky, clock);
  assert.equal(first.out.userMessage, '1.0');
  assert.equal(leaky.records.has('1h/per_cmd/other'), false);
});

test('same key is computed once per ACL run; unique= counts distinct values', async () => {
  const clock = { t: 5000 };
  const store = new MemoryRatelimitStore();
  const r = await rateAfter('  warn ratelimit = 5 / 1h / per_cmd / strict / k\n  warn ratelimit = 5 / 1h / per_cmd / strict / k\n  accept message = $sender_rate', 1, store, clock);
  assert.equal(r.out.userMessage, '1.0');
  const u = await rateAfter('  accept ratelimit = 0 / 1h / per_mail / strict / unique=same / k2\n         message = $sender_rate', 3, store, clock);
  assert.equal(u.out.userMessage, '1.0');
});
