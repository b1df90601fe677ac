import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryLogger } from '../../src/log/memory-logger.js';
import { parseLogSelector } from '../../src/log/selectors.js';

test('MemoryLogger keeps entries and answers per log as the file logger would write them', () => {
  const log = new MemoryLogger(parseLogSelector('-smtp_connection'));
  log.write(['main'], 'SMTP connection from [1.2.3.4]', undefined, { selector: 'smtp_connection' });
  log.write(['main', 'reject'], 'H=[1.2.3.4] rejected RCPT <a@b>', 'id1');
  log.write(['panic'], 'bad');
  assert.deepEqual(log.lines('main'), ['id1 H=[1.2.3.4] rejected RCPT <a@b>']);
  assert.deepEqual(log.lines('reject'), ['id1 H=[1.2.3.4] rejected RCPT <a@b>']);
  assert.deepEqual(log.lines('panic'), ['bad']);
  assert.equal(log.entries.length, 3);
});
