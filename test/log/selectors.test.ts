import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_LOG_SELECTORS, LOG_SELECTOR_NAMES, LogSelectorError, LogSelectorSet, parseLogSelector } from '../../src/log/selectors.js';

interface SelectorCase {
  setting: string;
  error: string | null;
}
const cases = JSON.parse(readFileSync('test/fixtures/log/selector-errors.json', 'utf8')) as SelectorCase[];

test('log_selector settings are accepted or refused with exim4 texts (oracle)', () => {
  assert.ok(cases.length > 30);
  for (const c of cases) {
    if (c.error === null) {
      assert.doesNotThrow(() => parseLogSelector(c.setting), `setting ${JSON.stringify(c.setting)}`);
    } else {
      assert.throws(() => parseLogSelector(c.setting), (e: unknown) => e instanceof LogSelectorError && e.message === c.error, `setting ${JSON.stringify(c.setting)}`);
    }
  }
});

test('the default set is Exim 4.96 defaults', () => {
  const d = parseLogSelector(undefined);
  assert.deepEqual(d.names(), LOG_SELECTOR_NAMES.filter((n) => DEFAULT_LOG_SELECTORS.includes(n)));
  for (const on of ['msg_id', 'tls_cipher', 'tls_certificate_verified', 'lost_incoming_connection', 'dkim', 'rejected_header', 'etrn']) assert.equal(d.has(on), true, on);
  for (const off of ['pid', 'millisec', 'smtp_connection', 'subject', 'pipelining', 'proxy', 'protocol_detail', 'tls_resumption', 'incoming_port']) {
    assert.equal(d.has(off), false, off);
  }
});

test('+all, -all and words are applied in order', () => {
  assert.equal(parseLogSelector('+all').names().length, LOG_SELECTOR_NAMES.length);
  assert.deepEqual(parseLogSelector('-all').names(), []);
  assert.deepEqual(parseLogSelector('-all +pid').names(), ['pid']);
  assert.deepEqual(parseLogSelector('-all+pid+millisec').names(), ['millisec', 'pid']);
  assert.deepEqual(parseLogSelector('+all -all').names(), []);
  const s = parseLogSelector('+all -dkim -msg_id');
  assert.equal(s.has('dkim'), false);
  assert.equal(s.has('msg_id'), false);
  assert.equal(s.has('proxy'), true);
  const p = parseLogSelector('+pid-millisec +smtp_connection\t-tls_cipher');
  assert.equal(p.has('pid'), true);
  assert.equal(p.has('tls_cipher'), false);
  assert.equal(p.has('smtp_connection'), true);
});

test('rejected_headers is another name for rejected_header', () => {
  const s = parseLogSelector('-rejected_headers');
  assert.equal(s.has('rejected_header'), false);
  assert.equal(parseLogSelector('-all +rejected_headers').has('rejected_headers'), true);
});

test('unknown and malformed words', () => {
  assert.throws(() => parseLogSelector('+spf'), /^LogSelectorError: unknown log_selector setting: \+spf$/);
  assert.throws(() => parseLogSelector('+pid, +x'), { message: 'malformed log_selector setting: + or - expected but found ", +x"' });
  assert.throws(() => parseLogSelector('+pid -'), { message: 'unknown log_selector setting: -' });
});

test('LogSelectorSet.with switches selectors', () => {
  const s = LogSelectorSet.defaults().with({ pid: true, msg_id: false });
  assert.equal(s.has('pid'), true);
  assert.equal(s.has('msg_id'), false);
  assert.equal(LogSelectorSet.defaults().has('pid'), false);
});
