/**
 * Envelope recipients of a local message: from the command arguments (each one a comma-separated
 * list of RFC 2822 addresses), or with -t from To:/Cc:/Bcc: (Resent-To:/Cc:/Bcc: when the
 * message has Resent- headers), Bcc removed afterwards. Unqualified addresses get
 * qualify_recipient.
 */
import { extractAddress as extractArgument, splitAddressList as splitArgument } from '../../route/address-parse.js';
import { extractAddress, splitAddressList } from '../../expand/operators/rfc2822.js';
import type { SpoolHeader } from '../../spool/types.js';
import { SubmitError } from './errors.js';
import { deleteHeaders, hasResentHeaders, headerBody, headersNamed } from './headers.js';

/** An envelope recipient and how it was written (the "for" list of the log shows the latter). */
export interface RecipientItem {
  readonly address: string;
  readonly written: string;
}

/** Recipients given as arguments, qualified; a malformed one is Exim's "bad recipient address". */
export function argumentRecipients(args: readonly string[], qualifyRecipient: string, allowUnqualified = true): RecipientItem[] {
  const out: RecipientItem[] = [];
  for (const arg of args) {
    for (const item of splitArgument(arg)) {
      if (item.trim() === '' && arg.trim() !== '') continue;
      const r = extractArgument(item);
      const error = !r.ok ? r.error : r.domain === '' && !allowUnqualified ? 'unqualified recipient address not allowed' : undefined;
      if (error !== undefined || !r.ok) throw new SubmitError('bad-recipient', `bad recipient address "${item.trim()}": ${error}`, { address: item.trim(), reason: error });
      out.push(r.domain === '' ? { address: `${r.localPart}@${qualifyRecipient}`, written: r.localPart } : { address: r.address, written: r.address });
    }
  }
  return out;
}

/**
 * -t: the addresses of the recipient headers in header order (duplicates kept, as Exim does);
 * the Bcc (or Resent-Bcc) header is marked deleted.
 */
export function headerRecipients(headers: SpoolHeader[], qualifyRecipient: string): RecipientItem[] {
  const prefix = hasResentHeaders(headers) ? 'resent-' : '';
  const out: RecipientItem[] = [];
  for (const h of headers) {
    if (h.type === '*') continue;
    if (!['to', 'cc', 'bcc'].some((n) => headersNamed([h], prefix + n).length > 0)) continue;
    for (const item of splitAddressList(headerBody(h))) {
      const text = item.replace(/;\s*$/, '');
      if (text.trim() === '') continue;
      const a = extractAddress(text, { allowGroup: true });
      if (a === undefined) continue;
      const full = a.domain === '' ? `${a.localPart}@${qualifyRecipient}` : `${a.localPart}@${a.domain}`;
      out.push({ address: full, written: a.domain === '' ? a.localPart : full });
    }
  }
  deleteHeaders(headers, `${prefix}bcc`);
  return out;
}
