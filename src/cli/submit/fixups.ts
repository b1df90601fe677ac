/**
 * The header fix-ups of a locally submitted message, in the order and places exim4 4.96 writes
 * them (spec chapter "Message processing"):
 *  - Return-Path:, Envelope-To:, Delivery-Date: are removed (the *_remove options);
 *  - a From: holding only the caller's login is replaced by "name <login@qualify_domain>";
 *  - unqualified addresses in address headers are qualified (see header-qualify.ts);
 *  - unless suppress_local_fixups: Message-Id:, From:, Date: are added when missing (at the end),
 *    or with Resent- headers present Resent-Message-Id: and Resent-Date: (at the start) and
 *    Resent-From: (at the end); for an untrusted caller Sender: is removed (unless
 *    local_sender_retain) and added when From: is not the caller (local_from_check).
 */
import type { SpoolHeader } from '../../spool/types.js';
import { extractAddress } from '../../expand/operators/rfc2822.js';
import { rfc822Date } from '../../smtp/server/message.js';
import { matchPrefix, matchSuffix } from '../../route/affixes.js';
import { qualifyHeaders, type QualifyDomains } from './header-qualify.js';
import { deleteHeaders, hasResentHeaders, headerBody, headersNamed } from './headers.js';

export interface FixupFacts {
  readonly id: string;
  readonly now: Date;
  /** Envelope sender ('' for none). */
  readonly sender: string;
  /** Whether the sender came from the caller's login (no -f honoured). */
  readonly senderLocal: boolean;
  readonly trusted: boolean;
  readonly login: string;
  /** Name for From:/Sender: fix-ups ('' when Exim would not use one). */
  readonly name: string;
  readonly qualify: QualifyDomains;
  /** `<E...@...>` built by the caller (message_id_header_text/_domain applied). */
  readonly messageId: string;
  readonly suppressFixups: boolean;
  readonly noQualify: boolean;
  readonly removeReturnPath: boolean;
  readonly removeEnvelopeTo: boolean;
  readonly removeDeliveryDate: boolean;
  readonly localFromCheck: boolean;
  readonly localSenderRetain: boolean;
  readonly localFromPrefix?: string;
  readonly localFromSuffix?: string;
}

/** Changes applied before -t extraction and the size check (no Message-Id/Date yet). */
export function earlyFixups(headers: SpoolHeader[], f: FixupFacts): void {
  if (f.removeReturnPath) deleteHeaders(headers, 'return-path');
  if (f.removeEnvelopeTo) deleteHeaders(headers, 'envelope-to');
  if (f.removeDeliveryDate) deleteHeaders(headers, 'delivery-date');
  replaceLoginFrom(headers, f);
  if (!f.noQualify) qualifyHeaders(headers, f.qualify);
}

/** Sendmail compatibility: "From: login" becomes the caller's full address. */
function replaceLoginFrom(headers: SpoolHeader[], f: FixupFacts): void {
  const i = headers.findIndex((h) => h.type === 'F' || (h.type !== '*' && headersNamed([h], 'from').length > 0));
  if (i < 0 || headerBody(headers[i]!).trim() !== f.login) return;
  headers[i] = { type: '*', text: headers[i]!.text };
  headers.push({ type: 'F', text: `From: ${f.name} <${f.login}@${f.qualify.sender}>\n` });
}

/** The Message-Id, From, Sender and Date fix-ups (after the id is known). */
export function lateFixups(headers: SpoolHeader[], f: FixupFacts): void {
  if (f.suppressFixups) return;
  const resent = hasResentHeaders(headers);
  const prefix = resent ? 'Resent-' : '';
  const lower = prefix.toLowerCase();
  const atStart: SpoolHeader[] = [];
  const add = (h: SpoolHeader): void => void (resent ? atStart.unshift(h) : headers.push(h));
  if (headersNamed(headers, `${lower}message-id`).length === 0) add({ type: 'I', text: `${prefix}Message-Id: ${f.messageId}\n` });
  if (headersNamed(headers, `${lower}from`).length === 0) {
    const from = fromText(f);
    if (from !== undefined) headers.push({ type: 'F', text: `${prefix}From: ${from}\n` });
  }
  if (!f.trusted) senderFixup(headers, f, prefix);
  if (headersNamed(headers, `${lower}date`).length === 0) add({ type: ' ', text: `${prefix}Date: ${rfc822Date(f.now)}\n` });
  headers.unshift(...atStart);
}

/** Contents of an added From:, or undefined when none is added (empty sender). */
function fromText(f: FixupFacts): string | undefined {
  if (f.sender === '') return f.senderLocal ? `${f.name}${f.name ? ' <' : ''}${f.login}@${f.qualify.sender}${f.name ? '>' : ''}` : undefined;
  return f.name === '' ? f.sender : `${f.name} <${f.sender}>`;
}

/** Untrusted callers: Sender: removed unless retained, added when From: is someone else. */
function senderFixup(headers: SpoolHeader[], f: FixupFacts, prefix: string): void {
  const lower = prefix.toLowerCase();
  if (!f.localSenderRetain) deleteHeaders(headers, `${lower}sender`);
  if (!f.localFromCheck) return;
  const from = headersNamed(headers, `${lower}from`)[0];
  if (from !== undefined && fromIsCaller(headerBody(from), f)) return;
  const addr = `${f.login}@${f.qualify.sender}`;
  headers.push({ type: 'S', text: `${prefix}Sender: ${f.name === '' ? addr : `${f.name} <${addr}>`}\n` });
}

/** Whether From: names the caller (login at qualify_domain, local_from_prefix/suffix allowed). */
function fromIsCaller(body: string, f: FixupFacts): boolean {
  const a = extractAddress(body.trim());
  if (a === undefined || a.domain.toLowerCase() !== f.qualify.sender.toLowerCase()) return false;
  let local = a.localPart;
  if (f.localFromPrefix) local = matchPrefix(local, f.localFromPrefix, false)?.rest ?? local;
  if (f.localFromSuffix) local = matchSuffix(local, f.localFromSuffix, false)?.rest ?? local;
  return local === f.login;
}
