/**
 * The SMTP daemon: listening sockets from local_interfaces / daemon_smtp_ports (or -oX), the
 * connection limits (smtp_accept_max, _reserve, _per_host), one SmtpSession per connection,
 * configuration reload (new connections use the new configuration) and a clean stop.
 */
import { MailwrightError } from '../../util/errors.js';
import net from 'node:net';
import type { ServerTls } from '../../tls/index.js';
import type { AclEngine } from '../../acl/types.js';
import type { Authenticator } from '../../auth/types.js';
import type { LoadedConfig } from '../../config/types.js';
import { createExpandContext } from '../../expand/index.js';
import { ExpandError } from '../../expand/types.js';
import type { Logger } from '../../log/types.js';
import { createLookupRegistry } from '../../lookups/index.js';
import { matchHostList } from '../../match/index.js';
import type { Spool } from '../../spool/types.js';
import { fromLoadedConfig } from '../../cli/runtime-config.js';
import { listenSpecs, type ListenSpec } from './listen.js';
import { ServerOptions } from './options.js';
import { reply } from './reply.js';
import { SmtpSession } from './session.js';
import { socketIo } from './socket-io.js';
import type { AuthHook, SessionDeps, TlsState } from './types.js';
import type { TlsSession } from '../../tls/index.js';

/** A listening address stayed in use after every retry; the daemon cannot start. */
export class DaemonBindError extends MailwrightError {}

/** How Exim names a listening address in bind errors. */
function bindAddressText(address: string): string {
  if (address === '::' || address === '') return '(any IPv6)';
  if (address === '0.0.0.0') return '(any IPv4)';
  return address;
}

export interface DaemonDeps {
  readonly config: LoadedConfig;
  readonly acl: AclEngine;
  readonly log: Logger;
  readonly spool: Spool;
  /** -oX value, overriding daemon_smtp_ports / local_interfaces. */
  readonly override?: string;
  readonly auth?: AuthHook;
  readonly authenticators?: readonly Authenticator[];
  /** The TLS module (src/tls) for STARTTLS and tls_on_connect_ports; absent: no TLS. */
  readonly serverTls?: ServerTls;
  /** Called for each message accepted with 250 (immediate delivery). */
  readonly onAccepted?: (id: string) => void;
}

interface Connection {
  readonly socket: net.Socket;
  readonly address: string;
  done: Promise<void>;
}

export class SmtpDaemon {
  private deps: DaemonDeps;
  private servers: net.Server[] = [];
  private readonly connections = new Set<Connection>();
  private readonly perHost = new Map<string, number>();
  private stopping = false;

  constructor(deps: DaemonDeps) {
    this.deps = deps;
  }

  get activeConnections(): number {
    return this.connections.size;
  }

  /** Open every listening socket; resolves with what is listening (port 0 → the real port). */
  async start(): Promise<ListenSpec[]> {
    const specs = listenSpecs(new ServerOptions(this.deps.config), this.deps.override);
    const bound: ListenSpec[] = [];
    for (const spec of specs) {
      const server = net.createServer({ pauseOnConnect: false }, (socket) => void this.accept(socket, spec));
      if (!(await this.bind(server, spec))) continue;
      const addr = server.address() as net.AddressInfo;
      bound.push({ address: spec.address, port: addr.port });
      this.servers.push(server);
    }
    return bound;
  }

  /**
   * Listen on one address, retrying "address in use" as Exim does (daemon_startup_retries
   * times, daemon_startup_sleep apart, each attempt logged). False: skipped (no IPv6 here).
   */
  private async bind(server: net.Server, spec: ListenSpec): Promise<boolean> {
    const options = new ServerOptions(this.deps.config);
    const retries = options.int('daemon_startup_retries', 9);
    const sleepSeconds = options.int('daemon_startup_sleep', 30);
    for (let attempt = 0; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen({ host: spec.address, port: spec.port, ipv6Only: spec.address.includes(':'), backlog: options.int('smtp_connect_backlog', 20) }, () => resolve());
        });
        return true;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // An IPv6 wildcard on a host without IPv6 is skipped, as Exim does.
        if (spec.address.includes(':') && code === 'EAFNOSUPPORT') return false;
        if (code !== 'EADDRINUSE') throw e;
        const what = `socket bind() to port ${spec.port} for address ${bindAddressText(spec.address)} failed: Address already in use`;
        if (attempt >= retries) throw new DaemonBindError(`${what}: daemon abandoned`);
        this.deps.log.write(['main'], `${what}: waiting ${sleepSeconds}s before trying again (${retries - attempt} more ${retries - attempt === 1 ? 'try' : 'tries'})`);
        await new Promise((r) => setTimeout(r, sleepSeconds * 1000));
      }
    }
  }

  /** SIGHUP: later connections use the new configuration, ACLs and logs. */
  reload(deps: Partial<DaemonDeps>): void {
    this.deps = { ...this.deps, ...deps };
  }

  /** SIGTERM: stop listening, let sessions finish for `graceMs`, then cut the rest. */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    // close() stops accepting at once; its callback waits for open connections, handled below.
    const closed = this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    this.servers = [];
    const all = Promise.all([...this.connections].map((c) => c.done));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        for (const c of this.connections) c.socket.destroy();
        resolve();
      }, graceMs);
    });
    await Promise.race([all, timeout]);
    if (timer) clearTimeout(timer);
    // Cut sessions notice their closed socket within a few ticks; give them a moment to unwind.
    await Promise.race([all, new Promise((r) => setTimeout(r, 1000).unref())]);
    await Promise.race([Promise.all(closed), new Promise((r) => setTimeout(r, 1000).unref())]);
  }

  private async accept(rawSocket: net.Socket, spec: ListenSpec): Promise<void> {
    if (this.stopping) {
      rawSocket.destroy();
      return;
    }
    rawSocket.setNoDelay(true);
    const address = normaliseAddress(rawSocket.remoteAddress ?? '');
    const conn: Connection = { socket: rawSocket, address, done: Promise.resolve() };
    this.connections.add(conn);
    this.perHost.set(address, (this.perHost.get(address) ?? 0) + 1);
    conn.done = this.serve(conn, rawSocket, spec).finally(() => {
      this.connections.delete(conn);
      const n = (this.perHost.get(address) ?? 1) - 1;
      if (n <= 0) this.perHost.delete(address);
      else this.perHost.set(address, n);
    });
    await conn.done;
  }

  private async serve(conn: Connection, rawSocket: net.Socket, spec: ListenSpec): Promise<void> {
    const deps = this.deps;
    rawSocket.on('error', () => undefined);
    const refusal = await this.limitRefusal(conn.address, rawSocket.remotePort ?? 0);
    if (refusal) {
      rawSocket.end(reply(421, refusal.reply));
      deps.log.write(['main'], refusal.log);
      return;
    }
    const socket = rawSocket;
    const io = socketIo(socket);
    let tls: TlsState | undefined;
    let tlsSession: TlsSession | undefined;
    if (deps.serverTls?.isTlsOnConnectPort(socket.localPort ?? spec.port)) {
      // tls_on_connect_ports: the handshake comes before the banner.
      const res = await io.startTls((sock, pending) => deps.serverTls!.upgrade(sock, { address: conn.address }, pending));
      if (!res.ok) {
        deps.log.write(['main'], `TLS error on connection from [${conn.address}] ${res.logText}`);
        rawSocket.destroy();
        return;
      }
      tls = res.tls;
      tlsSession = res.session;
    }
    const sessionDeps: SessionDeps = {
      mode: 'daemon',
      config: deps.config,
      acl: deps.acl,
      log: deps.log,
      spool: deps.spool,
      auth: deps.auth,
      authenticators: deps.authenticators,
      serverTls: deps.serverTls,
      onAccepted: deps.onAccepted,
      startTls: deps.serverTls ? () => io.startTls((sock, pending) => deps.serverTls!.upgrade(sock, { address: conn.address }, pending)) : undefined,
      tlsSession,
      tls,
      connection: {
        remoteAddress: conn.address,
        remotePort: socket.remotePort ?? 0,
        localAddress: normaliseAddress(socket.localAddress ?? ''),
        localPort: socket.localPort ?? spec.port,
      },
    };
    const session = new SmtpSession({ ...sessionDeps, connectionCount: this.connections.size }, io);
    try {
      await session.run();
    } catch (e) {
      deps.log.write(['main', 'panic'], `SMTP session failed: ${(e as Error).message}`);
      socket.destroy();
    }
  }

  /** smtp_accept_max, smtp_accept_reserve / smtp_reserve_hosts, smtp_accept_max_per_host. */
  private async limitRefusal(address: string, port: number): Promise<{ reply: string; log: string } | undefined> {
    const opts = new ServerOptions(this.deps.config);
    const active = this.connections.size - 1;
    const max = opts.int('smtp_accept_max', 20);
    const who = port > 0 && this.deps.log.selectors.has('incoming_port') ? `[${address}]:${port}` : `[${address}]`;
    const busy = 'Too many concurrent SMTP connections; please try again later.';
    if (max > 0 && active >= max) return { reply: busy, log: `Connection from ${who} refused: too many connections` };
    const reserve = opts.int('smtp_accept_reserve', 0);
    if (max > 0 && reserve > 0 && active >= max - reserve && !(await this.hostMatches(address, 'smtp_reserve_hosts'))) {
      return { reply: busy, log: `Connection from ${who} refused: too many connections` };
    }
    const perHost = await this.perHostLimit(address);
    if (perHost > 0 && (this.perHost.get(address) ?? 0) > perHost) {
      return { reply: 'Too many concurrent SMTP connections from this IP address; please try again later.', log: `Connection from ${who} refused: too many connections from that IP address` };
    }
    return undefined;
  }

  private expandContext(address: string) {
    const ctx = createExpandContext({ config: fromLoadedConfig(this.deps.config).view, lookups: createLookupRegistry() });
    ctx.vars.set('sender_host_address', { s: address, tainted: false });
    return ctx;
  }

  /** smtp_accept_max_per_host is expanded per connection ($sender_host_address is known). */
  private async perHostLimit(address: string): Promise<number> {
    const raw = new ServerOptions(this.deps.config).str('smtp_accept_max_per_host');
    if (raw === undefined || raw === '') return 0;
    try {
      const v = (await this.expandContext(address).services.expand(raw, this.expandContext(address))).s.trim();
      return /^\d+$/.test(v) ? Number(v) : 0;
    } catch (e) {
      if (e instanceof ExpandError) {
        this.deps.log.write(['main', 'panic'], `expansion of smtp_accept_max_per_host failed: ${e.message}`);
        return 0;
      }
      throw e;
    }
  }

  private async hostMatches(address: string, option: string): Promise<boolean> {
    const raw = new ServerOptions(this.deps.config).str(option);
    if (raw === undefined || raw === '') return false;
    const ctx = this.expandContext(address);
    try {
      return (await matchHostList({ address, name: '' }, (await ctx.services.expand(raw, ctx)).s, ctx)).matched;
    } catch (e) {
      if (e instanceof ExpandError) return false;
      throw e;
    }
  }
}

/** "::ffff:1.2.3.4" (IPv4 on a dual-stack socket) is shown as 1.2.3.4, as Exim does. */
export function normaliseAddress(a: string): string {
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}
