/**
 * Renders a spooled message as a transport delivers it (Exim's transport_write_message): the
 * Return-path / Envelope-to / Delivery-date headers when asked for, the spool's live headers
 * minus headers_remove, plus the headers routers and the transport add, then the body; with the
 * line-ending, dot-stuffing and check_string/escape_string framing the transport needs.
 * Header texts in `addHeaders` must already be expanded by the caller.
 */
import type { SpoolHeader } from '../spool/types.js';

export interface WriteMessageOptions {
  /** Header lines to prepend: Return-path etc., each without the final newline. */
  readonly prependHeaders?: readonly string[];
  /** Header names (case-insensitive; a trailing `*` matches a prefix) to drop. */
  readonly removeHeaders?: readonly string[];
  /** Header texts to append after the existing ones (may hold several lines separated by \n). */
  readonly addHeaders?: readonly string[];
  readonly headersOnly?: boolean;
  readonly bodyOnly?: boolean;
  /** CRLF line ends (SMTP, use_crlf). */
  readonly crlf?: boolean;
  /** SMTP dot-stuffing: a line starting with `.` gets another `.`. */
  readonly dotStuff?: boolean;
  /** check_string / escape_string: a line starting with check gets escape instead (mbox `From `). */
  readonly checkString?: string;
  readonly escapeString?: string;
}

/** Whether a header (full text "Name: value...") is named by one of the remove patterns. */
export function headerNamedIn(text: string, patterns: readonly string[]): boolean {
  const colon = text.indexOf(':');
  const name = (colon < 0 ? text : text.slice(0, colon)).trim().toLowerCase();
  return patterns.some((p) => {
    const q = p.trim().toLowerCase().replace(/:$/, '');
    return q.endsWith('*') ? name.startsWith(q.slice(0, -1)) : name === q;
  });
}

/** The header section as delivered, LF line ends, each header ending with "\n". */
export function renderHeaders(headers: readonly SpoolHeader[], opts: WriteMessageOptions): string {
  const out: string[] = [];
  for (const h of opts.prependHeaders ?? []) out.push(withNewline(h));
  const remove = opts.removeHeaders ?? [];
  for (const h of headers) {
    if (h.type === '*') continue;
    if (remove.length > 0 && headerNamedIn(h.text, remove)) continue;
    out.push(withNewline(h.text));
  }
  for (const add of opts.addHeaders ?? []) {
    if (add.trim() === '') continue;
    out.push(withNewline(add));
  }
  return out.join('');
}

function withNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}

/** The message text as the transport writes it (without any SMTP terminating dot). */
export function writeMessage(headers: readonly SpoolHeader[], body: Buffer, opts: WriteMessageOptions = {}): Buffer {
  const parts: Buffer[] = [];
  if (!opts.bodyOnly) {
    parts.push(Buffer.from(renderHeaders(headers, opts), 'utf8'));
    // The blank line ends the header section with headers_only too (exim4 writes it).
    parts.push(Buffer.from('\n'));
  }
  if (!opts.headersOnly) parts.push(body);
  return frame(Buffer.concat(parts), opts);
}

/** Applies line ends, dot-stuffing and check/escape strings line by line. */
export function frame(text: Buffer, opts: WriteMessageOptions): Buffer {
  const check = opts.checkString ? Buffer.from(opts.checkString, 'latin1') : undefined;
  const escape = Buffer.from(opts.escapeString ?? '', 'latin1');
  if (!opts.crlf && !opts.dotStuff && !check) return text;
  const out: Buffer[] = [];
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf(0x0a, start);
    const last = nl < 0;
    if (last) nl = text.length;
    let line = text.subarray(start, nl);
    if (opts.crlf && line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    if (opts.dotStuff && line[0] === 0x2e) out.push(Buffer.from('.'));
    if (check && line.subarray(0, check.length).equals(check)) {
      out.push(escape, line.subarray(check.length));
    } else {
      out.push(line);
    }
    if (!last) out.push(Buffer.from(opts.crlf ? '\r\n' : '\n'));
    start = nl + 1;
  }
  return Buffer.concat(out);
}
