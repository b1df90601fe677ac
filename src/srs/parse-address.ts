/**
 * The address parsing ${srs_encode} applies to its return-path argument: Exim's general
 * RFC 2822 extraction (display names, comments, angle brackets and source routes allowed,
 * domain literals allowed, Exim's relaxed dots in local parts), reduced to local part and
 * domain, with Exim's error texts when the text is not an address. The local part keeps any
 * double quotes as written; comments and white space between tokens are dropped.
 * Behaviour and messages were taken from exim4 -be runs (test/fixtures/srs/native-parse.json).
 */
import { SrsAddressError } from './errors.js';

export interface ExtractedAddress {
  readonly localPart: string;
  /** Empty when the text had no domain. */
  readonly domain: string;
}

/** RFC 2822 specials: they end an atom. */
const SPECIALS = '()<>@,;:\\".[]';

const isAtomChar = (c: string): boolean => c > ' ' && c !== '\x7f' && !SPECIALS.includes(c);
const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);
const isLabelChar = (c: string): boolean => /^[A-Za-z0-9-]$/.test(c);

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Skip white space and (nested) comments. */
  skipCfws(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '(') this.skipComment();
      else return;
    }
  }

  private skipComment(): void {
    let depth = 0;
    while (!this.atEnd) {
      const c = this.text[this.pos++]!;
      if (c === '\\') this.pos++;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return;
    }
  }
}

/** A quoted string as written (quotes and backslashes kept); null when it never closes. */
function readQuoted(cur: Cursor): string | null {
  const start = cur.pos++;
  while (!cur.atEnd && cur.peek() !== '"') cur.pos += cur.peek() === '\\' ? 2 : 1;
  if (cur.atEnd) return null;
  cur.pos++;
  return cur.text.slice(start, cur.pos);
}

/** An atom, backslash escapes included; '' when none starts here. */
function readAtom(cur: Cursor): string {
  const start = cur.pos;
  for (;;) {
    const c = cur.peek();
    if (c === '\\' && cur.pos + 1 < cur.text.length) cur.pos += 2;
    else if (c !== '' && isAtomChar(c)) cur.pos++;
    else break;
  }
  return cur.text.slice(start, cur.pos);
}

/** Words joined by dots (empty words allowed, as Exim's relaxed parser does). */
function readLocalPart(cur: Cursor): string {
  let out = '';
  for (;;) {
    cur.skipCfws();
    if (cur.peek() === '"') {
      const q = readQuoted(cur);
      if (q === null) throw new SrsAddressError('unmatched doublequote in local part');
      out += q;
    } else {
      out += readAtom(cur);
    }
    cur.skipCfws();
    if (cur.peek() !== '.') return out;
    cur.pos++;
    out += '.';
  }
}

function readDomain(cur: Cursor): string {
  cur.skipCfws();
  if (cur.peek() === '[') {
    const end = cur.text.indexOf(']', cur.pos);
    if (end < 0) throw new SrsAddressError('malformed domain literal');
    const literal = cur.text.slice(cur.pos, end + 1);
    cur.pos = end + 1;
    return literal;
  }
  const labels: string[] = [];
  for (;;) {
    cur.skipCfws();
    const start = cur.pos;
    if (!isAlnum(cur.peek())) throw new SrsAddressError('domain missing or malformed');
    while (isLabelChar(cur.peek())) cur.pos++;
    labels.push(cur.text.slice(start, cur.pos));
    cur.skipCfws();
    if (cur.peek() !== '.') return labels.join('.');
    cur.pos++;
  }
}

/** `@a,@b:` before the local part; throws when no ':' ends it. */
function skipSourceRoute(cur: Cursor): void {
  for (;;) {
    cur.pos++; // the '@'
    readDomain(cur);
    cur.skipCfws();
    if (cur.peek() === ',') {
      cur.pos++;
      cur.skipCfws();
      if (cur.peek() === '@') continue;
    }
    if (cur.peek() !== ':') throw new SrsAddressError('no local part');
    cur.pos++;
    return;
  }
}

/** `<[route:]local@domain>`, the cursor on the '<'; `start` is where the whole text began. */
function readAngleAddress(cur: Cursor, start: number): ExtractedAddress {
  cur.pos++;
  cur.skipCfws();
  const routed = cur.peek() === '@';
  if (routed) skipSourceRoute(cur);
  const localPart = readLocalPart(cur);
  if (localPart === '') throw new SrsAddressError('missing or malformed local part');
  let domain = '';
  if (cur.peek() === '@') {
    cur.pos++;
    domain = readDomain(cur);
  } else if (routed) {
    throw new SrsAddressError('domain missing in source-routed address');
  } else if (cur.peek() !== '>' && !cur.atEnd) {
    throw new SrsAddressError(`"@" or "." expected after "${localPart}"`);
  }
  cur.skipCfws();
  if (cur.atEnd) throw new SrsAddressError("'>' missing at end of address");
  if (cur.peek() !== '>') throw followError(cur, start);
  cur.pos++;
  return { localPart, domain };
}

/** Display-name words before '<'; throws Exim's message when no '<' follows. */
function skipPhrase(cur: Cursor): void {
  for (;;) {
    cur.skipCfws();
    const c = cur.peek();
    if (c === '<') return;
    if (c === '"') {
      if (readQuoted(cur) === null) break;
    } else if (c === '.') {
      cur.pos++;
    } else if (readAtom(cur) === '') {
      break;
    }
  }
  throw new SrsAddressError('missing or malformed local part (expected word or "<")');
}

function followError(cur: Cursor, start: number): SrsAddressError {
  const rest = cur.text.slice(cur.pos, cur.pos + 32);
  return new SrsAddressError(`malformed address: ${rest} may not follow ${cur.text.slice(start, cur.pos)}`);
}

function checkNothingFollows(cur: Cursor, start: number): void {
  cur.skipCfws();
  if (!cur.atEnd) throw followError(cur, start);
}

/** Parse one address; throws SrsAddressError with Exim's text when it is not one. */
export function extractReturnPath(text: string): ExtractedAddress {
  const cur = new Cursor(text);
  cur.skipCfws();
  if (cur.atEnd) throw new SrsAddressError('empty address');
  const start = cur.pos;
  let result: ExtractedAddress;
  if (cur.peek() === '<') {
    result = readAngleAddress(cur, start);
  } else if (cur.peek() === '@') {
    skipSourceRoute(cur);
    result = plainAddress(cur, start) ?? { localPart: '', domain: '' };
  } else {
    result = plainAddress(cur, start) ?? phraseThenAngle(cur, start);
  }
  checkNothingFollows(cur, start);
  return result;
}

/** local[@domain] when the text is an addr-spec; undefined when it must be a display name. */
function plainAddress(cur: Cursor, start: number): ExtractedAddress | undefined {
  const localPart = readLocalPart(cur);
  if (cur.peek() === '@' && localPart !== '') {
    cur.pos++;
    return { localPart, domain: readDomain(cur) };
  }
  if (cur.atEnd && localPart !== '') return { localPart, domain: '' };
  cur.pos = start;
  return undefined;
}

function phraseThenAngle(cur: Cursor, start: number): ExtractedAddress {
  cur.pos = start;
  skipPhrase(cur);
  return readAngleAddress(cur, start);
}
