/**
 * Helpers shared by the local transports (appendfile, pipe, autoreply, lmtp, queuefile): option
 * expansion with Exim's error texts, the generic header options turned into WriteMessageOptions,
 * $return_path / $home for the expansion context, and result fan-out over a batch.
 */
import type { DriverOptions } from '../config/driver-options.js';
import { ExpandError, expand } from '../expand/index.js';
import type { ExpandContext, TStr } from '../expand/types.js';
import { todFormats } from '../expand/variables-computed.js';
import type { AddressItem } from '../route/types.js';
import { listItems } from '../util/exim-list.js';
import type { DeliveryResult, TransportContext, TransportRun } from './types.js';
import type { WriteMessageOptions } from './write-message.js';
import { srsReturnPath } from '../srs/log.js';

/** Exim's negative errno values that show in `defer (N)` log lines. */
export const EXIM_ERRNO = {
  /** exim4 shows -1 for taint refusals and failed expansions of the file name alike. */
  taint: -1,
  badUgid: -6,
  notAbsolute: -21,
  quota: -22,
  mailboxWrongMode: -7,
  tooManyLinks: -4,
  lockFailed: -3,
  inodeChanged: -14,
  notRegular: -15,
  badFormat: -18,
} as const;

/** Every address of the batch gets the same result (local transports deliver once per batch). */
export function sameForAll(addresses: readonly AddressItem[], result: DeliveryResult): TransportRun {
  return { results: new Map(addresses.map((a) => [a, result])), retries: [] };
}

export const defer = (message: string, extra: Partial<DeliveryResult> = {}): DeliveryResult => ({ status: 'defer', message, ...extra });
export const fail = (message: string, extra: Partial<DeliveryResult> = {}): DeliveryResult => ({ status: 'fail', message, ...extra });
export const ok = (extra: Partial<DeliveryResult> = {}): DeliveryResult => ({ status: 'ok', ...extra });

/** A failure that ends the delivery attempt with a ready DeliveryResult (thrown inside drivers). */
export class DeliveryOutcome extends Error {
  constructor(readonly result: DeliveryResult) {
    super(result.message ?? result.status);
  }
}

export function deferWith(message: string, extra: Partial<DeliveryResult> = {}): never {
  throw new DeliveryOutcome(defer(message, extra));
}

export function failWith(message: string, extra: Partial<DeliveryResult> = {}): never {
  throw new DeliveryOutcome(fail(message, extra));
}

/** Runs a driver body; a thrown DeliveryOutcome becomes the result for the whole batch. */
export async function outcomeOf(body: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof DeliveryOutcome) return e.result;
    throw e;
  }
}

/** The envelope sender for this delivery before return_path: errors_to of the address, else an SRS-rewritten sender, else the message's. */
export function baseReturnPath(addr: AddressItem, ctx: TransportContext): string {
  return srsReturnPath(addr, ctx.message.spool.sender);
}

/**
 * The expansion context of an address inside a transport, with $return_path and $home set. The
 * transport's return_path option (expanded in a context where $return_path is the original) wins.
 */
export async function transportExpandContext(
  addr: AddressItem,
  ctx: TransportContext,
  opts: DriverOptions,
  extra: Record<string, string> = {},
): Promise<{ ectx: ExpandContext; returnPath: string; home?: string }> {
  let returnPath = baseReturnPath(addr, ctx);
  const home = addr.homeDir;
  const vars = (rp: string, h?: string): Map<string, string> => {
    const m = new Map<string, string>(Object.entries(extra));
    m.set('return_path', rp);
    if (h !== undefined) m.set('home', h);
    return m;
  };
  let ectx = ctx.expandFor(addr, vars(returnPath, home));
  const rpOption = opts.str('return_path');
  if (rpOption !== undefined) {
    const r = await expandForcedUnset(rpOption, ectx, `return_path for ${opts.name} transport`);
    if (r !== undefined) returnPath = r.s;
  }
  let homeDir = home;
  const homeOption = opts.str('home_directory');
  if (homeOption !== undefined) {
    homeDir = (await expandRequired(homeOption, ectx, `home directory for ${opts.name} transport`)).s;
  }
  ectx = ctx.expandFor(addr, vars(returnPath, homeDir));
  return { ectx, returnPath, home: homeDir };
}

/** Expansion where forced failure means "unset"; other failures defer with Exim's wording. */
export async function expandForcedUnset(text: string, ectx: ExpandContext, what: string): Promise<TStr | undefined> {
  try {
    return await expand(text, ectx);
  } catch (e) {
    if (e instanceof ExpandError && e.forced) return undefined;
    if (e instanceof ExpandError) deferWith(`Failed to expand ${what}: ${e.message}`);
    throw e;
  }
}

/** Expansion where any failure (forced too) defers. */
export async function expandRequired(text: string, ectx: ExpandContext, what: string): Promise<TStr> {
  try {
    return await expand(text, ectx);
  } catch (e) {
    if (e instanceof ExpandError) deferWith(`Failed to expand ${what}: ${e.message}`);
    throw e;
  }
}

/** An expanded string option, or undefined when unset (or forced to fail). */
export async function expandOption(opts: DriverOptions, name: string, ectx: ExpandContext): Promise<TStr | undefined> {
  const raw = opts.str(name);
  if (raw === undefined) return undefined;
  return expandForcedUnset(raw, ectx, `${name} for ${opts.name} transport`);
}

/** The Envelope-to addresses: the original recipients behind the batch, without repeats. */
export function envelopeToList(addresses: readonly AddressItem[]): string[] {
  const seen = new Set<string>();
  for (const a of addresses) seen.add(a.top.address);
  return [...seen];
}

/** RFC 822 date of now, as Delivery-date shows it. */
export function deliveryDate(ctx: TransportContext): string {
  return todFormats(new Date(ctx.now() * 1000), 0n).tod_full!;
}

/**
 * The generic header options of a transport (return_path_add, envelope_to_add, delivery_date_add,
 * headers_add, headers_remove, headers_only, body_only) plus the router-added header changes.
 */
export async function headerOptions(
  addresses: readonly AddressItem[],
  ctx: TransportContext,
  opts: DriverOptions,
  ectx: ExpandContext,
  returnPath: string,
): Promise<WriteMessageOptions> {
  const first = addresses[0]!;
  const prepend: string[] = [];
  if (opts.bool('return_path_add')) prepend.push(`Return-path: <${returnPath}>`);
  if (opts.bool('envelope_to_add')) prepend.push(`Envelope-to: ${envelopeToList(addresses).join(',\n ')}`);
  if (opts.bool('delivery_date_add')) prepend.push(`Delivery-date: ${deliveryDate(ctx)}`);
  const add = [...first.prop.extraHeaders];
  const addText = opts.str('headers_add');
  if (addText !== undefined) {
    for (const item of listItems(addText, '\n')) {
      const r = await expandForcedUnset(item, ectx, `headers_add for ${opts.name} transport`);
      if (r !== undefined && r.s !== '') add.push(r.s);
    }
  }
  const remove = [...first.prop.removeHeaders];
  const removeText = opts.str('headers_remove');
  if (removeText !== undefined) {
    for (const item of listItems(removeText, ':')) {
      const r = await expandForcedUnset(item, ectx, `headers_remove for ${opts.name} transport`);
      if (r !== undefined && r.s !== '') remove.push(r.s);
    }
  }
  return {
    prependHeaders: prepend,
    addHeaders: add,
    removeHeaders: remove,
    headersOnly: opts.bool('headers_only'),
    bodyOnly: opts.bool('body_only'),
  };
}

/** A size like `10K`, `1.5M`, `2G` (quota, message_size_limit) in bytes; NaN when malformed. */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d*)?)\s*([KkMmGg]?)\s*$/.exec(text);
  if (!m) return Number.NaN;
  const mult = { '': 1, k: 1024, m: 1024 * 1024, g: 1024 * 1024 * 1024 }[m[2]!.toLowerCase()]!;
  return Math.floor(Number(m[1]) * mult);
}

/**
 * message_size_limit of the transport: the message (as stored) larger than it fails the batch.
 * Returns a result to stop with, or undefined to go on.
 */
export async function sizeLimitResult(ctx: TransportContext, opts: DriverOptions, ectx: ExpandContext): Promise<DeliveryResult | undefined> {
  const raw = opts.str('message_size_limit');
  if (raw === undefined) return undefined;
  const value = await expandRequired(raw, ectx, `message_size_limit for ${opts.name} transport`);
  const limit = parseSize(value.s);
  if (Number.isNaN(limit)) return defer(`Invalid message_size_limit "${value.s}" for ${opts.name} transport`);
  const size = messageSize(ctx);
  if (limit > 0 && size > limit) return fail(`message is too big (transport limit = ${limit})`);
  return undefined;
}

/** $message_size as Exim computes it: -H header texts plus the body as stored. */
export function messageSize(ctx: TransportContext): number {
  let n = ctx.message.spool.bodySize;
  for (const h of ctx.message.spool.headers) if (h.type !== '*') n += Buffer.byteLength(h.text);
  return n;
}

/** The uid and gid the delivery runs as (the delivery process set them; else ours). */
export function deliveryIds(addr: AddressItem): { uid: number; gid: number } {
  return { uid: addr.uid ?? process.geteuid?.() ?? 0, gid: addr.gid ?? process.getegid?.() ?? 0 };
}
