/**
 * `mailwright -bdf` as a process: listens on -oX, writes the -oP pid file, logs the start line,
 * reloads its configuration on SIGHUP (new connections see the new banner) and stops cleanly on
 * SIGTERM, removing the pid file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function banner(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let got = '';
    s.on('data', (d) => {
      got += d.toString();
      if (got.includes('\r\n')) {
        s.end('QUIT\r\n');
        resolve(got.split('\r\n')[0]!);
      }
    });
    s.on('error', reject);
  });
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('-bdf: pid file, start log line, SIGHUP reload, SIGTERM stop', { timeout: 60000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-bdf-'));
  const conf = join(dir, 'd.conf');
  const write = (bannerText: string) =>
    writeFileSync(conf, `spool_directory = ${dir}\nlog_file_path = ${dir}/%slog\nprimary_hostname = mail.example.com\nlocal_interfaces = 127.0.0.1\nsmtp_banner = ${bannerText}\n`);
  write('first banner');
  const port = await freePort();
  const pidFile = join(dir, 'mw.pid');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '-bdf', '-C', conf, '-oX', String(port), '-oP', pidFile], { stdio: 'ignore' });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    await waitFor(() => existsSync(pidFile), 20000);
    assert.equal(readFileSync(pidFile, 'utf8').trim(), String(child.pid));
    assert.equal(await banner(port), '220 first banner');
    assert.match(readFileSync(join(dir, 'mainlog'), 'utf8'), new RegExp(`daemon started: pid=${child.pid}, no queue runs, listening for SMTP on \\[127\\.0\\.0\\.1\\]:${port}$`, 'm'));
    write('second banner');
    child.kill('SIGHUP');
    await waitFor(() => readFileSync(join(dir, 'mainlog'), 'utf8').includes('SIGHUP received'), 10000);
    assert.equal(await banner(port), '220 second banner');
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.equal(existsSync(pidFile), false);
    assert.match(readFileSync(join(dir, 'mainlog'), 'utf8'), /SIGTERM received: daemon terminating/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
