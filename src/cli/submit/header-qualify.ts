/**
 * Qualifying unqualified addresses in the address headers of a local message (From:, To:, ...),
 * as Exim does unless -bnq: the domain is appended to each bare local part and everything else
 * of the header is kept as written. When an address grew and the text of the line up to that
 * item is longer than 38 characters, a new line ("\n\t") is started after the item's comma and
 * the white space that followed it (what exim4 4.96 writes). The changed header replaces the old
 * one, which stays in the spool file marked deleted.
 */
import { AddressCursor, extractAddress, splitAddressList } from '../../expand/operators/rfc2822.js';
import type { SpoolHeader } from '../../spool/types.js';
import { headerName } from './headers.js';
import { findUnquotedAngle } from '../../expand/operators/rfc2822.js';

/** Longest line (from its start up to a rewritten item) left unbroken. */
const FOLD_AFTER = 38;

const SENDER_HEADERS = new Set(['from', 'reply-to', 'sender', 'resent-from', 'resent-reply-to', 'resent-sender']);
const RECIPIENT_HEADERS = new Set(['to', 'cc', 'bcc', 'resent-to', 'resent-cc', 'resent-bcc']);

export interface QualifyDomains {
  /** qualify_domain: for sender-type headers. */
  readonly sender: string;
  /** qualify_recipient: for recipient-type headers. */
  readonly recipient: string;
}

/** Which domain a header's addresses are qualified with, or undefined for other headers. */
export function qualifyDomainFor(name: string, domains: QualifyDomains): string | undefined {
  const lower = name.toLowerCase();
  if (SENDER_HEADERS.has(lower)) return domains.sender;
  if (RECIPIENT_HEADERS.has(lower)) return domains.recipient;
  return undefined;
}

/** Qualify every address header in place (old header flagged '*', new one right after it). */
export function qualifyHeaders(headers: SpoolHeader[], domains: QualifyDomains): void {
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i]!;
    if (h.type === '*') continue;
    const domain = qualifyDomainFor(headerName(h.text), domains);
    if (domain === undefined) continue;
    const text = qualifyHeaderText(h.text, domain);
    if (text === undefined) continue;
    headers[i] = { type: '*', text: h.text };
    headers.splice(i + 1, 0, { type: h.type, text });
    i++;
  }
}

/** The header text with its unqualified addresses qualified, or undefined when none was. */
export function qualifyHeaderText(text: string, domain: string): string | undefined {
  const colon = text.indexOf(':');
  const body = text.slice(colon + 1).replace(/\n$/, '');
  const items = splitAddressList(body);
  let out = text.slice(0, colon + 1);
  let lineStart = 0;
  let changed = false;
  let breakBefore = false;
  for (let k = 0; k < items.length; k++) {
    let item = items[k]!;
    if (breakBefore) {
      const lead = /^[ \t]*/.exec(item)![0];
      out += `${lead}\n\t`;
      lineStart = out.length - 1;
      item = item.slice(lead.length);
      breakBefore = false;
    }
    const qualified = qualifyItem(item, domain);
    out += qualified ?? item;
    if (qualified !== undefined) {
      changed = true;
      if (k + 1 < items.length && out.length - lineStart > FOLD_AFTER) breakBefore = true;
    }
    if (k + 1 < items.length) out += ',';
  }
  return changed ? `${out}\n` : undefined;
}

/** One list item with "@domain" inserted after its bare local part, or undefined. */
function qualifyItem(item: string, domain: string): string | undefined {
  const parsed = extractAddress(item.replace(/;\s*$/, ''), { allowGroup: true });
  if (parsed === undefined || parsed.domain !== '') return undefined;
  const at = localPartEnd(item);
  if (at === undefined) return undefined;
  return `${item.slice(0, at)}@${domain}${item.slice(at)}`;
}

/** Offset just after the local part: before the '>' of a route-addr, else after the last word. */
function localPartEnd(item: string): number | undefined {
  const cur = new AddressCursor(item);
  skipGroupPrefix(cur);
  const angle = findUnquotedAngle(item, cur.pos);
  if (angle >= 0) {
    const close = item.indexOf('>', angle);
    return close < 0 ? undefined : close;
  }
  cur.skipCfws();
  let end: number | undefined;
  for (;;) {
    const c = cur.peek();
    if (c === '.') {
      cur.pos++;
      end = cur.pos;
      continue;
    }
    const word = c === '"' ? cur.quotedString() : cur.atom();
    if (word === '') return end;
    end = cur.pos;
  }
}

/** Skips "name:" at the start of a group item. */
function skipGroupPrefix(cur: AddressCursor): void {
  const m = /^[^"<>(),:;@]*:/.exec(cur.text);
  if (m && !m[0].includes('@')) cur.pos = m[0].length;
}

