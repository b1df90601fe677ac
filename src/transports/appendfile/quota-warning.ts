/**
 * The quota warning message (quota_warn_message) sent when a delivery crosses
 * quota_warn_threshold: submitted as a new message from the null sender.
 */
import type { DriverOptions } from '../../config/driver-options.js';
import type { ExpandContext } from '../../expand/types.js';
import type { AddressItem } from '../../route/types.js';
import { expandOption } from '../local-common.js';
import type { TransportContext } from '../types.js';
import { headerAddresses, headerValue } from '../autoreply/addresses.js';

export async function sendQuotaWarning(_addr: AddressItem, ctx: TransportContext, opts: DriverOptions, ectx: ExpandContext): Promise<void> {
  const text = (await expandOption(opts, 'quota_warn_message', ectx))?.s;
  if (!text || !ctx.submitMessage) return;
  const headerEnd = text.indexOf('\n\n');
  const head = headerEnd < 0 ? text : text.slice(0, headerEnd + 1);
  const to = headerValue(head, 'to');
  if (to === undefined) return;
  const qualify = ctx.config.mainOption('qualify_domain') ?? ctx.config.mainOption('primary_hostname');
  let prefix = 'Auto-Submitted: auto-replied\n';
  if (headerValue(head, 'from') === undefined) prefix += `From: Mail Delivery System <Mailer-Daemon@${String(qualify)}>\n`;
  await ctx.submitMessage('', headerAddresses(to), prefix + text);
}
