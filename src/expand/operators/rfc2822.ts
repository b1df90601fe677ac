/**
 * RFC 2822 address extraction as Exim's header parser does it: one address (possibly with a
 * display name, comments, a source route, or Exim's relaxed dot rules in local parts) is reduced
 * to its working address, local part and domain. Used by address/domain/local_part/addresses.
 */

export interface ParsedAddress {
  readonly localPart: string;
  /** Empty when the address has no domain. */
  readonly domain: string;
}

/** Characters that end an atom (RFC 2822 specials, space and controls). */
const SPECIALS = new Set(['(', ')', '<', '>', '[', ']', ':', ';', '@', ',', '.', '"', ' ', '\t', '\r', '\n']);
const isAtomChar = (c: string): boolean => !SPECIALS.has(c) && c.charCodeAt(0) > 0x20 && c !== '\x7f';
const DOMAIN_LABEL = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

class Failure extends Error {}

export class AddressCursor {
  pos = 0;
  constructor(readonly text: string) {}

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  fail(): never {
    throw new Failure();
  }

  /** White space and (nested, backslash-aware) comments; an unclosed comment runs to the end. */
  skipCfws(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.pos++;
      else if (c === '(') this.skipComment();
      else return;
    }
  }

  private skipComment(): void {
    let depth = 0;
    while (!this.atEnd) {
      const c = this.text[this.pos++];
      if (c === '\\') this.pos++;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return;
    }
  }

  /** A quoted string, returned with its quotes and escapes as written. */
  quotedString(): string {
    const start = this.pos++;
    while (!this.atEnd) {
      const c = this.text[this.pos++];
      if (c === '\\') this.pos++;
      else if (c === '"') return this.text.slice(start, this.pos);
    }
    return this.fail();
  }

  /** An atom; a backslash takes the next character literally. */
  atom(): string {
    const start = this.pos;
    while (!this.atEnd) {
      const c = this.peek();
      if (c === '\\' && this.pos + 1 < this.text.length) this.pos += 2;
      else if (isAtomChar(c)) this.pos++;
      else break;
    }
    return this.text.slice(start, this.pos);
  }

  /** Words and dots; dots may lead, trail or repeat, but two words need a dot between them. */
  localPart(): string {
    let out = '';
    let lastWasWord = false;
    for (;;) {
      this.skipCfws();
      const c = this.peek();
      if (c === '.') {
        out += c;
        this.pos++;
        lastWasWord = false;
        continue;
      }
      const word = c === '"' ? this.quotedString() : this.atom();
      if (word === '') break;
      if (lastWasWord) this.fail();
      out += word;
      lastWasWord = true;
    }
    if (out === '') this.fail();
    return out;
  }

  /** Either one domain literal or dot-separated labels of letters, digits and hyphens. */
  domain(): string {
    this.skipCfws();
    if (this.peek() === '[') {
      const end = this.text.indexOf(']', this.pos);
      if (end < 0) this.fail();
      const literal = this.text.slice(this.pos, end + 1);
      if (/[ \t\n\v\f\r[\\]/.test(literal.slice(1, -1))) this.fail();
      this.pos = end + 1;
      return literal;
    }
    const labels: string[] = [];
    for (;;) {
      this.skipCfws();
      const label = this.atom();
      if (!DOMAIN_LABEL.test(label)) this.fail();
      labels.push(label);
      this.skipCfws();
      if (this.peek() !== '.') return labels.join('.');
      this.pos++;
    }
  }

  addrSpec(): ParsedAddress {
    const localPart = this.localPart();
    this.skipCfws();
    if (this.peek() !== '@') return { localPart, domain: '' };
    this.pos++;
    return { localPart, domain: this.domain() };
  }

  /** Display-name words before '<' (atoms, quoted strings, dots, comments). */
  phrase(): void {
    for (;;) {
      this.skipCfws();
      const c = this.peek();
      if (c === '"') this.quotedString();
      else if (c === '.') this.pos++;
      else if (this.atom() === '') return;
    }
  }

  /** '<' [@route,@route:] addr-spec '>' — "<>" gives an empty local part. */
  routeAddr(): ParsedAddress {
    this.pos++; // '<'
    this.skipCfws();
    if (this.peek() === '>') {
      this.pos++;
      return { localPart: '', domain: '' };
    }
    if (this.peek() === '@') this.sourceRoute();
    const spec = this.addrSpec();
    this.skipCfws();
    if (this.peek() !== '>') this.fail();
    this.pos++;
    return spec;
  }

  private sourceRoute(): void {
    for (;;) {
      if (this.peek() !== '@') this.fail();
      this.pos++;
      this.domain();
      this.skipCfws();
      const c = this.text[this.pos++];
      if (c === ':') return;
      if (c !== ',') this.fail();
      this.skipCfws();
    }
  }
}

/** The index of a '<' outside quoted strings and comments, at or after `from`; -1 when none. */
export function findUnquotedAngle(text: string, from = 0): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (quoted) quoted = c !== '"';
    else if (depth > 0) depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    else if (c === '"') quoted = true;
    else if (c === '(') depth = 1;
    else if (c === '<') return i;
  }
  return -1;
}

export interface ExtractOptions {
  /** ${addresses}: a leading "name:" opens a group and ';' ends the address (rest ignored). */
  readonly allowGroup?: boolean;
}

/** The address in `text`, or undefined when it does not parse (Exim then yields ""). */
export function extractAddress(text: string, opts: ExtractOptions = {}): ParsedAddress | undefined {
  const cur = new AddressCursor(text);
  try {
    if (opts.allowGroup) skipGroupName(cur);
    cur.skipCfws();
    let result: ParsedAddress;
    if (findUnquotedAngle(text, cur.pos) >= 0) {
      cur.phrase();
      if (cur.peek() !== '<') cur.fail();
      result = cur.routeAddr();
    } else {
      result = cur.addrSpec();
    }
    cur.skipCfws();
    if (!cur.atEnd && !(opts.allowGroup && cur.peek() === ';')) cur.fail();
    return result.localPart === '' ? undefined : result;
  } catch (err) {
    if (err instanceof Failure) return undefined;
    throw err;
  }
}

/** "phrase:" at the start of an item (group syntax); leaves the cursor after the colon. */
function skipGroupName(cur: AddressCursor): void {
  const start = cur.pos;
  try {
    cur.phrase();
    if (cur.peek() === ':' && cur.pos > start) {
      cur.pos++;
      return;
    }
  } catch (err) {
    if (!(err instanceof Failure)) throw err;
  }
  cur.pos = start;
}

/** Offsets ending each list item: commas outside quotes, comments and angle brackets. */
export function splitAddressList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let angle = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (quoted) quoted = c !== '"';
    else if (depth > 0) depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    else if (c === '"') quoted = true;
    else if (c === '(') depth = 1;
    else if (c === '<') angle = true;
    else if (c === '>') angle = false;
    else if (c === ',' && !angle) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items;
}
