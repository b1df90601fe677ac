/** Retry times against the records exim4 4.96 wrote (test/fixtures/queue/retry-times.json, gen-retry.mjs). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseConfig, optionsApi } from '../../src/config/index.js';
import { fromLoadedConfig } from '../../src/cli/runtime-config.js';
import { createExpandContext } from '../../src/expand/index.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { MemoryHints } from '../../src/queue/hints.js';
import { recordFailure, retrySettingsFromConfig } from '../../src/queue/retry.js';

interface Times { firstFailed: number; lastTry: number; nextTry: number; expired: boolean }
interface Scenario { name: string; rule: string; main?: string; random?: boolean; messageAge?: number; before?: Times; after: Times; failures: string[] }
const scenarios = JSON.parse(readFileSync('test/fixtures/queue/retry-times.json', 'utf8')) as Scenario[];

for (const s of scenarios) {
  test(`retry times as exim4: ${s.name}`, async () => {
    const loaded = parseConfig({ file: '/tmp/x.conf', text: `${s.main ?? ''}\nbegin retry\n${s.rule}\n` }, optionsApi);
    const ctx = createExpandContext({ config: fromLoadedConfig(loaded).view, lookups: createLookupRegistry({}), vars: new Map() });
    const settings = retrySettingsFromConfig(loaded, ctx);
    const hints = new MemoryHints();
    const now = s.after.lastTry;
    if (s.before) await hints.table('retry').put('R:fail.example', { time: now - 1, error: '', text: 'try later', ...s.before });
    const facts = { now, sender: 's@test.ex', ...(s.messageAge ? { messageReceived: now - s.messageAge } : {}) };
    const lowest = await recordFailure(hints, { key: 'R:fail.example', action: 'defer', message: 'try later' }, { ...settings, random: () => 0 }, facts);
    assert.equal(lowest.giveUp, s.failures.includes('** a@fail.example: retry timeout exceeded'));
    assert.equal(lowest.record.firstFailed, s.after.firstFailed);
    assert.equal(lowest.record.expired, s.after.expired);
    if (!s.random) {
      assert.equal(lowest.record.nextTry, s.after.nextTry);
      return;
    }
    // H: exim4 picked a random interval; it must lie within what this implementation can pick.
    if (s.before) await hints.table('retry').put('R:fail.example', { time: now - 1, error: '', text: 'try later', ...s.before });
    const highest = await recordFailure(hints, { key: 'R:fail.example', action: 'defer' }, { ...settings, random: () => 0.999999 }, facts);
    assert.ok(lowest.record.nextTry <= s.after.nextTry && s.after.nextTry <= highest.record.nextTry, `${lowest.record.nextTry} <= ${s.after.nextTry} <= ${highest.record.nextTry}`);
  });
}
