/**
 * The bytes appendfile (and pipe) write for one delivery: message_prefix, the message framed with
 * check_string/escape_string and line ends, message_suffix; or the batch SMTP envelope around it.
 */
import type { DriverOptions } from '../../config/driver-options.js';
import type { ExpandContext } from '../../expand/types.js';
import type { AddressItem } from '../../route/types.js';
import { expandOption, headerOptions } from '../local-common.js';
import type { TransportContext } from '../types.js';
import { applyTransportFilter } from '../transport-filter.js';
import { frame, writeMessage } from '../write-message.js';

export interface RenderInput {
  readonly addresses: readonly AddressItem[];
  readonly ctx: TransportContext;
  readonly opts: DriverOptions;
  readonly ectx: ExpandContext;
  readonly returnPath: string;
}

/** RCPT TO address: without the affixes a router removed unless rcpt_include_affixes. */
export function rcptAddress(addr: AddressItem, opts: DriverOptions): string {
  if (opts.bool('rcpt_include_affixes') || addr.special) return addr.address;
  return addr.domain === '' ? addr.localPart : `${addr.localPart}@${addr.domain}`;
}

/** The whole text to write, framing included. */
export async function renderDelivery(input: RenderInput): Promise<Buffer> {
  const { addresses, ctx, opts, ectx, returnPath } = input;
  const crlf = opts.bool('use_crlf');
  const bsmtp = opts.bool('use_bsmtp');
  const headers = await headerOptions(addresses, ctx, opts, ectx, returnPath);
  const body = await ctx.message.readBody();
  const plainMessage = await applyTransportFilter(writeMessage(ctx.message.spool.headers, body, headers), addresses, opts, ectx);
  const message = frame(plainMessage, {
    crlf,
    checkString: bsmtp ? '.' : (opts.str('check_string') || undefined),
    escapeString: bsmtp ? '..' : opts.str('escape_string') ?? '',
  });
  const parts: Buffer[] = [];
  const plain = (s: string): void => {
    if (s !== '') parts.push(frame(Buffer.from(s, 'latin1'), { crlf }));
  };
  // message_prefix and message_suffix are written verbatim, even with use_crlf.
  const prefix = await expandOption(opts, 'message_prefix', ectx);
  if (prefix?.s) parts.push(Buffer.from(latin1(prefix.s), 'latin1'));
  if (bsmtp) {
    plain(`MAIL FROM:<${returnPath}>\n`);
    for (const a of addresses) plain(`RCPT TO:<${rcptAddress(a, opts)}>\n`);
    plain('DATA\n');
  }
  parts.push(message);
  if (message.length > 0 && message[message.length - 1] !== 0x0a) parts.push(Buffer.from(crlf ? '\r\n' : '\n'));
  if (bsmtp) plain('.\n');
  const suffix = await expandOption(opts, 'message_suffix', ectx);
  if (suffix?.s) parts.push(Buffer.from(latin1(suffix.s), 'latin1'));
  return Buffer.concat(parts);
}

/** Expanded option text is JS UTF-16; prefixes with 8-bit bytes come from the config as latin1-safe chars. */
function latin1(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}
