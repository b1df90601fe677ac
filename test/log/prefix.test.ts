import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateStamps, formatZoneOffset, linePrefix, logTime, offsetForZone } from '../../src/log/prefix.js';
import { parseLogSelector } from '../../src/log/selectors.js';
import { logTimestamp } from '../../src/log/timestamp.js';

const utc = () => 0;
const ist = () => 330;
const d = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 67));

test('plain, millisec, zone and pid prefixes', () => {
  assert.equal(linePrefix(d, { selectors: parseLogSelector(''), offset: utc }), '2024-01-02 03:04:05 ');
  assert.equal(linePrefix(d, { selectors: parseLogSelector('+millisec'), offset: utc }), '2024-01-02 03:04:05.067 ');
  assert.equal(linePrefix(d, { selectors: parseLogSelector('+pid'), offset: utc, pid: 42 }), '2024-01-02 03:04:05 [42] ');
  assert.equal(linePrefix(d, { selectors: parseLogSelector('+pid +millisec'), logTimezone: true, offset: ist, pid: 7 }), '2024-01-02 08:34:05.067 +0530 [7] ');
  assert.equal(linePrefix(d, { selectors: parseLogSelector(''), logTimezone: true, offset: () => -210 }), '2024-01-01 23:34:05 -0330 ');
});

test('zone offsets and date stamps', () => {
  assert.equal(formatZoneOffset(0), '+0000');
  assert.equal(formatZoneOffset(-480), '-0800');
  assert.deepEqual(dateStamps(new Date(Date.UTC(2024, 11, 31, 23, 30)), utc), { day: '20241231', month: '202412' });
  assert.deepEqual(dateStamps(new Date(Date.UTC(2024, 11, 31, 23, 30)), () => 60), { day: '20250101', month: '202501' });
});

test('logTime agrees with the older timestamp helper in local time', () => {
  const now = new Date();
  assert.equal(logTime(now), logTimestamp(now));
  assert.equal(logTime(now, { withZone: true }), logTimestamp(now, true));
});

test('offsets of named zones follow daylight saving', () => {
  const berlin = offsetForZone('Europe/Berlin');
  assert.equal(berlin(new Date(Date.UTC(2024, 0, 15, 12))), 60);
  assert.equal(berlin(new Date(Date.UTC(2024, 6, 15, 12))), 120);
  assert.equal(offsetForZone('Asia/Kolkata')(new Date(Date.UTC(2024, 6, 15, 12))), 330);
  assert.equal(offsetForZone('America/St_Johns')(new Date(Date.UTC(2024, 0, 15, 12))), -210);
  assert.equal(offsetForZone('UTC')(new Date()), 0);
  // The switch instant itself: 2024-03-31 01:00 UTC is 03:00 CEST.
  assert.equal(logTime(new Date(Date.UTC(2024, 2, 31, 0, 59, 59)), { withZone: true, offset: berlin }), '2024-03-31 01:59:59 +0100');
  assert.equal(logTime(new Date(Date.UTC(2024, 2, 31, 1, 0, 0)), { withZone: true, offset: berlin }), '2024-03-31 03:00:00 +0200');
  assert.throws(() => offsetForZone('Not/AZone'), RangeError);
});
