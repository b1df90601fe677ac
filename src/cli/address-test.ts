/**
 * `-bt`, `-bv`, `-bvs`: address testing and verification, printing what exim4 prints. Each
 * argument (a comma-separated list of addresses) or, without arguments, each stdin line after
 * a "> " prompt, is routed (see src/route/verify-address.ts). Exit code 2 when any address
 * failed, else 1 when any could not be resolved, else 0. Log lines go to stderr as
 * `LOG: MAIN` + indented text, as Exim does in these modes.
 */
import type { Readable, Writable } from 'node:stream';
import { userInfo } from 'node:os';
import { createExpandContext } from '../expand/index.js';
import { untainted } from '../expand/types.js';
import { createLookupRegistry } from '../lookups/index.js';
import type { LogFile, Logger } from '../log/types.js';
import { extractAddress, splitAddressList } from '../route/address-parse.js';
import { createRoutingContext } from '../route/context.js';
import { buildRouters } from '../route/engine.js';
import { formatHostLines } from '../route/print.js';
import { AddressItem, type RoutingContext, type RoutingMode } from '../route/types.js';
import { verifyAddress, type VerifyEvent } from '../route/verify-address.js';
import { loadRuntimeConfig } from './runtime-config.js';
import { logTimestamp } from '../log/timestamp.js';

export type AddressTestMode = 'bt' | 'bv' | 'bvs';

export interface AddressTestOptions {
  readonly mode: AddressTestMode;
  readonly configFile?: string;
  readonly macros?: Record<string, string>;
  /** -v: full details for -bv. */
  readonly verbose?: boolean;
  /** -f: envelope sender (default: the caller at qualify_domain). */
  readonly sender?: string;
  readonly operands: readonly string[];
}

/**
 * Exim's stderr logging in these modes (nothing goes to the log files): with full output (-bt,
 * -bv -v) `LOG: MAIN PANIC` then the text indented; otherwise the timestamp and the text.
 */
export class TestModeLogger implements Logger {
  readonly selectors = { has: () => true };
  constructor(
    private readonly out: (text: string) => void,
    private readonly full = true,
  ) {}
  write(files: readonly LogFile[], text: string, messageId?: string): void {
    const line = `${messageId ? `${messageId} ` : ''}${text}`;
    if (!this.full) {
      this.out(`${logTimestamp(new Date())} ${line}\n`);
      return;
    }
    const flags = files.map((f) => f.toUpperCase()).join(' ');
    this.out(`LOG: ${flags}\n  ${line}\n`);
  }
  async reopen(): Promise<void> {}
  async close(): Promise<void> {}
}

interface Session {
  readonly ctx: RoutingContext;
  readonly mode: AddressTestMode;
  readonly full: boolean;
  readonly qualify: string;
  /** Routed addresses already shown (the "[duplicate, would not be delivered]" marks). */
  readonly shown: Set<string>;
  /** Top-level addresses typed without a domain: exim4 keys their duplicates on the text as typed. */
  readonly typedKeys: WeakMap<AddressItem, string>;
  worst: 0 | 1 | 2;
}

function callerLogin(): string {
  try {
    return userInfo().username;
  } catch {
    return 'root';
  }
}

export function createAddressTestSession(opts: AddressTestOptions, err: (t: string) => void): Session {
  const config = loadRuntimeConfig({ file: opts.configFile, macros: opts.macros });
  buildRouters(config.loaded);
  const qualifyDomain = String(config.loaded.mainOption('qualify_domain') ?? '');
  const sender = opts.sender ?? `${callerLogin()}@${qualifyDomain}`;
  const vars = new Map([['sender_address', untainted(sender)]]);
  const base = createExpandContext({ config: config.view, lookups: createLookupRegistry({ revalidateFiles: false }), vars });
  const mode: RoutingMode = opts.mode === 'bt' ? 'test' : opts.mode === 'bv' ? 'verify_recipient' : 'verify_sender';
  const full = opts.mode === 'bt' || opts.verbose === true;
  const log = new TestModeLogger(err, full);
  // debug_print output appears in -bt and -bv -v only.
  const trace = full ? (line: string) => err(`${line}\n`) : undefined;
  const ctx = createRoutingContext({ config: config.loaded, base, mode, log, sender, trace });
  const qualify = opts.mode === 'bvs' ? qualifyDomain : String(config.loaded.mainOption('qualify_recipient') ?? qualifyDomain);
  return { ctx, mode: opts.mode, full, qualify, shown: new Set(), typedKeys: new WeakMap(), worst: 0 };
}

function parentLines(addr: AddressItem): string {
  let out = '';
  for (let p = addr.parent; p; p = p.parent) out += `    <-- ${p.address}\n`;
  return out;
}

/** Text of one verification event (full mode). */
export function eventText(ev: VerifyEvent, s: Pick<Session, 'mode' | 'shown' | 'typedKeys'>): string {
  const a = ev.addr;
  switch (ev.kind) {
    case 'failed':
      return `${a.address} ${s.mode === 'bt' ? 'is undeliverable' : 'failed to verify'}: ${ev.message}\n${parentLines(a)}`;
    case 'deferred':
      return `${a.address} cannot be resolved at this time: ${ev.message}\n${parentLines(a)}`;
    case 'discarded':
      return `mail to ${a.top.address} is discarded\n`;
    case 'special': {
      if (a.forbidden) return `${a.parent?.address ?? ''} -> ${a.address} *** forbidden ***\n`;
      const head = `${a.parent?.address ?? ''} -> ${a.address}\n`;
      if (a.transport === undefined) return `${head}*** Error in setting up pipe, file, or autoreply:\n${a.message ?? ''}\n`;
      return `${head}  transport = ${a.transport}\n`;
    }
    case 'routed': {
      const key = s.typedKeys.get(a) ?? a.uniqueOverride ?? a.address;
      const dup = s.shown.has(key);
      s.shown.add(key);
      return `${a.address}${dup ? '   [duplicate, would not be delivered]' : ''}\n${parentLines(a)}` +
        `  router = ${a.router ?? 'unset'}, transport = ${a.transport ?? 'unset'}\n${formatHostLines(a)}`;
    }
  }
}

/** Test one address as written (already split from a list); returns the output text. */
export async function testOneAddress(text: string, s: Session): Promise<string> {
  const parsed = extractAddress(text);
  if (!parsed.ok) {
    s.worst = 2;
    return `syntax error: ${parsed.error}\n`;
  }
  const address = parsed.domain === '' ? `${parsed.localPart}@${s.qualify}` : parsed.address;
  const top = new AddressItem(address);
  if (parsed.domain === '') s.typedKeys.set(top, parsed.localPart);
  let out = '';
  const outcome = await verifyAddress(top, s.ctx, { full: s.full, report: s.full ? (ev) => (out += eventText(ev, s)) : undefined });
  if (outcome.result === 'fail') s.worst = 2;
  else if (outcome.result === 'defer' && s.worst < 1) s.worst = 1;
  if (s.full) return out;
  if (outcome.result === 'ok') return `${address} verified\n`;
  if (outcome.result === 'fail') return `${address} failed to verify: ${outcome.message ?? ''}\n`;
  return `${address} cannot be resolved at this time: ${outcome.message ?? ''}\n`;
}

/** One argument or input line: a comma-separated list of addresses. */
export async function testAddressList(text: string, s: Session): Promise<string> {
  let out = '';
  for (const piece of splitAddressList(text)) out += await testOneAddress(piece, s);
  return out;
}

export async function runAddressTest(opts: AddressTestOptions, input: Readable, out: Writable, errOut: Writable): Promise<number> {
  const s = createAddressTestSession(opts, (t) => void errOut.write(t));
  if (opts.operands.length > 0) {
    for (const arg of opts.operands) {
      if (arg.trim() === '') continue;
      out.write(await testAddressList(arg, s));
    }
    return s.worst;
  }
  out.write('> ');
  for await (const line of readLines(input)) {
    out.write((await testAddressList(line.trim(), s)) + '> ');
  }
  out.write('\n');
  return s.worst;
}

async function* readLines(input: Readable): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('latin1');
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      yield pending.slice(0, nl);
      pending = pending.slice(nl + 1);
    }
  }
  if (pending !== '') yield pending;
}
