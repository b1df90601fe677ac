/**
 * Parsing of the address operand of MAIL FROM / RCPT TO / VRFY the way Exim's SMTP receiver
 * does it: optional angle brackets, a source route that is dropped, a dot-atom or quoted local
 * part and a domain. Failures carry Exim's wording (the caller prefixes the operand).
 */

export type AddressResult =
  | { readonly ok: true; readonly address: string; readonly localPart: string; readonly domain: string }
  | { readonly ok: false; readonly error: string };

export interface AddressParseOptions {
  readonly allowDomainLiterals?: boolean;
  /** Allow the empty address `<>` (MAIL FROM). */
  readonly allowEmpty?: boolean;
}

const ATEXT = /[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\uffff]/;
const DOMAIN_CHAR = /[A-Za-z0-9\-_\u0080-\uffff]/;

class Cursor {
  pos = 0;
  constructor(readonly s: string) {}
  peek(): string {
    return this.s[this.pos] ?? '';
  }
  skipWs(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  atEnd(): boolean {
    return this.pos >= this.s.length;
  }
}

export function parseSmtpAddress(operand: string, opts: AddressParseOptions = {}): AddressResult {
  const c = new Cursor(operand);
  c.skipWs();
  const bracketed = c.peek() === '<';
  if (bracketed) {
    c.pos++;
    c.skipWs();
    if (c.peek() === '>') {
      c.pos++;
      const rest = trailing(c);
      if (rest) return rest;
      return opts.allowEmpty ? { ok: true, address: '', localPart: '', domain: '' } : { ok: false, error: 'missing or malformed local part' };
    }
    skipSourceRoute(c);
  }
  const local = readLocalPart(c);
  if (!local.ok) return local;
  let domain = '';
  if (c.peek() === '@') {
    c.pos++;
    const d = readDomain(c, opts);
    if (!d.ok) return d;
    domain = d.domain;
  }
  if (bracketed) {
    c.skipWs();
    if (c.atEnd()) return { ok: false, error: "'>' missing at end of address" };
    if (c.peek() !== '>') return { ok: false, error: `">" expected after "${operand.slice(operand.indexOf('<') + 1, c.pos).trimStart()}"` };
    c.pos++;
  }
  const rest = trailing(c);
  if (rest) return rest;
  const address = domain === '' ? local.text : `${local.text}@${domain}`;
  return { ok: true, address, localPart: local.text, domain };
}

/** Anything after the address is an error naming it and what precedes it. */
function trailing(c: Cursor): AddressResult | undefined {
  const before = c.s.slice(0, c.pos);
  c.skipWs();
  if (c.atEnd()) return undefined;
  const after = c.s.slice(c.pos, c.pos + 32);
  return { ok: false, error: `malformed address: ${after} may not follow ${before.trimStart()}${c.s.slice(before.length, c.pos)}` };
}

/** `@a,@b:` before the real address is legal in SMTP and ignored. */
function skipSourceRoute(c: Cursor): void {
  if (c.peek() !== '@') return;
  const colon = c.s.indexOf(':', c.pos);
  if (colon >= 0 && /^@[^<>:]*$/.test(c.s.slice(c.pos, colon))) c.pos = colon + 1;
}

function readLocalPart(c: Cursor): { ok: true; text: string } | { ok: false; error: string } {
  let text = '';
  for (;;) {
    if (c.peek() === '"') {
      const start = c.pos;
      c.pos++;
      while (!c.atEnd() && c.peek() !== '"') {
        if (c.peek() === '\\') c.pos++;
        c.pos++;
      }
      if (c.atEnd()) return { ok: false, error: 'unmatched doublequote in local part' };
      c.pos++;
      text += c.s.slice(start, c.pos);
    } else {
      const start = c.pos;
      while (ATEXT.test(c.peek()) && c.peek() !== '') c.pos++;
      if (c.pos === start) return { ok: false, error: text === '' ? 'missing or malformed local part' : `malformed local part` };
      text += c.s.slice(start, c.pos);
    }
    if (c.peek() !== '.') break;
    text += '.';
    c.pos++;
  }
  const next = c.peek();
  if (next !== '' && next !== '@' && next !== '>' && next !== ' ' && next !== '\t') {
    return { ok: false, error: `"@" or "." expected after "${text}"` };
  }
  if ((next === ' ' || next === '\t') && !/^\s*(>|$)/.test(c.s.slice(c.pos))) {
    return { ok: false, error: `"@" or "." expected after "${text}"` };
  }
  return { ok: true, text };
}

function readDomain(c: Cursor, opts: AddressParseOptions): { ok: true; domain: string } | { ok: false; error: string } {
  if (c.peek() === '[') {
    const end = c.s.indexOf(']', c.pos);
    if (!opts.allowDomainLiterals) return { ok: false, error: 'domain literals not allowed' };
    if (end < 0) return { ok: false, error: 'domain missing or malformed' };
    const lit = c.s.slice(c.pos, end + 1);
    c.pos = end + 1;
    return { ok: true, domain: lit };
  }
  const start = c.pos;
  for (;;) {
    const labelStart = c.pos;
    while (c.peek() !== '' && DOMAIN_CHAR.test(c.peek())) c.pos++;
    if (c.pos === labelStart) return { ok: false, error: 'domain missing or malformed' };
    if (c.peek() !== '.') break;
    c.pos++;
  }
  return { ok: true, domain: c.s.slice(start, c.pos) };
}
