import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, optionsApi } from '../../src/config/index.js';
import { fromLoadedConfig } from '../../src/cli/runtime-config.js';
import { createExpandContext } from '../../src/expand/index.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { MemoryHints } from '../../src/queue/hints.js';
import {
  recordFailure, recordSuccess, applyRetryItem, retrySettingsFromConfig, isDue, ruleKeyFor,
  checkHostRetry, summariseHostRetries, checkAddressRetry, checkRetry, type RetrySettings,
} from '../../src/queue/retry.js';
import { computeRetryTime, retryInterval } from '../../src/queue/retry-times.js';
import type { RetryRecord } from '../../src/queue/types.js';

const H = 3600;
function settings(rules: string, main = '', random?: () => number): RetrySettings {
  const loaded = parseConfig({ file: '/tmp/t.conf', text: `${main}\nbegin retry\n${rules}\n` }, optionsApi);
  const rc = fromLoadedConfig(loaded);
  const ctx = createExpandContext({ config: rc.view, lookups: createLookupRegistry({}), vars: new Map() });
  const s = retrySettingsFromConfig(loaded, ctx);
  return random ? { ...s, random } : s;
}
const facts = (now: number, extra: object = {}) => ({ now, sender: 's@example.org', domain: 'dom.example', ...extra });

test('F rule: fixed interval from the first failure, expiry after the cutoff', async () => {
  const s = settings('* * F,2h,15m');
  const hints = new MemoryHints();
  const item = { key: 'R:dom.example', action: 'defer' as const, error: 'timeout', message: 'lookup timed out' };
  const d1 = await recordFailure(hints, item, s, facts(1000));
  assert.deepEqual(d1.record, { time: 1000, error: 'timeout', text: 'lookup timed out', firstFailed: 1000, lastTry: 1000, nextTry: 1000 + 900, expired: false });
  assert.equal(d1.giveUp, false);
  const d2 = await recordFailure(hints, item, s, facts(1000 + H));
  assert.equal(d2.record.firstFailed, 1000);
  assert.equal(d2.record.nextTry, 1000 + H + 900);
  const d3 = await recordFailure(hints, item, s, facts(1000 + 2 * H + 1));
  assert.equal(d3.record.expired, true);
  assert.equal(d3.giveUp, true);
  // After the cutoff the last parameter set still gives a retry time.
  assert.equal(d3.record.nextTry, 1000 + 2 * H + 1 + 900);
});

test('G rule grows the interval past the previous gap; retry_interval_max caps it', async () => {
  const s = settings('* * G,100h,1h,1.5');
  const hints = new MemoryHints();
  const item = { key: 'T:mx.dom.example:192.0.2.1', action: 'defer' as const, error: 'refused_MX', hostName: 'mx.dom.example' };
  let now = 0;
  const gaps: number[] = [];
  for (let i = 0; i < 4; i++) {
    const d = await recordFailure(hints, item, s, facts(now));
    gaps.push(d.record.nextTry - now);
    now = d.record.nextTry;
  }
  assert.deepEqual(gaps, [H, 1.5 * H, 2.25 * H, 3.375 * H]);
  const capped = settings('* * G,100h,20h,2', 'retry_interval_max = 30h');
  const h2 = new MemoryHints();
  await recordFailure(h2, item, capped, facts(0));
  const d = await recordFailure(h2, item, capped, facts(20 * H));
  assert.equal(d.record.nextTry - 20 * H, 24 * H, 'retry_interval_max cannot exceed 24h');
});

test('G uses the smaller of the planned and the actual gap (rare queue runs do not balloon it)', () => {
  const rule = { pattern: '*', error: '*', params: [{ algorithm: 'G' as const, cutoff: 1000 * H, interval: H, factor: 2 }], loc: { file: 'x', line: 1 } };
  const r = computeRetryTime({ rule, now: 10 * H, failingSince: 0, previous: { lastTry: 0, nextTry: H }, retryIntervalMax: 24 * H });
  assert.equal(r.nextTry - 10 * H, 2 * H);
});

test('H picks a random interval between the rule interval and the G ceiling (previous gap x factor)', () => {
  const p = { algorithm: 'H' as const, cutoff: 100 * H, interval: H, factor: 2 };
  assert.equal(retryInterval(p, 3 * H, () => 0), H);
  assert.equal(retryInterval(p, 3 * H, () => 0.999999), 6 * H);
  const mid = retryInterval(p, 3 * H, () => 0.5);
  assert.ok(mid > H && mid < 6 * H);
  // A previous gap shorter than the interval: the interval itself.
  assert.equal(retryInterval({ ...p, algorithm: 'G' }, H / 2), H);
});

test('stale records (older than retry_data_expire) are ignored: the failure period restarts', async () => {
  const s = settings('* * F,2h,15m', 'retry_data_expire = 1d');
  const hints = new MemoryHints();
  const item = { key: 'R:dom.example', action: 'defer' as const };
  await recordFailure(hints, item, s, facts(0));
  const d = await recordFailure(hints, item, s, facts(25 * H));
  assert.equal(d.record.firstFailed, 25 * H);
  assert.equal(d.giveUp, false);
});

test('no matching rule means no retries: the failure is final', async () => {
  const s = settings('other.example * F,2h,15m');
  const d = await recordFailure(new MemoryHints(), { key: 'R:dom.example', action: 'defer' }, s, facts(5));
  assert.equal(d.giveUp, true);
  assert.equal(d.record.expired, true);
});

test('host errors match the host name first, then the mail domain', async () => {
  const s = settings('mx.other * F,1h,1m\ndom.example * F,1h,2m\n* * F,1h,3m');
  const hints = new MemoryHints();
  const a = await recordFailure(hints, { key: 'T:mx.other:192.0.2.1', action: 'defer', hostName: 'mx.other' }, s, facts(0));
  assert.equal(a.record.nextTry, 60);
  const b = await recordFailure(hints, { key: 'T:mx.third:192.0.2.2', action: 'defer', hostName: 'mx.third' }, s, facts(0));
  assert.equal(b.record.nextTry, 120);
  const c = await recordFailure(hints, { key: 'T:mx.third:192.0.2.2', action: 'defer' }, s, facts(0, { domain: 'x.example' }));
  assert.equal(c.record.nextTry, 180);
  assert.deepEqual(ruleKeyFor({ key: 'R:u@d.example:<s@x>' }), { key: 'u@d.example' });
  assert.deepEqual(ruleKeyFor({ key: 'T:h.example:1.2.3.4:25' }, 'd'), { key: 'h.example', alternate: 'd' });
});

test('error-specific rules and senders= rules are honoured', async () => {
  const s = settings('* rcpt_45x senders=: F,1h,1m\n* quota_2d F,1h,2m\n* * F,1h,3m');
  const h = new MemoryHints();
  const bounce = await recordFailure(h, { key: 'R:u@d', action: 'defer', error: 'rcpt_452' }, s, { now: 0, sender: '' });
  assert.equal(bounce.record.nextTry, 60);
  const normal = await recordFailure(h, { key: 'R:v@d', action: 'defer', error: 'rcpt_452' }, s, { now: 0, sender: 'a@b' });
  assert.equal(normal.record.nextTry, 180);
  const quota = await recordFailure(h, { key: 'R:w@d', action: 'defer', error: 'quota_3d' }, s, { now: 0, sender: 'a@b' });
  assert.equal(quota.record.nextTry, 120);
});

test('message-related errors are timed from the message arrival when it is earlier', async () => {
  const s = settings('* * F,2h,15m');
  const d = await recordFailure(new MemoryHints(), { key: 'R:u@d', action: 'defer', error: 'data_451' }, s, facts(3 * H, { messageReceived: 0 }));
  assert.equal(d.giveUp, true);
  assert.equal(d.record.firstFailed, 3 * H);
});

test('a message older than the final cutoff times out the destination (record kept, marked expired)', async () => {
  const s = settings('* * F,2h,15m');
  const hints = new MemoryHints();
  const d = await recordFailure(hints, { key: 'R:u@d', action: 'defer', error: 'timeout' }, s, facts(3 * H, { messageReceived: 0 }));
  assert.equal(d.giveUp, true);
  assert.deepEqual(hints.table('retry').get('R:u@d'), d.record);
  assert.equal(d.record.expired, true);
  assert.equal(d.record.nextTry, 3 * H + 900);
});

test('recordSuccess and applyRetryItem(delete) forget the record', async () => {
  const s = settings('* * F,2h,15m');
  const hints = new MemoryHints();
  await recordFailure(hints, { key: 'R:a', action: 'defer' }, s, facts(0));
  await recordFailure(hints, { key: 'R:b', action: 'defer' }, s, facts(0));
  await recordSuccess(hints, 'R:a');
  assert.equal(await applyRetryItem(hints, { key: 'R:b', action: 'delete' }, s, facts(1)), undefined);
  assert.deepEqual([...hints.table('retry').keys()], []);
});

function record(fields: Partial<RetryRecord>): RetryRecord {
  return { time: 0, error: 'timeout', text: '', firstFailed: 0, lastTry: 0, nextTry: 100, expired: false, ...fields };
}

test('host checks: retry time, expired hosts and delay_after_cutoff', async () => {
  const hints = new MemoryHints();
  const t = hints.table('retry');
  await t.put('T:a:1', record({}));
  await t.put('T:b:2', record({ expired: true, lastTry: 10 }));
  assert.deepEqual(checkHostRetry(hints, 'T:none:3', { now: 50 }), { usable: true, expired: false });
  assert.equal(checkHostRetry(hints, 'T:a:1', { now: 50 }).usable, false);
  assert.equal(checkHostRetry(hints, 'T:a:1', { now: 100 }).usable, true);
  assert.equal(checkHostRetry(hints, 'T:a:1', { now: 50, force: true }).usable, true);
  assert.equal(checkHostRetry(hints, 'T:b:2', { now: 50 }).usable, false);
  assert.equal(checkHostRetry(hints, 'T:b:2', { now: 50, delayAfterCutoff: false, messageReceived: 20 }).usable, true);
  assert.equal(checkHostRetry(hints, 'T:b:2', { now: 50, delayAfterCutoff: false, messageReceived: 5 }).usable, false);
  // Texts as exim4 4.96 logged them (defer -54, and the ** line after the cutoff).
  const notReached = summariseHostRetries([checkHostRetry(hints, 'T:a:1', { now: 50 }), checkHostRetry(hints, 'T:b:2', { now: 50 })], 'remote.example');
  assert.deepEqual(notReached, { tryHosts: false, failAddress: false, message: "retry time not reached for any host for 'remote.example'" });
  const longFailure = summariseHostRetries([checkHostRetry(hints, 'T:b:2', { now: 50 })], 'remote.example');
  assert.deepEqual(longFailure, {
    tryHosts: false,
    failAddress: true,
    message: "all hosts for 'remote.example' have been failing for a long time (and retry time not reached)",
  });
  assert.equal(summariseHostRetries([checkHostRetry(hints, 'T:none:3', { now: 50 })]).tryHosts, true);
  assert.equal(isDue(record({}), 100), true);
  assert.equal(checkRetry(hints, 'T:a:1', 99).due, false);
});

test('address checks: queue runs, immediate deliveries, local expiry and old messages', async () => {
  const s = settings('* * F,2h,15m');
  const hints = new MemoryHints();
  await hints.table('retry').put('R:u@d', record({ time: 0, nextTry: H }));
  await hints.table('retry').put('R:v@d', record({ time: 0, nextTry: H, expired: true }));
  const base = { now: 60, queueRun: true, kind: 'routing' as const, sender: 'a@b' };
  assert.deepEqual(await checkAddressRetry(hints, 'R:u@d', s, base), { attempt: false, record: record({ time: 0, nextTry: H }), message: 'retry time not reached' });
  assert.equal((await checkAddressRetry(hints, 'R:u@d', s, { ...base, queueRun: false })).attempt, true);
  assert.equal((await checkAddressRetry(hints, 'R:u@d', s, { ...base, queueRun: false, kind: 'remote' })).attempt, false);
  assert.equal((await checkAddressRetry(hints, 'R:v@d', s, { ...base, kind: 'local' })).attempt, true);
  assert.equal((await checkAddressRetry(hints, 'R:u@d', s, { ...base, messageReceived: 60 - 3 * H })).attempt, true);
  assert.equal((await checkAddressRetry(hints, 'R:none@d', s, base)).attempt, true);
});
