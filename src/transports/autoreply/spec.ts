/**
 * What reply to send: the filter's ReplyData carried by the address, or the transport's options
 * expanded for the address (Exim uses one or the other, never a mix).
 */
import type { DriverOptions } from '../../config/driver-options.js';
import { ExpandError, expand } from '../../expand/index.js';
import type { ExpandContext } from '../../expand/types.js';
import { parseTimeValue } from '../../config/options/values.js';
import type { AddressItem, ReplyData } from '../../route/types.js';
import { deferWith } from '../local-common.js';

const TEXT_OPTIONS: ReadonlyArray<[keyof ReplyData, string]> = [
  ['from', 'from'], ['replyTo', 'reply_to'], ['to', 'to'], ['cc', 'cc'], ['bcc', 'bcc'], ['subject', 'subject'],
  ['headers', 'headers'], ['text', 'text'], ['file', 'file'], ['log', 'log'], ['once', 'once'],
];

export async function replySpec(addr: AddressItem, opts: DriverOptions, ectx: ExpandContext): Promise<ReplyData> {
  if (addr.reply) return addr.reply;
  const out: Record<string, unknown> = {};
  for (const [key, name] of TEXT_OPTIONS) {
    const raw = opts.str(name);
    if (raw === undefined) continue;
    try {
      out[key] = (await expand(raw, ectx)).s;
    } catch (e) {
      if (e instanceof ExpandError && e.forced) continue;
      if (e instanceof ExpandError) deferWith(`Failed to expand "${raw}" for ${opts.name} transport: ${e.message}`);
      throw e;
    }
  }
  const repeat = opts.str('once_repeat');
  if (repeat !== undefined) {
    let text: string;
    try {
      text = (await expand(repeat, ectx)).s;
    } catch (e) {
      if (e instanceof ExpandError) deferWith(`Failed to expand "${repeat}" for ${opts.name} transport: ${e.message}`);
      throw e;
    }
    let secs: number;
    try {
      secs = text.trim() === '' ? 0 : parseTimeValue(text.trim());
    } catch {
      secs = Number.NaN;
    }
    if (Number.isNaN(secs) || secs < 0) deferWith(`Invalid time value "${text}" for "once_repeat" in ${opts.name} transport`);
    out['onceRepeat'] = secs;
  }
  out['fileExpand'] = opts.bool('file_expand');
  out['returnMessage'] = opts.bool('return_message');
  return out as ReplyData;
}
