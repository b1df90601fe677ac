/**
 * Test scaffolding for the delivery process: a real FileSpool in a temporary directory, a
 * memory logger, and small routers/transports that follow the contracts of src/route/types.ts
 * and src/transports/types.ts (the real drivers have their own tests).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { fromLoadedConfig } from '../../src/cli/runtime-config.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { MemoryLogger } from '../../src/log/memory-logger.js';
import { FileSpool } from '../../src/spool/index.js';
import { untainted, type TStr } from '../../src/expand/types.js';
import { DnsResolver, HostFinder } from '../../src/dns/index.js';
import type { HintsDb, HintsRecord, HintsTable } from '../../src/queue/types.js';
import type { AddressItem, RoutingResult } from '../../src/route/types.js';
import type { DeliveryResult, TransportDriver } from '../../src/transports/types.js';
import type { DeliveryDeps } from '../../src/deliver/types.js';

export function memoryHints(): HintsDb {
  const tables = new Map<string, Map<string, HintsRecord>>();
  const table = (name: string): HintsTable => {
    let t = tables.get(name);
    if (!t) tables.set(name, (t = new Map()));
    const m = t;
    return {
      get: <T extends HintsRecord>(key: string) => m.get(key) as T | undefined,
      put: async (key, value) => void m.set(key, value),
      delete: async (key) => void m.delete(key),
      keys: () => m.keys(),
    };
  };
  return { table, close: async () => undefined };
}

export type RouteTable = Record<string, (addr: AddressItem) => RoutingResult>;

/** A transport whose outcome per address comes from a function; records what it delivered. */
export class RecordingTransport implements TransportDriver {
  readonly delivered: string[] = [];
  constructor(
    readonly kind: 'local' | 'remote',
    private readonly outcome: (addr: AddressItem) => DeliveryResult = () => ({ status: 'ok' }),
  ) {}
  async deliver(addresses: readonly AddressItem[]) {
    const results = new Map<AddressItem, DeliveryResult>();
    for (const a of addresses) {
      const r = this.outcome(a);
      if (r.status === 'ok') this.delivered.push(a.address);
      results.set(a, r);
    }
    return { results, retries: [] };
  }
}

export interface Harness {
  readonly dir: string;
  readonly spool: FileSpool;
  readonly log: MemoryLogger;
  readonly deps: DeliveryDeps;
  submit(sender: string, recipients: string[], text?: string): Promise<string>;
  mainLog(): string[];
}

export async function harness(routes: RouteTable, transports: Record<string, TransportDriver>, extra: Partial<DeliveryDeps> = {}, configTail = ''): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-deliver-'));
  writeFileSync(join(dir, 'c.conf'), `spool_directory = ${dir}\nprimary_hostname = mw.example\n${configTail}`);
  const config = loadConfig({ file: join(dir, 'c.conf') });
  const runtime = fromLoadedConfig(config);
  const spool = new FileSpool({ directory: dir, noSync: true });
  await spool.init();
  const log = new MemoryLogger();
  const resolver = new DnsResolver({ servers: [], timeoutMs: 100, attempts: 1 });
  const deps: DeliveryDeps = {
    config,
    view: runtime.view,
    lookups: createLookupRegistry(),
    spool,
    log,
    dns: { resolver, hosts: new HostFinder(resolver) },
    hints: memoryHints(),
    router: {
      async routeAddress(addr) {
        const rule = routes[addr.address] ?? routes['*'];
        return rule ? rule(addr) : { kind: 'failed', message: 'Unrouteable address' };
      },
      logAsLocal: (name) => name === 'local',
    },
    addressVariables: (addr) => new Map<string, TStr>([
      ['local_part', untainted(addr.localPart)],
      ['domain', untainted(addr.domain)],
    ]),
    transport: (name) => transports[name],
    now: () => Date.now() / 1000,
    ...extra,
  };
  const submit = async (sender: string, recipients: string[], text = 'Subject: test\n\nbody\n') => {
    const p = await spool.begin();
    const [head, body] = text.split('\n\n');
    await p.body.write(Buffer.from(body ?? ''));
    const saved = await p.commit({
      sender,
      recipients: recipients.map((address) => ({ address })),
      headers: (head ?? '').split('\n').filter((l) => l !== '').map((l) => ({ type: ' ', text: `${l}\n` })),
      owner: { login: 'root', uid: 0, gid: 0 },
      received: { seconds: Math.floor(Date.now() / 1000), micros: 0 },
      warningCount: 0,
      options: new Map<string, string | true>([['received_protocol', 'local'], ['deliver_firsttime', true]]),
      aclVars: new Map(),
    });
    return saved.id;
  };
  const mainLog = () => log.lines('main').map((l) => l.replace(/^\S+ /, ''));
  return { dir, spool, log, deps, submit, mainLog };
}

/** A router result that accepts the address for a transport. */
export function accept(router: string, transport: string) {
  return (addr: AddressItem): RoutingResult => {
    addr.router = router;
    addr.transport = transport;
    return { kind: 'routed', addr };
  };
}
