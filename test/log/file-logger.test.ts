import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync, symlinkSync, mkdtempSync, readFileSync, renameSync, statSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { FileLogger, type FileLoggerOptions } from '../../src/log/file-logger.js';
import { parseLogSelector } from '../../src/log/selectors.js';
import type { SyslogTransport } from '../../src/log/syslog-transport.js';

const utc = () => 0;
function setup(extra: Partial<FileLoggerOptions> = {}, clock = { t: Date.UTC(2024, 4, 6, 7, 8, 9, 10) }) {
  const dir = mkdtempSync(join(tmpdir(), 'mw-log-'));
  const stderr: string[] = [];
  const logger = new FileLogger({
    selectors: parseLogSelector(''), spoolDirectory: dir, now: () => new Date(clock.t), offset: utc, pid: 321,
    stderr: (t) => stderr.push(t), ...extra,
  });
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'latin1') : undefined);
  return { dir, logger, stderr, read, clock };
}

test('default path, prefix, message id, exactly the logs asked for', async () => {
  const { logger, read } = setup();
  logger.write(['main'], 'one');
  logger.write(['main', 'reject'], 'H=[1.2.3.4] rejected RCPT <x@y>: no', undefined, { rejectDetail: 'Envelope-from: <a@b>\n' });
  logger.write(['reject'], 'reject only');
  logger.write(['main'], '<= a@b H=[1.2.3.4] P=smtp S=1', '1abcde-000000-AB');
  await logger.close();
  assert.equal(read('log/mainlog'), [
    '2024-05-06 07:08:09 one', '2024-05-06 07:08:09 H=[1.2.3.4] rejected RCPT <x@y>: no',
    '2024-05-06 07:08:09 1abcde-000000-AB <= a@b H=[1.2.3.4] P=smtp S=1', '',
  ].join('\n'));
  assert.equal(read('log/rejectlog'), '2024-05-06 07:08:09 H=[1.2.3.4] rejected RCPT <x@y>: no\nEnvelope-from: <a@b>\n2024-05-06 07:08:09 reject only\n');
  assert.equal(read('log/paniclog'), undefined);
});

test('files are created 0640 and appended to; text is written as UTF-8', async () => {
  const { dir, logger, read } = setup({ logFilePath: 'logs/%slog', selectors: parseLogSelector('+pid +millisec') });
  logger.write(['main'], 'caf\xe9');
  await logger.close();
  const again = new FileLogger({ selectors: parseLogSelector(''), spoolDirectory: dir, logFilePath: 'logs/%slog', now: () => new Date(0), offset: utc });
  again.write(['main'], 'second');
  await again.close();
  assert.equal(statSync(join(dir, 'logs/mainlog')).mode & 0o777, 0o640);
  assert.equal(read('logs/mainlog'), '2024-05-06 07:08:09.010 [321] caf\xc3\xa9\n1970-01-01 00:00:00 second\n');
  assert.equal(readFileSync(join(dir, 'logs/mainlog')).includes(Buffer.from([0xc3, 0xa9])), true); // UTF-8, as exim4 writes it
});

test('write_rejectlog false keeps the reject log closed', async () => {
  const { logger, read } = setup({ writeRejectlog: false });
  logger.write(['main', 'reject'], 'x');
  await logger.close();
  assert.equal(read('log/mainlog'), '2024-05-06 07:08:09 x\n');
  assert.equal(read('log/rejectlog'), undefined);
});

test('%D names switch at midnight, the panic log is not datestamped', async () => {
  const { logger, read, clock } = setup({ logFilePath: '%slog-%D', selectors: parseLogSelector('') });
  logger.write(['main'], 'before');
  clock.t = Date.UTC(2024, 4, 6, 23, 59, 59, 999);
  logger.write(['main'], 'last');
  clock.t = Date.UTC(2024, 4, 7, 0, 0, 0, 0);
  logger.write(['main'], 'after');
  logger.write(['main', 'panic'], 'oops');
  await logger.close();
  assert.equal(read('mainlog-20240506'), '2024-05-06 07:08:09 before\n2024-05-06 23:59:59 last\n');
  assert.equal(read('mainlog-20240507'), '2024-05-07 00:00:00 after\n2024-05-07 00:00:00 oops\n');
  assert.equal(read('paniclog'), '2024-05-07 00:00:00 oops\n');
});

test('%M names follow the month', async () => {
  const { logger, read, clock } = setup({ logFilePath: '%s.%M' });
  logger.write(['main'], 'may');
  clock.t = Date.UTC(2024, 5, 1);
  logger.write(['main'], 'june');
  await logger.close();
  assert.equal(read('main.202405'), '2024-05-06 07:08:09 may\n');
  assert.equal(read('main.202406'), '2024-06-01 00:00:00 june\n');
});

test('a main log renamed away (cycling) is reopened; reopen() closes everything', async () => {
  const { dir, logger, read } = setup();
  logger.write(['main'], 'one');
  renameSync(join(dir, 'log/mainlog'), join(dir, 'log/mainlog.0'));
  logger.write(['main'], 'two');
  logger.write(['reject'], 'r1');
  renameSync(join(dir, 'log/rejectlog'), join(dir, 'log/rejectlog.0'));
  await logger.reopen();
  logger.write(['reject'], 'r2');
  await logger.close();
  assert.equal(read('log/mainlog.0'), '2024-05-06 07:08:09 one\n');
  assert.equal(read('log/mainlog'), '2024-05-06 07:08:09 two\n');
  assert.equal(read('log/rejectlog'), '2024-05-06 07:08:09 r2\n');
});

test('panic entries: file, optional stderr copy, stderr when the file cannot be written', async () => {
  const a = setup({ panicToStderr: true });
  a.logger.write(['main', 'panic'], 'bad thing');
  await a.logger.close();
  assert.equal(a.read('log/paniclog'), '2024-05-06 07:08:09 bad thing\n');
  assert.deepEqual(a.stderr, ['2024-05-06 07:08:09 bad thing\n']);
  let fatal = 0;
  const b = setup({ logFilePath: 'plainfile/sub/%slog', onFatal: () => fatal++ });
  writeFileSync(join(b.dir, 'plainfile'), 'not a directory');
  b.logger.write(['panic'], 'nowhere');
  b.logger.write(['main'], 'nor here');
  await b.logger.close();
  assert.equal(b.stderr[0], '2024-05-06 07:08:09 nowhere\n');
  assert.match(b.stderr[1]!, /^2024-05-06 07:08:09 Cannot open main log file ".*\/plainfile\/sub\/mainlog": Not a directory: euid=\d+ egid=\d+\n$/);
  assert.equal(fatal, 2);
});

test('log_file_path problems are reported in the panic log', async () => {
  const { logger, read } = setup({ logFilePath: 'a%s : b%s' });
  await logger.close();
  assert.equal(read('apanic'), '2024-05-06 07:08:09 More than one path given in log_file_path: using a%s\n');
});

class FakeTransport implements SyslogTransport {
  sent: string[] = [];
  send(d: Buffer): void {
    this.sent.push(d.toString('latin1'));
  }
  async close(): Promise<void> {}
}

test('syslog target: priorities, duplication, timestamp and pid options', async () => {
  const t = new FakeTransport();
  const { logger, read } = setup({ logFilePath: 'syslog', selectors: parseLogSelector('+pid'), syslog: { transport: t, processname: 'mw' } });
  logger.write(['main'], 'm');
  logger.write(['main', 'reject'], 'r', undefined, { rejectDetail: 'Envelope-from: <a@b>\n' });
  logger.write(['panic'], 'p');
  await logger.close();
  assert.equal(read('log/mainlog'), undefined);
  assert.deepEqual(t.sent, [
    '<22>May  6 07:08:09 mw[321]: 2024-05-06 07:08:09 [321] m',
    '<22>May  6 07:08:09 mw[321]: 2024-05-06 07:08:09 [321] r',
    '<21>May  6 07:08:09 mw[321]: [1\\2] 2024-05-06 07:08:09 [321] r',
    '<21>May  6 07:08:09 mw[321]: [2/2] Envelope-from: <a@b>',
    '<17>May  6 07:08:09 mw[321]: 2024-05-06 07:08:09 [321] p',
  ]);
  const t2 = new FakeTransport();
  const l2 = setup({ logFilePath: ':syslog', selectors: parseLogSelector('+pid +millisec'), logTimezone: true,
    syslog: { transport: t2, facility: 'local3', timestamp: false, pid: false, duplication: false } });
  l2.logger.write(['main', 'reject'], 'once');
  l2.logger.write(['main', 'panic'], 'alert');
  await l2.logger.close();
  assert.deepEqual(t2.sent, ['<157>May  6 07:08:09 exim[321]: once', '<153>May  6 07:08:09 exim[321]: alert']);
  assert.equal(l2.read('log/mainlog'), '2024-05-06 07:08:09.010 +0000 [321] once\n2024-05-06 07:08:09.010 +0000 [321] alert\n');
});

test('concurrent processes interleave whole lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-log-conc-'));
  const script = `
    import { FileLogger } from './src/log/file-logger.js';
    import { parseLogSelector } from './src/log/selectors.js';
    const l = new FileLogger({ selectors: parseLogSelector('+pid'), spoolDirectory: ${JSON.stringify(dir)} });
    const tag = process.argv.at(-1);
    for (let i = 0; i < 300; i++) l.write(['main'], tag + ' ' + String(i).padStart(4, '0') + ' ' + 'x'.repeat(200));
    await l.close();`;
  const run = (tag: string) => new Promise<number>((resolve) => {
    const c = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, tag], { stdio: 'ignore' });
    c.on('exit', (code) => resolve(code ?? 1));
  });
  const codes = await Promise.all(['A', 'B', 'C'].map(run));
  assert.deepEqual(codes, [0, 0, 0]);
  const lines = readFileSync(join(dir, 'log/mainlog'), 'latin1').split('\n').filter(Boolean);
  assert.equal(lines.length, 900);
  for (const l of lines) assert.match(l, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[\d+\] [ABC] \d{4} x{200}$/);
  for (const tag of ['A', 'B', 'C']) {
    const mine = lines.filter((l) => l.includes(` ${tag} `)).map((l) => Number(l.split(' ')[4]));
    assert.deepEqual(mine, [...Array(300).keys()]);
  }
  rmSync(dir, { recursive: true, force: true });
});

test('new files are given to the configured owner (when running as root)', { skip: process.getuid?.() !== 0 && 'needs root' }, async () => {
  const { dir, logger } = setup({ fileOwner: { uid: 65534, gid: 65534 } });
  logger.write(['main'], 'owned');
  await logger.close();
  const st = statSync(join(dir, 'log/mainlog'));
  assert.equal(st.uid, 65534);
  assert.equal(st.gid, 65534);
});

test('a line governed by an unset log_selector item skips the main log only (as exim4)', async () => {
  const { logger, read } = setup({ selectors: parseLogSelector('-all') });
  logger.write(['main', 'reject'], 'refused connection from [1.2.3.4] (host_reject_connection)', undefined, { selector: 'connection_reject' });
  logger.write(['main'], 'SMTP connection from [1.2.3.4]', undefined, { selector: 'smtp_connection' });
  logger.write(['main'], 'always');
  await logger.close();
  assert.equal(read('log/mainlog'), '2024-05-06 07:08:09 always\n');
  assert.equal(read('log/rejectlog'), '2024-05-06 07:08:09 refused connection from [1.2.3.4] (host_reject_connection)\n');
});

test('a failed write (disk full) is reported in the panic log as exim4 does', { skip: !existsSync('/dev/full') && 'no /dev/full' }, async () => {
  const fatal: string[] = [];
  const { dir, logger, read } = setup({ onFatal: (r) => fatal.push(r) });
  mkdirSync(join(dir, 'log'));
  symlinkSync('/dev/full', join(dir, 'log/mainlog'));
  logger.write(['main'], '<= root@vm U=root P=local S=262', '1xVY7y-0008E1-23');
  await logger.close();
  assert.equal(read('log/paniclog'), [
    '2024-05-06 07:08:09 1xVY7y-0008E1-23 <= root@vm U=root P=local S=262',
    '2024-05-06 07:08:09 1xVY7y-0008E1-23 failed to write to main log: length=69 result=-1 errno=28 (No space left on device)', '',
  ].join('\n'));
  assert.deepEqual(fatal, ['write failed']);
});
