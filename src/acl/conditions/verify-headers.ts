/**
 * The header checks of `verify =`: header_syntax, header_names_ascii, not_blind. They read
 * the received message's header lines (ctx.expand.headers) and the envelope recipients
 * ($recipients). Address parsing here is the simple RFC 5322 subset these checks need.
 * Partial: failure texts are Mailwright's own where exim4 could not be asked (no -bh DATA case).
 */
import type { AclRunContext } from '../types.js';

const ADDRESS_HEADERS = ['sender', 'from', 'reply-to', 'to', 'cc', 'bcc', 'resent-sender', 'resent-from', 'resent-reply-to', 'resent-to', 'resent-cc', 'resent-bcc'];

function headers(ctx: AclRunContext): Array<{ name: string; raw: string }> {
  return ctx.expand.headers?.list() ?? [];
}

/** Split an address-list header body at commas outside quotes, angle brackets, comments and groups. */
export function splitAddressList(body: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let depth = 0;
  let angle = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      cur += ch;
      if (ch === '\\') cur += body[++i] ?? '';
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '<') angle = true;
    else if (ch === '>') angle = false;
    else if ((ch === ',' || ch === ';') && depth === 0 && !angle) {
      out.push(cur);
      cur = '';
      continue;
    } else if (ch === ':' && depth === 0 && !angle) {
      cur = ''; // group name
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((a) => a.replace(/\([^)]*\)/g, '').trim()).filter((a) => a !== '');
}

/** The addr-spec of one address (`Name <a@b>` or `a@b`), or undefined when malformed. */
export function addrSpec(address: string): string | undefined {
  const angle = /<([^<>]*)>\s*$/.exec(address);
  const spec = (angle ? angle[1]! : address).trim().replace(/^@[^:]*:/, '');
  if (spec === '' && angle) return '';
  if (/\s/.test(spec.replace(/"[^"]*"/g, '')) || spec.includes('<') || spec.includes('>')) return undefined;
  if (spec.startsWith('@') || spec.endsWith('@') || spec === '') return undefined;
  return spec;
}

/** First syntax problem in the address headers, as `header: detail`, or undefined. */
export function headerSyntaxProblem(ctx: AclRunContext, allowUnqualified: boolean): string | undefined {
  for (const h of headers(ctx)) {
    if (!ADDRESS_HEADERS.includes(h.name.toLowerCase())) continue;
    const body = h.raw.replace(/\r?\n[ \t]/g, ' ');
    for (const a of splitAddressList(body)) {
      const spec = addrSpec(a);
      if (spec === undefined) return `syntax error in '${h.name}:' header when scanning for sender: malformed address: ${a} may not follow`;
      if (spec !== '' && !spec.includes('@') && !allowUnqualified) return `syntax error in '${h.name}:' header: unqualified address not permitted: ${spec}`;
    }
  }
  return undefined;
}

export function badHeaderName(ctx: AclRunContext): string | undefined {
  for (const h of headers(ctx)) {
    if (![...h.name].every((c) => c.charCodeAt(0) >= 33 && c.charCodeAt(0) <= 126 && c !== ':')) return h.name;
  }
  return undefined;
}

/** Whether every envelope recipient appears in To:/Cc: (or Resent-To:/Resent-Cc: when present). */
export function noBlindRecipients(ctx: AclRunContext, caseless: boolean): boolean {
  const all = headers(ctx);
  const resent = all.some((h) => /^resent-(to|cc)$/i.test(h.name));
  const names = resent ? /^resent-(to|cc)$/i : /^(to|cc)$/i;
  const listed = new Set<string>();
  const norm = (a: string): string => {
    const at = a.lastIndexOf('@');
    const lp = at < 0 ? a : a.slice(0, at);
    const dom = at < 0 ? '' : a.slice(at).toLowerCase();
    return (caseless ? lp.toLowerCase() : lp) + dom;
  };
  for (const h of all.filter((x) => names.test(x.name))) {
    for (const a of splitAddressList(h.raw.replace(/\r?\n[ \t]/g, ' '))) {
      const spec = addrSpec(a);
      if (spec) listed.add(norm(spec));
    }
  }
  const recipients = (ctx.expand.vars.get('recipients')?.s ?? '').split(/,\s*/).filter((r) => r !== '');
  return recipients.every((r) => listed.has(norm(r)));
}
