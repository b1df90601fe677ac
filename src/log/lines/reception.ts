/**
 * The `<=` line written when a message has been received (spec "Logging message reception"),
 * with its fields in exim4 4.96's order, each under its selector:
 *
 *   <= sender [R=ref] [DS] H=host [I=iface] [U=ident] P=proto [L] [X=cipher[*] CV= DN= SNI=]
 *   [A=auth[:id][:sender]] [PRDR] [PRX=proxy] [K] S=size [M8S=n] [DKIM=d] [RT=t] [Q=queue]
 *   [id=msgid | id*=msgid] [T="subject"] [from <sender>] [for rcpt ...]
 *
 * The order was read from exim4's own logs (scripts/oracle/gen-log.mjs); DKIM=, DS, R= and Q=
 * could not be produced there (they need DNS or local bounces) and follow the same source order
 * as documented. The message id goes before the text and is the logger's business.
 */
import type { LogSelectors } from '../types.js';
import { hostInfo, type LogHost } from './host.js';
import { logDuration } from './duration.js';
import { quotedDn, quotedField } from './printing.js';

/** How PIPELINING (and PIPE_CONNECT) went on the connection. */
export interface PipeliningUse {
  /** PIPELINING was advertised to the client. */
  readonly advertised: boolean;
  /** The client sent commands without waiting (Exim saw pipelined input). */
  readonly used: boolean;
  /** PIPE_CONNECT was advertised in this session's EHLO response. */
  readonly connectAdvertised?: boolean;
  /** The client sent its EHLO before the banner. */
  readonly connectUsed?: boolean;
}

export interface TlsLogInfo {
  /** Cipher description as the TLS library names it, e.g. `TLS1.3:...:256`. */
  readonly cipher: string;
  /** Session resumed from an earlier connection (`*` with +tls_resumption). */
  readonly resumed?: boolean;
  readonly certificateVerified?: 'yes' | 'no' | 'dane';
  readonly peerDn?: string;
  readonly sni?: string;
}

export interface AuthLogInfo {
  /** Authenticator (driver instance) name. */
  readonly authenticator: string;
  /** $authenticated_id from server_set_id. */
  readonly id?: string;
  /** AUTH= of MAIL (shown with +smtp_mailauth), including its angle brackets. */
  readonly sender?: string;
}

export interface ReceptionLogInput {
  /** Envelope sender; '' is shown as `<>`. */
  readonly sender: string;
  /** `(=` instead of `<=` (control = fakereject). */
  readonly fakeReject?: boolean;
  /** R= message reference of a locally generated bounce. */
  readonly reference?: string;
  /** The client; for local input only `ident` (the calling user, shown as U=). */
  readonly host?: LogHost;
  /** $received_protocol. */
  readonly protocol?: string;
  readonly pipelining?: PipeliningUse;
  readonly tls?: TlsLogInfo;
  readonly auth?: AuthLogInfo;
  /** PRDR was requested and used. */
  readonly prdr?: boolean;
  /** The proxy's own address on a proxied connection (PRX= with +proxy). */
  readonly proxyAddress?: string;
  /** The message came in BDAT chunks. */
  readonly chunking?: boolean;
  /** Message size in bytes. */
  readonly size: number;
  /** BODY= of MAIL: 0 none, 7 7BIT, 8 8BITMIME (M8S= with +8bitmime). */
  readonly bodyType?: 0 | 7 | 8;
  /** Domain of a verified DKIM signature (DKIM= with +dkim). */
  readonly dkimDomain?: string;
  /** Reception time (RT= with +receive_time). */
  readonly receiveTimeMs?: number;
  /** Named queue (Q=). */
  readonly queueName?: string;
  /** Message-ID header value without the angle brackets. */
  readonly messageIdHeader?: string;
  /** True when Exim created the Message-ID itself (logged as id*= with +msg_id_created). */
  readonly messageIdCreated?: boolean;
  /** Subject, already RFC 2047-decoded (T= with +subject). */
  readonly subject?: string;
  /** Unrewritten sender (from <x> with +received_sender). */
  readonly originalSender?: string;
  /** Recipients after qualification (for ... with +received_recipients). */
  readonly recipients?: readonly string[];
  /** print_topbitchars. */
  readonly printTopBitChars?: boolean;
}

/**
 * The L field (+pipelining, only when PIPELINING was advertised): `L`, then `*` or `.` when
 * PIPE_CONNECT was advertised (used / not used), then `-` when the client did not pipeline.
 * exim4 writes e.g. `L`, `L-`, `L.`, `L.-`, `L*-`.
 */
export function pipeliningField(p: PipeliningUse | undefined, sel: LogSelectors): string {
  if (!sel.has('pipelining') || p === undefined || !p.advertised) return '';
  const connect = p.connectAdvertised ? (p.connectUsed ? '*' : '.') : '';
  return ` L${connect}${p.used ? '' : '-'}`;
}

/** ` X=cipher[*] CV=.. DN=".." SNI=..` (leading space) under their selectors. */
export function tlsFields(t: TlsLogInfo | undefined, sel: LogSelectors, printTopBitChars = false): string {
  if (t === undefined) return '';
  let s = '';
  if (sel.has('tls_cipher')) s += ` X=${t.cipher}${sel.has('tls_resumption') && t.resumed ? '*' : ''}`;
  if (sel.has('tls_certificate_verified')) s += ` CV=${t.certificateVerified ?? 'no'}`;
  if (sel.has('tls_peerdn') && t.peerDn !== undefined) s += ` DN=${quotedDn(t.peerDn, { topBitChars: printTopBitChars })}`;
  if (sel.has('tls_sni') && t.sni !== undefined) s += ` SNI=${t.sni}`;
  return s;
}

/** ` A=name[:id][:sender]` for an authenticated client. */
export function authField(a: AuthLogInfo | undefined, sel: LogSelectors): string {
  if (a === undefined) return '';
  let s = ` A=${a.authenticator}`;
  if (a.id !== undefined && a.id !== '') s += `:${a.id}`;
  if (sel.has('smtp_mailauth') && a.sender !== undefined && a.sender !== '') s += `:${a.sender}`;
  return s;
}

export function receptionLine(m: ReceptionLogInput, sel: LogSelectors): string {
  const top = { topBitChars: m.printTopBitChars };
  let s = `${m.fakeReject ? '(=' : '<='} ${m.sender === '' ? '<>' : m.sender}`;
  if (m.reference !== undefined) s += ` R=${m.reference}`;
  if (m.host !== undefined) s += hostInfo(m.host, sel);
  if (m.protocol !== undefined) s += ` P=${m.protocol}`;
  s += pipeliningField(m.pipelining, sel);
  s += tlsFields(m.tls, sel, m.printTopBitChars);
  s += authField(m.auth, sel);
  if (m.prdr) s += ' PRDR';
  if (sel.has('proxy') && m.proxyAddress !== undefined) s += ` PRX=${m.proxyAddress}`;
  if (m.chunking) s += ' K';
  s += ` S=${m.size}`;
  if (sel.has('8bitmime')) s += ` M8S=${m.bodyType ?? 0}`;
  if (sel.has('dkim') && m.dkimDomain !== undefined) s += ` DKIM=${m.dkimDomain}`;
  if (sel.has('receive_time') && m.receiveTimeMs !== undefined) s += ` RT=${logDuration(m.receiveTimeMs, sel.has('millisec'))}`;
  if (m.queueName !== undefined && m.queueName !== '') s += ` Q=${m.queueName}`;
  s += messageIdField(m, sel);
  if (sel.has('subject') && m.subject !== undefined) s += ` T=${quotedField(m.subject, top)}`;
  if (sel.has('received_sender')) s += ` from <${m.originalSender ?? m.sender}>`;
  if (sel.has('received_recipients') && m.recipients !== undefined && m.recipients.length > 0) s += ` for ${m.recipients.join(' ')}`;
  return s;
}

function messageIdField(m: ReceptionLogInput, sel: LogSelectors): string {
  if (m.messageIdHeader === undefined) return '';
  if (m.messageIdCreated) return sel.has('msg_id_created') ? ` id*=${m.messageIdHeader}` : '';
  return sel.has('msg_id') ? ` id=${m.messageIdHeader}` : '';
}
