/**
 * End-to-end helpers: runs `bin/mailwright -bdf` as a real process on a free loopback port with
 * a configuration written to a temporary directory (spool and logs there too), and finds the
 * external programs the tests drive (swaks, haproxy, Postfix's smtp-source).
 *
 * The daemon runs from the TypeScript sources (MAILWRIGHT_FROM_SOURCE=1) so a stale dist/ never
 * hides a change; set E2E_USE_BUILD=1 to run the build that bin/mailwright prefers instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSpool } from '../../../src/spool/index.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const certDir = join(repoRoot, 'test/fixtures/tls/certs');

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Path of a program on PATH (or the given absolute path), or undefined. */
export function findProgram(name: string): string | undefined {
  if (name.startsWith('/')) return existsSync(name) ? name : undefined;
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p ? p : undefined;
}

/**
 * The skip option for node:test when a program is missing: outside CI the test is skipped with
 * a message saying how to install it; in CI (CI=true) a missing program is not skipped, so the
 * test runs and fails on it.
 */
export function skipUnless(available: boolean, program: string): string | false {
  if (available) return false;
  if (process.env.CI === 'true') return false;
  return `${program} is not installed (run scripts/test-deps.sh)`;
}

export interface RunningDaemon {
  readonly dir: string;
  readonly port: number;
  readonly spool: FileSpool;
  readonly child: ChildProcess;
  mainLog(): string;
  stop(): Promise<void>;
}

/** A configuration accepting RCPT for test.example; `main` and `acl` text are added to it. */
export function baseConfig(dir: string, main = '', extraSections = ''): string {
  return [
    `primary_hostname = mail.test.example`,
    `spool_directory = ${dir}/spool`,
    `log_file_path = ${dir}/%slog`,
    `local_interfaces = 127.0.0.1`,
    `keep_environment =`,
    `queue_only = true`,
    `acl_smtp_rcpt = acl_rcpt`,
    main,
    `begin acl`,
    `acl_rcpt:`,
    `  accept domains = test.example`,
    `  deny message = relay not permitted`,
    extraSections,
    '',
  ].join('\n');
}

/** Starts `mailwright -bdf` with the configuration text produced for its directory. */
export async function startDaemon(configFor: (dir: string) => string): Promise<RunningDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-e2e-'));
  const conf = join(dir, 'test.conf');
  writeFileSync(conf, configFor(dir));
  const port = await freePort();
  const pidFile = join(dir, 'mw.pid');
  const env = { ...process.env };
  if (process.env.E2E_USE_BUILD !== '1') env.MAILWRIGHT_FROM_SOURCE = '1';
  const child = spawn(join(repoRoot, 'bin/mailwright'), ['-bdf', '-C', conf, '-oX', String(port), '-oP', pidFile], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const mainLogPath = join(dir, 'mainlog');
  const mainLog = () => (existsSync(mainLogPath) ? readFileSync(mainLogPath, 'utf8') : '');
  try {
    await waitFor(() => child.exitCode !== null || mainLog().includes('daemon started'), 30000, 'daemon start');
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  if (child.exitCode !== null) throw new Error(`daemon exited ${child.exitCode}: ${stderr}\n${mainLog()}`);
  return {
    dir,
    port,
    spool: new FileSpool({ directory: join(dir, 'spool') }),
    child,
    mainLog,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

/** Runs a program to completion; resolves with its status and output. */
export function run(cmd: string, args: readonly string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout, stderr });
    });
  });
}

/** Header text of a spooled message by name (first match), without the trailing newline. */
export function headerNamed(headers: readonly { text: string }[], name: string): string | undefined {
  const lower = name.toLowerCase() + ':';
  return headers.find((h) => h.text.toLowerCase().startsWith(lower))?.text.replace(/\n$/, '');
}
