/**
 * Expansion-string parser: text -> Seq. Parsing never throws: at the first syntax error the
 * tree is cut there and an ErrNode carries Exim's message plus the parts Exim would already
 * have expanded, so runtime errors earlier in the text win, as in Exim's one-pass expander.
 *
 * Brace rules (checked against exim4 -be): a bare `{` is literal text, a `}` ends the innermost
 * brace argument (at top level it is literal), `\` escapes, `\N...\N` is verbatim.
 */
import type { CondNode, ErrNode, HeaderKind, Node, Seq } from './ast.js';
import { parseItem } from './parse-items.js';
import { interpretEscape } from './escapes.js';
import { bytesToString, stringToBytes } from './operators/bytes.js';

/** Thrown inside the parser; caught and turned into an ErrNode. */
export class ParseFail extends Error {
  constructor(
    msg: string,
    readonly before: Array<Seq | CondNode> = [],
  ) {
    super(msg);
  }
  errNode(): ErrNode {
    return { k: 'err', msg: this.message, before: this.before };
  }
}

/**
 * Run a nested parse; a syntax error inside it gets Exim's note naming the enclosing construct
 * (e.g. ` inside "map" item`), one note per nesting level. `readSkipping`: the construct's body is
 * read in skipping mode first (map, reduce, filter, forany, forall), as Exim does.
 */
export function withContext<T>(suffix: string, fn: () => T, readSkipping = true): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof ParseFail)) throw e;
    throw new ParseFail(e.message + suffix, [[{ k: 'err', msg: e.message, before: e.before, context: suffix, contextSkips: readSkipping }]]);
  }
}

const MAX_NAME_LENGTH = 255;

const HEADER_PREFIXES: ReadonlyArray<[string, HeaderKind]> = [
  ['bheader_', 'bh'],
  ['bh_', 'bh'],
  ['rheader_', 'rh'],
  ['rh_', 'rh'],
  ['lheader_', 'lh'],
  ['lh_', 'lh'],
  ['header_', 'h'],
  ['h_', 'h'],
];

export const isAlnum = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9]$/.test(c);
export const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
export const isSpace = (c: string | undefined): boolean => c !== undefined && /^[ \t\n\r\f\v]$/.test(c);

export class Parser {
  pos = 0;
  /** Set when a header name swallowed a `}`: Exim then adds a hint to "missing }" errors. */
  headerAteBrace = false;

  constructor(readonly text: string) {}

  peek(off = 0): string | undefined {
    return this.text[this.pos + off];
  }
  rest(): string {
    return this.text.slice(this.pos);
  }
  skipWs(): void {
    while (isSpace(this.peek())) this.pos++;
  }
  /**
   * Exim's read_name: letters, digits and underscores. Exim keeps at most 255 characters of a
   * name (the rest is consumed but dropped), which shows in error messages about long names.
   */
  readName(): string {
    const start = this.pos;
    while (isAlnum(this.peek()) || this.peek() === '_') this.pos++;
    return this.text.slice(start, Math.min(this.pos, start + MAX_NAME_LENGTH));
  }

  /** Parse the whole text (top level: `}` is literal). */
  parseTop(): Seq {
    return this.parseSeq(false);
  }

  /**
   * Parse up to the closing `}` (consumed) when inBraces, else to the end of text.
   * On a syntax error the returned Seq ends with an ErrNode (when top level) or a ParseFail
   * propagates with the partial sequence in `before`.
   */
  parseSeq(inBraces: boolean): Seq {
    const nodes: Node[] = [];
    let lit = '';
    const flush = (): void => {
      if (lit) nodes.push({ k: 'lit', s: joinEscapedBytes(lit) });
      lit = '';
    };
    try {
      for (;;) {
        const c = this.peek();
        if (c === undefined) {
          if (!inBraces) break;
          const hint = this.headerAteBrace ? ' - could be header name not terminated by colon' : '';
          throw new ParseFail(`missing } at end of string${hint}`);
        }
        if (c === '}' && inBraces) {
          this.pos++;
          break;
        }
        if (c === '\\') {
          lit += this.readBackslash();
          continue;
        }
        if (c === '$') {
          flush();
          nodes.push(this.parseDollar());
          continue;
        }
        lit += c;
        this.pos++;
      }
    } catch (e) {
      if (!(e instanceof ParseFail)) throw e;
      flush();
      const partial: Seq = nodes;
      if (!inBraces) return [...partial, { k: 'err', msg: e.message, before: e.before }];
      throw new ParseFail(e.message, [...(partial.length ? [partial] : []), ...e.before]);
    }
    flush();
    return nodes;
  }

  readBackslash(): string {
    this.pos++;
    const c = this.peek();
    if (c === undefined) throw new ParseFail('\\ at end of string');
    if (c === 'N') {
      this.pos++;
      const end = this.text.indexOf('\\N', this.pos);
      const s = end < 0 ? this.text.slice(this.pos) : this.text.slice(this.pos, end);
      this.pos = end < 0 ? this.text.length : end + 2;
      return s;
    }
    const { ch, len } = interpretEscape(this.text, this.pos);
    this.pos += len;
    return ch;
  }

  private parseDollar(): Node {
    this.pos++; // the $
    const c = this.peek();
    if (c === '{') {
      this.pos++;
      return this.parseBraced();
    }
    if (isDigit(c)) {
      const start = this.pos;
      while (isDigit(this.peek())) this.pos++;
      return { k: 'num', n: Number(this.text.slice(start, this.pos)) };
    }
    if (!isAlnum(c)) throw new ParseFail('$ not followed by letter, digit, or {');
    const name = this.readName();
    const hdr = this.headerFromName(name);
    if (hdr) return hdr;
    return { k: 'var', name, braced: false };
  }

  /** `$h_name:`: the header name runs to a colon (consumed) or white space. */
  private headerFromName(name: string): Node | undefined {
    for (const [prefix, kind] of HEADER_PREFIXES) {
      if (!name.startsWith(prefix)) continue;
      this.pos -= name.length - prefix.length;
      return { k: 'hdr', kind, name: this.readHeaderName() };
    }
    return undefined;
  }

  readHeaderName(): string {
    const start = this.pos;
    while (this.pos < this.text.length && this.peek() !== ':' && !isSpace(this.peek())) this.pos++;
    const name = this.text.slice(start, this.pos);
    if (name.includes('}')) this.headerAteBrace = true;
    if (this.peek() === ':') this.pos++;
    return name;
  }

  /** After `${`: a braced variable, an item, or an operator. */
  private parseBraced(): Node {
    const c = this.peek();
    if (isDigit(c)) {
      const start = this.pos;
      while (isDigit(this.peek())) this.pos++;
      const n = Number(this.text.slice(start, this.pos));
      if (this.peek() !== '}') throw new ParseFail('} expected after number');
      this.pos++;
      return { k: 'num', n };
    }
    if (!isAlnum(c)) throw new ParseFail('letter or digit expected after ${');
    let name = this.readName();
    // `${substr_-1:...}`: a minus sign may start a numeric suffix.
    while (name.endsWith('_') && this.peek() === '-') {
      this.pos++;
      name += '-' + this.readName();
    }
    const item = parseItem(this, name);
    if (item) return item;
    if (this.peek() === '}') {
      this.pos++;
      return { k: 'var', name, braced: true };
    }
    if (this.peek() === ':') {
      this.pos++;
      return this.parseOperator(name);
    }
    throw new ParseFail(`"\${${name}" is not a known operator (or a } is missing in a variable reference)`);
  }

  private parseOperator(written: string): Node {
    const { name, params } = splitOperatorName(written);
    const subject = this.parseSeq(true);
    return { k: 'op', written, name, params, subject };
  }
}

/** Bytes written as escapes (`\xc3\xa9`) that form valid UTF-8 become the character they encode. */
function joinEscapedBytes(s: string): string {
  return /[\udc80-\udcff]/.test(s) ? bytesToString(stringToBytes(s)) : s;
}

/** `substr_1_2` -> substr + [1,2]; exact names with underscores (from_utf8, sha2_256...) are resolved by the evaluator. */
export function splitOperatorName(written: string): { name: string; params: string[] } {
  const i = written.indexOf('_');
  if (i < 0) return { name: written, params: [] };
  return { name: written.slice(0, i), params: written.slice(i + 1).split('_') };
}

const cache = new Map<string, Seq>();
const CACHE_MAX = 2000;

/**
 * Parse with a cache keyed by the text (trees are immutable). The oldest entry is dropped when
 * it is full; hits are not reordered, which would cost two more map operations per expansion.
 */
export function parseExpansion(text: string): Seq {
  const hit = cache.get(text);
  if (hit) return hit;
  const seq = new Parser(text).parseTop();
  cache.set(text, seq);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value as string);
  return seq;
}
