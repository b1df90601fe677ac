/**
 * The autoreply transport (spec chapter "The autoreply transport"): builds a reply to the
 * message and hands it to TransportContext.submitMessage with the null sender; never_mail,
 * once / once_repeat / once_file_size, log and return_message as Exim.
 */
import { appendFile } from 'node:fs/promises';
import type { DriverOptions } from '../../config/driver-options.js';
import { splitAddressList } from '../../expand/operators/rfc2822.js';
import type { ExpandContext } from '../../expand/types.js';
import { todFormats } from '../../expand/variables-computed.js';
import { matchAddressList } from '../../match/index.js';
import type { AddressItem, ReplyData } from '../../route/types.js';
import { defer, deferWith, expandOption, headerOptions, ok, outcomeOf, transportExpandContext } from '../local-common.js';
import { registerTransportDriver } from '../registry.js';
import type { DeliveryResult, TransportContext, TransportDriver, TransportRun } from '../types.js';
import { writeMessage } from '../write-message.js';
import { headerAddresses } from './addresses.js';
import { logEntry, replyBody, replyHeaders, RETURN_MESSAGE_SEPARATOR } from './build.js';
import { onceStore } from './once.js';
import { replySpec } from './spec.js';

/** Drops list items whose address matches never_mail (the rest keeps its spacing, as exim4). */
async function withoutNeverMail(list: string | undefined, never: string | undefined, ectx: ExpandContext): Promise<string | undefined> {
  if (list === undefined || never === undefined || never === '') return list;
  const kept: string[] = [];
  for (const item of splitAddressList(list)) {
    const [address] = headerAddresses(item);
    if (address !== undefined && (await matchAddressList(address, never, ectx)).matched) continue;
    kept.push(item);
  }
  return kept.length === 0 ? undefined : kept.join(',');
}

class AutoreplyTransport implements TransportDriver {
  readonly kind = 'local' as const;
  constructor(private readonly opts: DriverOptions) {}

  async deliver(addresses: readonly AddressItem[], ctx: TransportContext): Promise<TransportRun> {
    // One reply per address, even when a batch arrives.
    const results = new Map<AddressItem, DeliveryResult>();
    for (const addr of addresses) results.set(addr, await outcomeOf(() => this.replyFor(addr, ctx)));
    return { results, retries: [] };
  }

  private async replyFor(addr: AddressItem, ctx: TransportContext): Promise<DeliveryResult> {
    const opts = this.opts;
    const { ectx, returnPath } = await transportExpandContext(addr, ctx, opts);
    const raw = await replySpec(addr, opts, ectx);
    const never = (await expandOption(opts, 'never_mail', ectx))?.s;
    const spec: ReplyData = {
      ...raw,
      to: await withoutNeverMail(raw.to, never, ectx),
      cc: await withoutNeverMail(raw.cc, never, ectx),
      bcc: await withoutNeverMail(raw.bcc, never, ectx),
    };
    const recipients = [spec.to, spec.cc, spec.bcc].flatMap((l) => (l ? headerAddresses(l) : []));
    if (recipients.length === 0) return ok();
    const mode = opts.num('mode', 0o600);
    const once = spec.once && spec.to ? onceStore(spec.once, opts.num('once_file_size', 0), mode) : undefined;
    if (once) {
      const last = await once.lastSent(spec.to!);
      const repeat = spec.onceRepeat ?? 0;
      if (last !== undefined && (repeat === 0 || ctx.now() - last < repeat)) return ok();
    }
    const head = replyHeaders(spec, ctx.message);
    // Header lines may hold no control characters other than a newline before white space
    // (the wording of this deferral is not checked against exim4).
    if (/[\x00-\x08\x0b-\x1f\x7f]|\n(?![ \t]|$)/.test(head.replace(/\n(?=[A-Za-z0-9-]+:)/g, ''))) {
      deferWith(`Non-printing character in header lines of message from ${opts.name} transport`);
    }
    let text = `${head}\n${await replyBody(spec, ectx, opts.bool('file_optional'), opts.name)}`;
    if (spec.returnMessage) text += RETURN_MESSAGE_SEPARATOR + (await originalCopy([addr], ctx, opts, ectx, returnPath));
    if (!ctx.submitMessage) return defer(`${opts.name} transport: no way to submit the reply`);
    await ctx.submitMessage('', recipients, text);
    if (once) await once.record(spec.to!, ctx.now());
    if (spec.log) {
      const when = todFormats(new Date(ctx.now() * 1000), 0n).tod_log!;
      await appendFile(spec.log, logEntry(spec, when), { mode });
    }
    return ok();
  }
}

/** The original message with the transport's generic header options applied (return_message). */
async function originalCopy(addresses: readonly AddressItem[], ctx: TransportContext, opts: DriverOptions, ectx: ExpandContext, returnPath: string): Promise<string> {
  const headers = await headerOptions(addresses, ctx, opts, ectx, returnPath);
  // Partial: exim4 cuts the copy at return_size_limit with a note; the whole message is sent here.
  return writeMessage(ctx.message.spool.headers, await ctx.message.readBody(), headers).toString('latin1');
}

registerTransportDriver({
  name: 'autoreply',
  kind: 'local',
  create: (options) => new AutoreplyTransport(options),
});
