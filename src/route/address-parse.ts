/**
 * Extracting one address from RFC 2822 text the way Exim does for -bt/-bv arguments and
 * redirection items: `phrase <addr>` or a bare addr-spec, comments in parentheses dropped, a
 * dot-separated local part of atoms and quoted strings (Exim is lax about empty atoms), and
 * a dotted domain or a domain literal. Failures carry Exim's wording.
 */

export type ExtractResult =
  | { readonly ok: true; readonly address: string; readonly localPart: string; readonly domain: string }
  | { readonly ok: false; readonly error: string };

const SPECIALS = '()<>@,;:\\".[]';

function isAtomChar(c: string): boolean {
  return c > ' ' && c !== '\x7f' && !SPECIALS.includes(c);
}

/** The text with (comments) removed and runs of white space kept, quotes respected. */
function stripComments(text: string): string | { error: string } {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (depth === 0 && c === '"') {
      const end = closingQuote(text, i);
      if (end < 0) return { error: 'unmatched doublequote in local part' };
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) {
      depth--;
      if (depth === 0) out += ' ';
    } else if (c === '\\' && depth > 0) i++;
    else if (depth === 0) out += c;
  }
  return out;
}

function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

class Scan {
  pos = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos]!)) this.pos++;
  }
  peek(): string {
    return this.s[this.pos] ?? '';
  }
}

/** A dot-separated local part; undefined when it does not start with a word. */
function readLocalPart(sc: Scan): string | undefined {
  let text = '';
  let words = 0;
  for (;;) {
    sc.ws();
    const c = sc.peek();
    if (c === '"') {
      const end = closingQuote(sc.s, sc.pos);
      if (end < 0) return undefined;
      text += sc.s.slice(sc.pos, end + 1);
      sc.pos = end + 1;
      words++;
    } else if (isAtomChar(c)) {
      const start = sc.pos;
      while (isAtomChar(sc.peek())) sc.pos++;
      text += sc.s.slice(start, sc.pos);
      words++;
    }
    const save = sc.pos;
    sc.ws();
    if (sc.peek() !== '.') {
      sc.pos = save;
      break;
    }
    sc.pos++;
    text += '.';
  }
  return words === 0 ? undefined : text;
}

function readDomain(sc: Scan): string | undefined {
  sc.ws();
  if (sc.peek() === '[') {
    const end = sc.s.indexOf(']', sc.pos);
    if (end < 0) return undefined;
    const lit = sc.s.slice(sc.pos, end + 1);
    sc.pos = end + 1;
    return lit;
  }
  const labels: string[] = [];
  for (;;) {
    sc.ws();
    const start = sc.pos;
    while (isAtomChar(sc.peek())) sc.pos++;
    if (sc.pos === start) return undefined;
    labels.push(sc.s.slice(start, sc.pos));
    const save = sc.pos;
    sc.ws();
    if (sc.peek() !== '.') {
      sc.pos = save;
      return labels.join('.');
    }
    sc.pos++;
  }
}

/** addr-spec at the scanner: local part and optional domain. */
function readAddrSpec(sc: Scan): ExtractResult {
  sc.ws();
  if (sc.peek() === '@') return { ok: false, error: 'no local part' };
  const local = readLocalPart(sc);
  if (local === undefined) return { ok: false, error: 'missing or malformed local part (expected word or "<")' };
  sc.ws();
  if (sc.peek() !== '@') return { ok: true, address: local, localPart: local, domain: '' };
  sc.pos++;
  const domain = readDomain(sc);
  if (domain === undefined) return { ok: false, error: 'domain missing or malformed' };
  return { ok: true, address: `${local}@${domain}`, localPart: local, domain };
}

/** Skip a source route (`@a,@b:`) inside angle brackets. */
function skipRoute(sc: Scan): void {
  sc.ws();
  if (sc.peek() !== '@') return;
  const colon = sc.s.indexOf(':', sc.pos);
  if (colon > 0 && !sc.s.slice(sc.pos, colon).includes('>')) sc.pos = colon + 1;
}

/** Extract the address from `text` (qualification is the caller's business). */
export function extractAddress(text: string): ExtractResult {
  const stripped = stripComments(text);
  if (typeof stripped !== 'string') return { ok: false, error: stripped.error };
  const sc = new Scan(stripped);
  sc.ws();
  if (sc.pos >= sc.s.length) return { ok: false, error: 'empty address' };
  const lt = angleStart(stripped);
  let result: ExtractResult;
  if (lt >= 0) {
    sc.pos = lt + 1;
    skipRoute(sc);
    result = readAddrSpec(sc);
    if (!result.ok) return result;
    sc.ws();
    if (sc.peek() !== '>') return { ok: false, error: "'>' missing at end of address" };
    sc.pos++;
  } else {
    result = readAddrSpec(sc);
    if (!result.ok) return result;
  }
  const consumed = sc.pos;
  sc.ws();
  // A word after a bare local part would have been a phrase needing `<addr>`.
  if (sc.pos < sc.s.length && lt < 0 && result.domain === '') return { ok: false, error: 'missing or malformed local part (expected word or "<")' };
  if (sc.pos < sc.s.length) {
    return { ok: false, error: `malformed address: ${sc.s.slice(sc.pos, sc.pos + 32)} may not follow ${sc.s.slice(0, consumed).trimStart()}${sc.s.slice(consumed, sc.pos)}` };
  }
  return result;
}

/** Position of a `<` that starts a route-addr (outside quotes), or -1. */
function angleStart(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') {
      const end = closingQuote(text, i);
      if (end < 0) return -1;
      i = end;
    } else if (text[i] === '<') return i;
  }
  return -1;
}

/**
 * Split a comma-separated list of addresses (an -bt argument may hold several), respecting
 * quotes, angle brackets and comments.
 */
export function splitAddressList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let angle = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = closingQuote(text, i);
      if (end >= 0) i = end;
    } else if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === '<' && depth === 0) angle = true;
    else if (c === '>' && depth === 0) angle = false;
    else if (c === ',' && depth === 0 && !angle) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items;
}
