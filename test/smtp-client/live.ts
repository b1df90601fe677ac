/**
 * Real servers for the smtp transport tests: an exim4 4.96 daemon (queue only, spool in a
 * temporary directory), Postfix's smtp-sink from .cache/deps/postfix, and a throw-away PKI made
 * with openssl (a CA, a server certificate for localhost/127.0.0.1, and a second, untrusted CA).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './helpers.js';

export const EXIM = '/usr/sbin/exim4';
export const eximSkip = existsSync(EXIM) ? false : `${EXIM} is not installed (scripts/deps installs exim4)`;
const repoRoot = resolve(import.meta.dirname, '../..');
export const POSTFIX = join(repoRoot, '.cache/deps/postfix');
export const SMTP_SINK = join(POSTFIX, 'usr/sbin/smtp-sink');
export const sinkSkip = existsSync(SMTP_SINK) ? false : 'smtp-sink is missing (run scripts/deps/e2e-clients.sh)';
export const opensslSkip = spawnSync('openssl', ['version']).status === 0 ? false : 'openssl is not installed';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Pki {
  readonly dir: string;
  readonly ca: string;
  readonly otherCa: string;
  readonly cert: string;
  readonly key: string;
}

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** A CA, a server certificate signed by it (CN localhost, SAN localhost and 127.0.0.1), another CA. */
export function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'mw-smtp-pki-'));
  chmodSync(dir, 0o755);
  for (const ca of ['ca', 'other-ca']) {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/O=Mailwright Test/CN=${ca}`, '-keyout', `${ca}.key`, '-out', `${ca}.pem`], dir);
  }
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/O=Mailwright Test/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr'], dir);
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'ext.cnf', '-out', 'server.pem'], dir);
  for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o644);
  return { dir, ca: join(dir, 'ca.pem'), otherCa: join(dir, 'other-ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
}

export interface EximDaemon {
  readonly port: number;
  readonly dir: string;
  mainLog(): string;
  /** Messages on the queue: their -D (body) and -H (envelope and headers) files. */
  spooled(): Array<{ id: string; header: string; body: string }>;
  stop(): Promise<void>;
}

/** exim4 -bd -odq on a free loopback port; `extra` main options go before the ACL section. */
export async function startExim(extra = ''): Promise<EximDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-smtp-exim-'));
  chmodSync(dir, 0o777);
  mkdirSync(join(dir, 'spool'), { mode: 0o777 });
  chmodSync(join(dir, 'spool'), 0o777);
  const port = await freePort();
  const conf = join(dir, 'exim.conf');
  writeFileSync(
    conf,
    `primary_hostname = exim.test.example
spool_directory = ${dir}/spool
log_file_path = ${dir}/%slog
keep_environment =
queue_only = true
daemon_smtp_ports = ${port}
local_interfaces = 127.0.0.1
acl_smtp_rcpt = rcpt
${extra}
begin acl
rcpt:
  deny local_parts = bad
       message = no such user here
  defer local_parts = later
       message = try again later
  accept
`,
  );
  const pidFile = join(dir, 'exim.pid');
  spawnSync(EXIM, ['-C', conf, '-bd', '-oX', String(port), '-oP', pidFile], { env: { PATH: '/usr/bin:/bin', TZ: 'UTC' } });
  for (let i = 0; i < 100 && !existsSync(pidFile); i++) await sleep(100);
  if (!existsSync(pidFile)) throw new Error(`exim4 did not start: ${readLog(dir)}`);
  const pid = Number(readFileSync(pidFile, 'latin1').trim());
  return {
    port,
    dir,
    mainLog: () => readLog(dir),
    spooled() {
      const input = join(dir, 'spool/input');
      if (!existsSync(input)) return [];
      return readdirSync(input)
        .filter((f) => f.endsWith('-H'))
        .map((f) => {
          const id = f.slice(0, -2);
          return { id, header: readFileSync(join(input, f), 'utf8'), body: readFileSync(join(input, `${id}-D`), 'utf8') };
        });
    },
    async stop() {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await sleep(100);
    },
  };
}

function readLog(dir: string): string {
  const f = join(dir, 'mainlog');
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
}

export interface Sink {
  readonly port: number;
  readonly dumpDir: string;
  /** The dumped transactions (smtp-sink -d files). */
  dumps(): string[];
  stop(): Promise<void>;
}

/** Postfix's smtp-sink on a free loopback port, dumping each transaction into a directory. */
export async function startSink(flags: string[] = []): Promise<Sink> {
  const dumpDir = mkdtempSync(join(tmpdir(), 'mw-smtp-sink-'));
  chmodSync(dumpDir, 0o777);
  const port = await freePort();
  const env = { ...process.env, LD_LIBRARY_PATH: join(POSTFIX, 'usr/lib/postfix') };
  const user = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
  const child = spawn(SMTP_SINK, [...user, ...flags, '-d', `${dumpDir}/%H%M%S.`, `127.0.0.1:${port}`, '10'], { env, stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    await sleep(100);
    const ok = await new Promise<boolean>((r) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        r(true);
      });
      s.once('error', () => r(false));
    });
    if (ok) break;
  }
  return {
    port,
    dumpDir,
    dumps: () => readdirSync(dumpDir).map((f) => readFileSync(join(dumpDir, f), 'utf8')),
    async stop() {
      child.kill('SIGTERM');
      await sleep(50);
    },
  };
}
