/**
 * A real DNS server for the tests: Debian's unbound on 127.0.0.1 at a random high port,
 * serving the zones of test/fixtures/dns/zones as authoritative data ("auth-zone" for upstream),
 * with signed.test signed at start-up (fresh keys, so signatures never expire in the repository)
 * and trusted through a trust anchor, so its answers carry the AD bit. bogus.test is signed with
 * keys the anchor does not match: every lookup there fails validation (SERVFAIL), a real
 * temporary failure. Everything outside the test zones is NXDOMAIN at once: no network is used.
 *
 * Also used by scripts/oracle/gen-dns.mjs (with port 53 inside a private network namespace).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { encodeQuery } from '../../src/dns/wire.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ZONES_DIR = resolve(HERE, '../fixtures/dns/zones');
const DEPS_SCRIPT = resolve(HERE, '../../scripts/deps/dns-servers.sh');

export const UNSIGNED_ZONES = ['mw.test', '2.0.192.in-addr.arpa', '8.b.d.0.1.0.0.2.ip6.arpa', 'bl.test'];

export interface TestDnsServer {
  readonly host: string;
  readonly port: number;
  readonly dir: string;
  /** A resolv.conf naming this server (with Mailwright's `#port` extension). */
  readonly resolvConf: string;
  stop(): Promise<void>;
}

function haveTools(): boolean {
  return ['unbound', 'ldns-keygen', 'ldns-signzone'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
}

/** Install unbound and ldnsutils when missing (needs root and Debian's archive). */
export function ensureDnsTools(): void {
  if (haveTools()) return;
  const r = spawnSync('sh', [DEPS_SCRIPT], { stdio: 'inherit' });
  if (r.status !== 0 || !haveTools()) throw new Error(`cannot install unbound/ldnsutils with ${DEPS_SCRIPT}`);
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Sign `zone` (file <zone>.zone in dir) with new keys; returns the KSK's DS record (presentation form). */
function signZone(dir: string, zone: string, source: string): string {
  writeFileSync(join(dir, `${zone}.zone`), source);
  const zsk = run('ldns-keygen', ['-a', 'ECDSAP256SHA256', zone], dir);
  const ksk = run('ldns-keygen', ['-a', 'ECDSAP256SHA256', '-k', zone], dir);
  run('ldns-signzone', ['-o', `${zone}.`, `${zone}.zone`, zsk, ksk], dir);
  return readFileSync(join(dir, `${ksk}.ds`), 'utf8').trim().split('\t').slice(1).join(' ');
}

async function portFree(port: number): Promise<boolean> {
  const tcp = await new Promise<boolean>((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
  if (!tcp) return false;
  return new Promise<boolean>((res) => {
    const u = createSocket('udp4');
    u.once('error', () => res(false));
    u.bind(port, '127.0.0.1', () => u.close(() => res(true)));
  });
}

export async function pickPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    if (await portFree(port)) return port;
  }
  throw new Error('no free port for the test DNS server');
}

export function unboundConfig(dir: string, host: string, port: number, anchors: readonly string[]): string {
  const zones = [...UNSIGNED_ZONES, 'signed.test', 'bogus.test'];
  const zoneFile = (z: string) => (z === 'signed.test' || z === 'bogus.test' ? `${z}.zone.signed` : `${z}.zone`);
  return [
    'server:',
    `  interface: ${host}@${port}`,
    `  port: ${port}`,
    '  do-ip6: no',
    '  username: ""',
    '  chroot: ""',
    `  directory: "${dir}"`,
    '  pidfile: ""',
    '  use-syslog: no',
    '  logfile: ""',
    '  verbosity: 0',
    '  access-control: 127.0.0.0/8 allow',
    '  module-config: "validator iterator"',
    // Answers are re-read from the zones every time, so TTL-cache tests see only Mailwright's cache.
    '  cache-max-ttl: 0',
    '  cache-max-negative-ttl: 0',
    '  rrset-roundrobin: no',
    '  local-zone: "." always_nxdomain',
    ...anchors.map((a) => `  trust-anchor: "${a}"`),
    ...zones.map((z) => `  local-zone: "${z}." transparent`),
    ...zones.flatMap((z) => ['auth-zone:', `  name: "${z}."`, `  zonefile: "${zoneFile(z)}"`, '  for-upstream: yes', '  for-downstream: no', '  fallback-enabled: no']),
    '',
  ].join('\n');
}

/** Prepare the zone directory (signing included) and the configuration file; returns its path. */
export function prepareServerDir(host: string, port: number): { dir: string; conf: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mw-unbound-'));
  for (const f of readdirSync(ZONES_DIR)) cpSync(join(ZONES_DIR, f), join(dir, f));
  const signedSource = readFileSync(join(ZONES_DIR, 'signed.test.zone'), 'utf8');
  const ds = signZone(dir, 'signed.test', signedSource);
  signZone(dir, 'bogus.test', signedSource.replaceAll('signed.test', 'bogus.test'));
  // The bogus zone's anchor names the other zone's key: validation there always fails.
  const anchors = [`signed.test. ${ds}`, `bogus.test. ${ds}`];
  const conf = join(dir, 'unbound.conf');
  writeFileSync(conf, unboundConfig(dir, host, port, anchors));
  return { dir, conf };
}

async function waitUntilServing(host: string, port: number, child: ChildProcess): Promise<void> {
  const query = encodeQuery({ id: 4242, name: 'mw.test', type: 6 });
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`unbound exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((res) => {
      const s = createSocket('udp4');
      const t = setTimeout(() => (s.close(), res(false)), 100);
      s.on('message', () => (clearTimeout(t), s.close(), res(true)));
      s.send(query, port, host);
    });
    if (ok) return;
  }
  throw new Error('unbound did not start serving');
}

export async function startUnbound(host = '127.0.0.1'): Promise<TestDnsServer> {
  ensureDnsTools();
  const port = await pickPort();
  const { dir, conf } = prepareServerDir(host, port);
  let stderr = '';
  const child = spawn('unbound', ['-d', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitUntilServing(host, port, child);
  } catch (err) {
    child.kill();
    throw new Error(`${(err as Error).message}: ${stderr}`);
  }
  const resolvConf = join(dir, 'resolv.conf');
  writeFileSync(resolvConf, `nameserver ${host}#${port}\noptions timeout:2 attempts:2\nsearch mw.test\n`);
  return {
    host,
    port,
    dir,
    resolvConf,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((res) => child.once('exit', res));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
