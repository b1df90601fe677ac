/**
 * Header expansion variables: $h_ (decoded and translated), $bh_ (decoded, no translation),
 * $rh_ (raw), $lh_ (list of raw values), plus $message_headers[_raw]. Header data comes from
 * the message, so non-empty results are tainted.
 */
import type { HeaderKind } from './ast.js';
import { EMPTY, tainted, type ExpandContext, type TStr } from './types.js';
import { decodeRfc2047 } from './rfc2047.js';

/** Headers holding address lists: Exim puts a comma between multiple instances of these. */
const ADDRESS_HEADERS = new Set([
  'from', 'to', 'cc', 'bcc', 'reply-to', 'sender',
  'resent-from', 'resent-to', 'resent-cc', 'resent-bcc', 'resent-reply-to', 'resent-sender',
]);

const trimWs = (s: string): string => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
const taintIf = (s: string): TStr => (s ? tainted(s) : EMPTY);

/** Raw values (text after the colon) of the headers called `name` (caseless). */
function matching(ctx: ExpandContext, name: string): string[] {
  const want = name.toLowerCase();
  return (ctx.headers?.list() ?? []).filter((h) => h.name.toLowerCase() === want).map((h) => h.raw);
}

export function headerExists(ctx: ExpandContext, name: string): boolean {
  return matching(ctx, name).length > 0;
}

export function headerValue(ctx: ExpandContext, kind: HeaderKind, name: string): TStr {
  const raws = matching(ctx, name);
  if (raws.length === 0) return EMPTY;
  switch (kind) {
    case 'rh':
      return taintIf(raws.map((r) => r + '\n').join(''));
    case 'lh':
      return taintIf(raws.map((r) => r.split(':').join('::')).join(':'));
    case 'bh':
    case 'h': {
      const parts = raws.map(trimWs).filter((r) => r !== '').map((r) => decodeRfc2047(r, kind === 'h'));
      const sep = ADDRESS_HEADERS.has(name.toLowerCase()) ? ',\n' : '\n';
      return taintIf(parts.join(sep));
    }
  }
}

/** $message_headers (decoded like $bh_, trailing space removed) or $message_headers_raw. */
export function headersVariable(ctx: ExpandContext, raw: boolean): TStr {
  const list = ctx.headers?.list() ?? [];
  if (raw) return taintIf(list.map((h) => `${h.name}:${h.raw}\n`).join(''));
  return taintIf(list.map((h) => `${h.name}:${decodeRfc2047(h.raw, false).replace(/[ \t\r\n]+$/, '')}`).join('\n'));
}
