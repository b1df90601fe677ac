/**
 * A received message in memory: header lines split from the body (LF line endings, as Exim
 * stores them), the header flags of the spool format, and the fix-ups Exim applies (Received:
 * always; Message-ID, Date, From for local submissions unless suppress_local_fixups).
 */
import { byteLength } from '../../expand/operators/bytes.js';
import { ExpandError, type ExpandContext, type HeaderSource } from '../../expand/types.js';
import type { SpoolHeader } from '../../spool/types.js';
import { stringToBytes } from '../../expand/operators/bytes.js';

export interface ParsedMessage {
  headers: SpoolHeader[];
  /** Body bytes (latin1 string, LF line endings). */
  body: string;
  /** Body line count (for -body_linecount). */
  bodyLines: number;
  /** Longest line received (headers and body), in bytes without the line ending: -max_received_linelength. */
  maxLineLength: number;
}

const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

/** Split message text (LF endings) into headers and body as Exim does. */
export function parseMessage(text: string): ParsedMessage {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const headers: SpoolHeader[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') {
      i++;
      break;
    }
    if ((line[0] === ' ' || line[0] === '\t') && headers.length > 0) {
      const last = headers.pop()!;
      headers.push({ type: last.type, text: `${last.text}${line}\n` });
      continue;
    }
    if (!HEADER_NAME.test(line)) break;
    headers.push({ type: headerType(line), text: `${line}\n` });
  }
  const bodyLines = lines.slice(i);
  const body = bodyLines.length === 0 ? '' : bodyLines.join('\n') + '\n';
  const maxLineLength = lines.reduce((max, l) => Math.max(max, byteLength(l)), 0);
  return { headers, body, bodyLines: bodyLines.length, maxLineLength };
}

/** Exim's spool header flags by header name. */
/** Resent- forms that exim4 flags like the plain header (Resent-To is T, and so on). */
const RESENT_TYPED = new Set(['sender', 'cc', 'to', 'bcc', 'message-id', 'from']);

export function headerType(text: string): string {
  let name = text.slice(0, text.indexOf(':')).trim().toLowerCase();
  if (name.startsWith('resent-') && RESENT_TYPED.has(name.slice(7))) name = name.slice(7);
  switch (name) {
    case 'received': return 'P';
    case 'to': return 'T';
    case 'cc': return 'C';
    case 'bcc': return 'B';
    case 'from': return 'F';
    case 'message-id': return 'I';
    case 'sender': return 'S';
    case 'reply-to': return 'R';
    case 'date': return ' ';
    default: return ' ';
  }
}

export function hasHeader(headers: readonly SpoolHeader[], name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some((h) => h.type !== '*' && h.text.slice(0, h.text.indexOf(':')).trim().toLowerCase() === lower);
}

export function countHeaders(headers: readonly SpoolHeader[], name: string): number {
  const lower = name.toLowerCase();
  return headers.filter((h) => h.type !== '*' && h.text.slice(0, h.text.indexOf(':')).trim().toLowerCase() === lower).length;
}

/** Value of the first header of that name (unfolded, trimmed), for the log's id= field. */
export function headerValue(headers: readonly SpoolHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  const h = headers.find((x) => x.type !== '*' && x.text.slice(0, x.text.indexOf(':')).trim().toLowerCase() === lower);
  if (!h) return undefined;
  return h.text.slice(h.text.indexOf(':') + 1).replace(/\n[ \t]/g, ' ').trim();
}

/** Bytes of a header line in the project's string form. */
function headerByteLength(text: string): number {
  return /^[\x00-\x7f]*$/.test(text) ? text.length : stringToBytes(text).length;
}

/** Size as Exim counts it for S=: headers plus the separating blank line plus body. */
export function messageSize(m: ParsedMessage): number {
  const headerBytes = m.headers.filter((h) => h.type !== '*').reduce((n, h) => n + headerByteLength(h.text), 0);
  return headerBytes + 1 + Buffer.byteLength(m.body, 'latin1');
}

/** Expose headers to the expander ($h_...). */
export function headerSource(headers: readonly SpoolHeader[]): HeaderSource {
  return {
    list() {
      return headers
        .filter((h) => h.type !== '*')
        .map((h) => {
          const colon = h.text.indexOf(':');
          return { name: h.text.slice(0, colon), raw: h.text.slice(colon + 1).replace(/\n$/, '') };
        });
    },
  };
}

/** RFC 5322 date as Exim's $tod_full: "Mon, 23 Nov 2026 16:47:31 +0000". */
export function rfc822Date(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone = `${off >= 0 ? '+' : '-'}${p(Math.floor(Math.abs(off) / 60))}${p(Math.abs(off) % 60)}`;
  return `${days[d.getDay()]}, ${p(d.getDate())} ${months[d.getMonth()]} ${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${zone}`;
}

/**
 * The Received: header every receiver adds (SMTP, local submission, generated messages):
 * received_header_text expanded in `ctx`, then `;` and the date. A failed expansion gives a bare
 * "Received: " as in Exim; `onError` gets the failure text (for the panic log).
 */
export async function receivedHeader(raw: string | undefined, ctx: ExpandContext, now: Date, onError?: (message: string) => void): Promise<SpoolHeader> {
  let text = '';
  try {
    if (raw !== undefined) text = (await ctx.services.expand(raw, ctx)).s;
  } catch (e) {
    if (!(e instanceof ExpandError)) throw e;
    onError?.(e.message);
    text = 'Received: ';
  }
  return { type: 'P', text: `${text};\n\t${rfc822Date(now)}\n` };
}
