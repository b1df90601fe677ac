/**
 * Test scaffolding for the local transports: a configuration from text, a spooled message in
 * memory, and a TransportContext whose expansion context carries the usual message and address
 * variables (what src/deliver will provide).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optionsApi, parseConfig } from '../../src/config/index.js';
import { DriverOptions } from '../../src/config/driver-options.js';
import type { LoadedConfig } from '../../src/config/types.js';
import { createExpandContext } from '../../src/expand/index.js';
import { untainted, type TStr } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import type { HintsDb, HintsRecord, HintsTable } from '../../src/queue/types.js';
import { expandContextForAddress } from '../../src/route/variables.js';
import { AddressItem } from '../../src/route/types.js';
import type { SpoolHeader, SpoolMessage } from '../../src/spool/types.js';
import { headerSource } from '../../src/smtp/server/message.js';
import '../../src/transports/index.js';
import { transportDriver } from '../../src/transports/index.js';
import type { TransportContext, TransportDriver, TransportRun } from '../../src/transports/types.js';
import type { Logger } from '../../src/log/types.js';

export function tempDir(prefix = 'mw-tr-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function configText(transports: string, main = ''): LoadedConfig {
  const text = `primary_hostname = mail.example.com\nqualify_domain = example.com\n${main}\nbegin transports\n${transports}\n`;
  return parseConfig({ file: 'test.conf', text }, optionsApi);
}

export function transport(config: LoadedConfig, name: string): TransportDriver {
  const inst = config.transports.find((t) => t.name === name);
  if (!inst) throw new Error(`no transport ${name}`);
  const def = transportDriver(inst.driver);
  if (!def) throw new Error(`no driver ${inst.driver}`);
  return def.create(new DriverOptions(inst), inst);
}

export const MESSAGE_ID = '1xVZPX-0000Kc-0W';

export function spoolMessage(headerLines: string[], body: string, sender = 'sender@example.org'): { spool: SpoolMessage; body: Buffer } {
  const headers: SpoolHeader[] = headerLines.map((text) => ({ type: ' ', text: text.endsWith('\n') ? text : `${text}\n` }));
  const bodyBuf = Buffer.from(body, 'latin1');
  const spool: SpoolMessage = {
    id: MESSAGE_ID, sender, recipients: [{ address: 'mb@example.com' }], headers,
    owner: { login: 'root', uid: 0, gid: 0 }, received: { seconds: 1795460947, micros: 0 }, warningCount: 0,
    options: new Map(), aclVars: new Map(), bodySize: bodyBuf.length,
  };
  return { spool, body: bodyBuf };
}

export const STANDARD_HEADERS = ['Subject: hi', 'To: someone@example.com', 'From: sender@example.org'];
export const STANDARD_BODY = 'From me\n>From x\n.dot line\nbody\n';

class MemoryTable implements HintsTable {
  private readonly m = new Map<string, HintsRecord>();
  get<T extends HintsRecord>(key: string): T | undefined {
    return this.m.get(key) as T | undefined;
  }
  async put(key: string, value: HintsRecord): Promise<void> {
    this.m.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.m.delete(key);
  }
  keys(): Iterable<string> {
    return this.m.keys();
  }
}

export function memoryHints(): HintsDb {
  const tables = new Map<string, MemoryTable>();
  return {
    table(name) {
      let t = tables.get(name);
      if (!t) tables.set(name, (t = new MemoryTable()));
      return t;
    },
    async close() {},
  };
}

export interface Submitted {
  sender: string;
  recipients: readonly string[];
  text: string;
}

export interface TestContext extends TransportContext {
  readonly submitted: Submitted[];
}

const silentLog: Logger = {
  selectors: { has: () => false },
  write: () => undefined,
} as unknown as Logger;

export function context(config: LoadedConfig, msg: { spool: SpoolMessage; body: Buffer }, extraVars: Record<string, string> = {}): TestContext {
  const submitted: Submitted[] = [];
  const base = createExpandContext({
    config: {
      mainOption: (name) => {
        const v = config.mainOption(name);
        return Array.isArray(v) ? undefined : (v as string | number | boolean | undefined);
      },
      namedList: (kind, name) => config.namedList(kind, name),
    },
    lookups: createLookupRegistry(),
    headers: headerSource(msg.spool.headers),
  });
  const messageVars: Record<string, string> = {
    sender_address: msg.spool.sender,
    message_exim_id: msg.spool.id,
    message_id: msg.spool.id,
    message_size: String(msg.spool.bodySize + msg.spool.headers.reduce((n, h) => n + h.text.length, 0)),
    qualify_domain: 'example.com',
    primary_hostname: 'mail.example.com',
    ...extraVars,
  };
  for (const [k, v] of Object.entries(messageVars)) base.vars.set(k, untainted(v));
  return {
    config,
    message: { spool: msg.spool, id: msg.spool.id, readBody: async () => msg.body },
    expandFor(addr, extra) {
      const e = expandContextForAddress(base, addr);
      for (const [k, v] of extra ?? []) e.vars.set(k, untainted(v) as TStr);
      return e;
    },
    dns: {} as TransportContext['dns'],
    log: silentLog,
    hints: memoryHints(),
    hostUsable: async () => true,
    now: () => Math.floor(Date.now() / 1000),
    submitMessage: async (sender, recipients, text) => {
      submitted.push({ sender, recipients, text });
    },
    submitted,
  };
}

/** An address as a router would leave it: local part data untainted (from a lookup). */
export function address(addr: string, init: { special?: AddressItem['special']; parent?: AddressItem; home?: string } = {}): AddressItem {
  const a = new AddressItem(addr, { parent: init.parent });
  const at = addr.lastIndexOf('@');
  a.prop.localPartData = untainted(at < 0 ? addr : addr.slice(0, at));
  if (init.special) a.special = init.special;
  if (init.home) a.homeDir = init.home;
  a.uid = process.geteuid?.();
  a.gid = process.getegid?.();
  return a;
}

export async function deliverOne(config: LoadedConfig, name: string, ctx: TransportContext, addr: AddressItem): Promise<ReturnType<TransportRun['results']['get']> & object> {
  const run = await transport(config, name).deliver([addr], ctx);
  const r = run.results.get(addr);
  if (!r) throw new Error('no result');
  return r;
}

/** Replaces the variable parts of delivered text as the oracle script does. */
export function normalise(s: string): string {
  return s
    .replace(/\b[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}\b/g, '<ID>')
    .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d? \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g, '<DATE>')
    .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}/g, '<BSDDATE>')
    .replace(/\b\d{10}\.M\d+P\d+\./g, '<TIME>.M<USEC>P<PID>.')
    .replace(/\bq[0-9A-Za-z]{6}-\d+\b/g, 'q<EPOCH62>-<INODE>')
    .replace(/\bP\d+\b/g, 'P<PID>');
}
