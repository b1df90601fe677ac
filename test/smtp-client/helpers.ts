/**
 * Test support for the SMTP client and the smtp transport: a minimal TransportContext (the
 * delivery process builds the real one), a spooled-looking message, and a scripted SMTP server
 * with the behaviours of scripts/oracle/gen-smtp-client.mjs.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { optionsApi, parseConfig } from '../../src/config/index.js';
import { DriverOptions } from '../../src/config/driver-options.js';
import type { LoadedConfig } from '../../src/config/types.js';
import { fromLoadedConfig } from '../../src/cli/runtime-config.js';
import { createExpandContext } from '../../src/expand/index.js';
import { untainted } from '../../src/expand/types.js';
import type { HostFinder } from '../../src/dns/host.js';
import type { DnsResolver } from '../../src/dns/resolver.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { MemoryLogger } from '../../src/log/memory-logger.js';
import type { HintsDb, HintsRecord, HintsTable } from '../../src/queue/types.js';
import { AddressItem, type HostItem } from '../../src/route/types.js';
import type { SpoolHeader, SpoolMessage } from '../../src/spool/types.js';
import { createSmtpTransport, type SmtpTransportDriver } from '../../src/transports/smtp/index.js';
import type { TransportContext } from '../../src/transports/types.js';

export const MESSAGE_ID = '1xVZaa-0005qL-1I';

export function loadConfig(text: string): LoadedConfig {
  return parseConfig({ file: 'test.conf', text }, optionsApi);
}

/** A config with one smtp transport `t1` (extra option lines given) and optional authenticators. */
export function smtpConfig(transportLines: string, extra: { main?: string; authenticators?: string } = {}): LoadedConfig {
  return loadConfig(
    [
      'primary_hostname = mw.test.example',
      extra.main ?? '',
      'begin transports',
      't1:',
      '  driver = smtp',
      ...transportLines
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => `  ${l.trim()}`),
      ...(extra.authenticators ? ['begin authenticators', extra.authenticators] : []),
      '',
    ].join('\n'),
  );
}

export function transportFrom(config: LoadedConfig): SmtpTransportDriver {
  const inst = config.transports.find((t) => t.name === 't1')!;
  return createSmtpTransport(new DriverOptions(inst));
}

class MemoryTable implements HintsTable {
  readonly data = new Map<string, HintsRecord>();
  get<T extends HintsRecord>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async put(key: string, value: HintsRecord): Promise<void> {
    this.data.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }
  keys(): Iterable<string> {
    return this.data.keys();
  }
}

export function memoryHints(): HintsDb {
  const tables = new Map<string, MemoryTable>();
  return {
    table(name) {
      if (!tables.has(name)) tables.set(name, new MemoryTable());
      return tables.get(name)!;
    },
    async close() {},
  };
}

export interface TestMessage {
  readonly sender?: string;
  readonly headers?: readonly string[];
  readonly body?: string;
  readonly options?: ReadonlyMap<string, string | true>;
}

export function spoolMessage(m: TestMessage = {}): { spool: SpoolMessage; body: Buffer } {
  const body = Buffer.from(m.body ?? 'body line\n.leading dot\n');
  const headers: SpoolHeader[] = (m.headers ?? ['Subject: test', 'From: s@x.example', 'Message-Id: <t@x.example>']).map((t) => ({ type: ' ', text: `${t}\n` }));
  return {
    body,
    spool: {
      id: MESSAGE_ID,
      sender: m.sender ?? 's@x.example',
      recipients: [],
      headers,
      owner: { login: 'root', uid: 0, gid: 0 },
      received: { seconds: 1800000000, micros: 0 },
      warningCount: 0,
      options: m.options ?? new Map(),
      aclVars: new Map(),
      bodySize: body.length,
    },
  };
}

export interface ContextOptions {
  readonly message?: TestMessage;
  readonly hostUsable?: (host: HostItem, port: number) => boolean;
  readonly resolve?: Record<string, string[]>;
}

export function makeContext(config: LoadedConfig, o: ContextOptions = {}): TransportContext & { log: MemoryLogger } {
  const { spool, body } = spoolMessage(o.message);
  const view = fromLoadedConfig(config).view;
  const lookups = createLookupRegistry();
  const lookup = async (name: string) => {
    const found = o.resolve?.[name];
    return found ? { kind: 'found', name, addresses: found, secure: false } : { kind: 'notfound', secure: false };
  };
  const finder = { byDns: lookup, byName: lookup } as unknown as HostFinder;
  return {
    config,
    message: { spool, id: spool.id, readBody: async () => body },
    expandFor(addr, extra) {
      const vars = new Map([
        ['primary_hostname', untainted('mw.test.example')],
        ['local_part', untainted(addr.localPart)],
        ['domain', untainted(addr.domain)],
        ['sender_address', untainted(spool.sender)],
      ]);
      for (const [k, v] of extra ?? []) vars.set(k, untainted(v));
      return createExpandContext({ config: view, lookups, vars });
    },
    dns: { resolver: undefined as unknown as DnsResolver, hosts: finder },
    log: new MemoryLogger(),
    hints: memoryHints(),
    hostUsable: async (h, p) => o.hostUsable?.(h, p) ?? true,
    now: () => Math.floor(Date.now() / 1000),
  };
}

/** Addresses routed to one host list (`127.0.0.1:port` items). */
export function routed(addresses: readonly string[], hosts: ReadonlyArray<{ address: string; port?: number; name?: string; mx?: number }>): AddressItem[] {
  return addresses.map((a) => {
    const item = new AddressItem(a);
    item.hosts = hosts.map((h) => ({ name: h.name ?? h.address, address: h.address, port: h.port, mx: h.mx ?? -1, dnssec: 'unknown', status: 'unknown' }));
    return item;
  });
}

export { freePort } from '../e2e/helpers/daemon.js';

/** Behaviour of the scripted server (the oracle script's `server` objects). */
export interface ServerScript {
  readonly greeting?: readonly string[];
  readonly ehlo?: readonly string[];
  readonly helo?: readonly string[];
  readonly mail?: readonly string[];
  readonly auth?: readonly string[];
  readonly rcpt?: Readonly<Record<string, readonly string[]>>;
  readonly data?: readonly string[];
  readonly dot?: readonly string[];
  /** LMTP: the replies after the dot, one per accepted recipient (each a reply's lines). */
  readonly lmtpDots?: ReadonlyArray<readonly string[]>;
  readonly hangAt?: string;
  readonly closeAt?: string;
  /** Offer STARTTLS (test/fixtures/tls/certs/server-rsa.pem); `starttls` = refusal reply. */
  readonly tls?: boolean;
  readonly starttls?: readonly string[];
}

export const TLS_CERTS = new URL('../fixtures/tls/certs/', import.meta.url).pathname.replace(/\/$/, '');

export const EHLO_BASE = ['250-fake.test hello', '250-SIZE 1000000', '250-8BITMIME', '250-PIPELINING', '250-DSN', '250 HELP'];

export interface ScriptedServer {
  readonly port: number;
  /** Command lines received (message lines not included; `.` for the end of data). */
  readonly commands: string[];
  /** Message texts received (DATA unstuffed, or BDAT bytes). */
  readonly messages: string[];
  /** Number of TCP connections accepted. */
  connections: number;
  /** Closes the open connections from the server side (the listener stays). */
  dropConnections(): void;
  close(): Promise<void>;
}

/** A scripted SMTP server on loopback; `silent` accepts connections and never speaks. */
export async function scriptedServer(spec: ServerScript | 'silent'): Promise<ScriptedServer> {
  const sockets = new Set<net.Socket>();
  const state: ScriptedServer = { port: 0, commands: [], messages: [], connections: 0, dropConnections: () => sockets.forEach((s) => s.destroy()), close: async () => {} };
  const srv = net.createServer((s) => {
    state.connections++;
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
    if (spec === 'silent') return;
    let out: net.Socket = s;
    const send = (lines: readonly string[]) => out.write(lines.map((l) => `${l}\r\n`).join(''));
    send(spec.greeting ?? ['220 fake.test ESMTP']);
    let buf = Buffer.alloc(0);
    let mode: 'cmd' | 'data' | 'bdat' = 'cmd';
    let bdatLeft = 0;
    let text: string[] = [];
    let hung = false;
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        if (mode === 'bdat') {
          const n = Math.min(bdatLeft, buf.length);
          text.push(buf.subarray(0, n).toString('utf8'));
          buf = buf.subarray(n);
          bdatLeft -= n;
          if (bdatLeft > 0) return;
          mode = 'cmd';
          state.messages.push(text.join(''));
          send(spec.dot ?? ['250 OK chunk']);
          continue;
        }
        const i = buf.indexOf('\r\n');
        if (i < 0) return;
        const line = buf.subarray(0, i).toString('utf8');
        buf = buf.subarray(i + 2);
        if (mode === 'data') {
          if (line === '.') {
            state.commands.push('.');
            state.messages.push(text.join(''));
            mode = 'cmd';
            if (spec.hangAt === '.') hung = true;
            if (!hung && spec.lmtpDots) spec.lmtpDots.forEach(send);
            else if (!hung) send(spec.dot ?? ['250 OK id=fake1']);
          } else text.push(`${line.startsWith('.') ? line.slice(1) : line}\n`);
          continue;
        }
        state.commands.push(line);
        const u = line.toUpperCase();
        if (hung) continue;
        if (spec.hangAt && u.startsWith(spec.hangAt)) {
          hung = true;
          continue;
        }
        if (spec.closeAt && u.startsWith(spec.closeAt)) {
          s.destroy();
          return;
        }
        if (u === 'STARTTLS' && spec.tls) {
          send(spec.starttls ?? ['220 TLS go ahead']);
          if (spec.starttls) continue;
          s.removeListener('data', onData);
          const secure = new tls.TLSSocket(s, { isServer: true, cert: readFileSync(`${TLS_CERTS}/server-rsa.pem`), key: readFileSync(`${TLS_CERTS}/server-rsa.key`) });
          secure.on('error', () => {});
          secure.on('data', onData);
          out = secure;
          buf = Buffer.alloc(0);
          state.commands.push('<TLS>');
          return;
        }
        if (u.startsWith('EHLO') || u.startsWith('LHLO')) send(spec.ehlo ?? (spec.tls && out === s ? [...EHLO_BASE.slice(0, -1), '250-STARTTLS', '250 HELP'] : EHLO_BASE));
        else if (u.startsWith('HELO')) send(spec.helo ?? ['250 fake.test']);
        else if (u.startsWith('MAIL')) send(spec.mail ?? ['250 OK']);
        else if (u.startsWith('AUTH')) send(spec.auth ?? ['235 2.7.0 Authentication succeeded']);
        else if (u.startsWith('RCPT')) {
          const lp = /<([^@>]*)@/.exec(line)?.[1] ?? '';
          send(spec.rcpt?.[lp] ?? ['250 Accepted']);
        } else if (u === 'DATA') {
          const r = spec.data ?? ['354 go ahead'];
          send(r);
          if (r[0]!.startsWith('354')) {
            mode = 'data';
            text = [];
          }
        } else if (u.startsWith('BDAT')) {
          bdatLeft = Number(u.split(' ')[1]);
          mode = 'bdat';
          text = [];
        } else if (u === 'QUIT') out.end('221 bye\r\n');
        else if (u === 'RSET') send(['250 Reset']);
        else send(['500 unknown']);
      }
    };
    s.on('data', onData);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  return Object.assign(state, {
    port: (srv.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  });
}

/**
 * A listening socket whose accept queue is full and never drained (Python: Node always
 * accepts): connects to it hang, which gives a connect timeout on loopback.
 */
const NOACCEPT_PY = `import socket, time
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)
fill = []
for i in range(3):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(s.getsockname())
    except BlockingIOError: pass
    fill.append(c)
time.sleep(0.2)
print(s.getsockname()[1], flush=True)
time.sleep(120)
`;

export async function noAcceptListener(): Promise<{ port: number; close(): void }> {
  const { spawn } = await import('node:child_process');
  const child = spawn('python3', ['-c', NOACCEPT_PY], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
  });
  return { port, close: () => void child.kill() };
}
