import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loggerFromConfig } from '../../src/log/from-config.js';
import { BhLogger } from '../../src/log/bh-logger.js';
import { FileLogger } from '../../src/log/file-logger.js';
import { LogSelectorError } from '../../src/log/selectors.js';

const cfg = (values: Record<string, string | boolean>) => ({ mainOption: (n: string) => values[n] });

test('files logger from main options, log_file_path expanded by the caller', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-logcfg-'));
  const log = loggerFromConfig(cfg({ spool_directory: dir, log_file_path: '$spool/x-%slog', log_selector: '+pid', log_timezone: true, write_rejectlog: false }), {
    expand: (s) => s.replace('$spool', dir), now: () => new Date(Date.UTC(2024, 0, 1)), offset: () => 60, pid: 5,
  });
  assert.ok(log instanceof FileLogger);
  log.write(['main', 'reject'], 'hello');
  await log.close();
  assert.equal(readFileSync(join(dir, 'x-mainlog'), 'utf8'), '2024-01-01 01:00:00 +0100 [5] hello\n');
  assert.equal(log.selectors.has('pid'), true);
});

test('-bh mode and a bad selector', () => {
  const out: string[] = [];
  const log = loggerFromConfig(cfg({ log_selector: '+pid' }), { mode: 'bh', stderr: (t) => out.push(t), pid: 9 });
  assert.ok(log instanceof BhLogger);
  log.write(['main'], 'x');
  assert.deepEqual(out, ['LOG: [9] x\n']);
  assert.throws(() => loggerFromConfig(cfg({ log_selector: '+nope' })), LogSelectorError);
});
