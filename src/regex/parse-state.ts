/**
 * Shared cursor and option state of the PCRE2 parser (parser.ts, parse-escape.ts, parse-class.ts).
 */
import { pcreError, notSupported } from './errors.js';
import type { RegexError } from './types.js';

/** Inline options that change how the rest of a group is parsed. */
export interface ParseOptions {
  caseless: boolean;
  multiline: boolean;
  dotall: boolean;
  /** (?x): ignore white space and #-comments outside classes. */
  extended: boolean;
  /** (?xx): additionally ignore space and tab inside classes. */
  extendedMore: boolean;
  /** (?n): plain parentheses do not capture. */
  noAutoCapture: boolean;
  /** (?U): quantifiers are lazy by default, `?` makes them greedy. */
  ungreedy: boolean;
  /** (?J): duplicate group names allowed. */
  dupNames: boolean;
}

export const defaultOptions = (caseless: boolean): ParseOptions => ({
  caseless,
  multiline: false,
  dotall: false,
  extended: false,
  extendedMore: false,
  noAutoCapture: false,
  ungreedy: false,
  dupNames: false,
});

export class ParseState {
  pos = 0;
  opts: ParseOptions;
  /** Capturing groups opened so far. */
  groupCount = 0;
  /** Capturing groups in the whole pattern (pre-scan), for the \ddd backreference-or-octal rule. */
  readonly totalGroupsEstimate: number;

  constructor(
    readonly pattern: string,
    caseless: boolean,
  ) {
    this.opts = defaultOptions(caseless);
    this.totalGroupsEstimate = countCapturingParens(pattern);
  }

  get atEnd(): boolean {
    return this.pos >= this.pattern.length;
  }

  peek(ahead = 0): string {
    return this.pattern[this.pos + ahead] ?? '';
  }

  startsWith(text: string): boolean {
    return this.pattern.startsWith(text, this.pos);
  }

  next(): string {
    return this.pattern[this.pos++] ?? '';
  }

  error(message: string, offset = this.pos): RegexError {
    return pcreError(message, this.pattern, offset);
  }

  unsupported(what: string, offset = this.pos): RegexError {
    return notSupported(what, this.pattern, offset);
  }
}

export const isDigit = (c: string): boolean => c >= '0' && c <= '9';
export const isHex = (c: string): boolean => /^[0-9a-fA-F]$/.test(c);
export const isWordChar = (c: string): boolean => /^\w$/.test(c);

/**
 * Rough count of capturing parentheses: PCRE decides whether `\12` is a backreference by
 * comparing with the number of groups in the whole pattern.
 */
function countCapturingParens(p: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (p[i + 1] === '^') i++;
      if (p[i + 1] === ']') i++;
    } else if (c === '(') {
      const rest = p.slice(i + 1, i + 4);
      if (p.slice(i - 2, i) === '(?') continue; // the condition of (?(1)...)
      if (rest[0] !== '?' && rest[0] !== '*') n++;
      else if (/^\?(<[A-Za-z_]|'|P<)/.test(rest)) n++;
    }
  }
  return n;
}
