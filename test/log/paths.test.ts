import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatestamped, logFileName, parseLogFilePath } from '../../src/log/paths.js';

const ctx = { spoolDirectory: '/var/spool/mw' };
const stamps = { day: '20021225', month: '200212' };

test('default path is <spool>/log/%slog; an empty item takes the build-time path', () => {
  assert.equal(parseLogFilePath(undefined, ctx).filePattern, '/var/spool/mw/log/%slog');
  assert.equal(parseLogFilePath('', ctx).filePattern, '/var/spool/mw/log/%slog');
  assert.equal(parseLogFilePath(':syslog', { ...ctx, buildPath: 'syslog:/var/log/exim4/%slog' }).filePattern, '/var/log/exim4/%slog');
  const t = parseLogFilePath(':syslog', ctx);
  assert.equal(t.syslog, true);
  assert.equal(t.filePattern, '/var/spool/mw/log/%slog');
});

test('syslog only, relative paths, exim4 warnings', () => {
  assert.deepEqual(parseLogFilePath('syslog', ctx), { filePattern: undefined, syslog: true, warnings: [] });
  assert.equal(parseLogFilePath('rel/%slog', ctx).filePattern, '/var/spool/mw/rel/%slog');
  assert.deepEqual(parseLogFilePath('/a%s : /b%s', ctx).warnings, ['More than one path given in log_file_path: using /a%s']);
  assert.equal(parseLogFilePath('/a%s : /b%s', ctx).filePattern, '/a%s');
  assert.deepEqual(parseLogFilePath('/tmp/nos', ctx).warnings, ['log_file_path "/tmp/nos" does not contain "%s"']);
  assert.deepEqual(parseLogFilePath('/tmp/%%s-%s', ctx).warnings, ['log_file_path "/tmp/%%s-%s" contains unexpected "%" character']);
});

test('names for main, reject and panic with datestamps (spec examples)', () => {
  const rows: [string, string, string, string][] = [
    ['/var/spool/exim/log/%slog-%D', '/var/spool/exim/log/mainlog-20021225', '/var/spool/exim/log/rejectlog-20021225', '/var/spool/exim/log/paniclog'],
    ['/var/log/exim-%s-%D.log', '/var/log/exim-main-20021225.log', '/var/log/exim-reject-20021225.log', '/var/log/exim-panic.log'],
    ['/var/spool/exim/log/%D-%slog', '/var/spool/exim/log/20021225-mainlog', '/var/spool/exim/log/20021225-rejectlog', '/var/spool/exim/log/paniclog'],
    ['/var/log/exim/%s.%M', '/var/log/exim/main.200212', '/var/log/exim/reject.200212', '/var/log/exim/panic'],
    ['/l/%slog', '/l/mainlog', '/l/rejectlog', '/l/paniclog'],
    ['/l/%%s-%s', '/l/%s-main', '/l/%s-reject', '/l/%s-panic'],
  ];
  for (const [pattern, main, reject, panic] of rows) {
    assert.equal(logFileName(pattern, 'main', stamps), main);
    assert.equal(logFileName(pattern, 'reject', stamps), reject);
    assert.equal(logFileName(pattern, 'panic', stamps), panic);
  }
  assert.equal(isDatestamped('/x/%slog-%D'), true);
  assert.equal(isDatestamped('/x/%s.%M'), true);
  assert.equal(isDatestamped('/x/%slog'), false);
  assert.equal(isDatestamped('/x/%%D%s'), false);
});
