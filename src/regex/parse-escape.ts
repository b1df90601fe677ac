/**
 * Backslash escapes of PCRE2 (8-bit library, non-UTF mode as Exim compiles patterns).
 */
import type { AssertKind } from './ast.js';
import { CharSet, DIGIT, HSPACE, SPACE, VSPACE, WORD } from './charset.js';
import { PCRE_ERR } from './errors.js';
import { isDigit, isHex, isWordChar, type ParseState } from './parse-state.js';

/** In non-UTF 8-bit mode a character value must fit in a byte. */
const MAX_CHAR = 0xff;

export type Escape =
  | { readonly k: 'char'; readonly code: number }
  | { readonly k: 'set'; readonly set: CharSet }
  | { readonly k: 'assert'; readonly kind: AssertKind }
  | { readonly k: 'backref'; readonly number?: number; readonly name?: string; readonly errorOffset: number }
  | { readonly k: 'raw'; readonly js: string }
  | { readonly k: 'quote' }
  | { readonly k: 'endquote' };

/** \R: CRLF as a unit, or any single vertical-space character. */
const LINE_BREAK_JS = '(?:\\r\\n|[\\n\\x0b\\f\\r\\x85\\u2028\\u2029])';

const SIMPLE_CHARS: Readonly<Record<string, number>> = { a: 7, e: 0x1b, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09 };

const SETS: Readonly<Record<string, CharSet>> = {
  d: DIGIT,
  D: DIGIT.complement(),
  w: WORD,
  W: WORD.complement(),
  s: SPACE,
  S: SPACE.complement(),
  h: HSPACE,
  H: HSPACE.complement(),
  v: VSPACE,
  V: VSPACE.complement(),
};

const ASSERTS: Readonly<Record<string, AssertKind>> = {
  b: 'word-boundary',
  B: 'not-word-boundary',
  A: 'subject-start',
  z: 'subject-end',
  Z: 'end-or-final-newline',
  G: 'match-start',
};

/** Parse the escape whose backslash is at st.pos; leaves st.pos after it. */
export function parseEscape(st: ParseState, inClass: boolean): Escape {
  const start = st.pos;
  st.pos++;
  if (st.atEnd) throw st.error(PCRE_ERR.backslashAtEnd, st.pattern.length);
  const c = st.next();
  if (c in SIMPLE_CHARS) return { k: 'char', code: SIMPLE_CHARS[c]! };
  if (c in SETS) return { k: 'set', set: SETS[c]! };
  if (c === 'Q') return { k: 'quote' };
  if (c === 'E') return { k: 'endquote' };
  if (inClass) return classOnlyEscape(st, c, start);
  if (c in ASSERTS) return { k: 'assert', kind: ASSERTS[c]! };
  if (isDigit(c) && c !== '0') return digitEscape(st, start);
  switch (c) {
    case '0':
      return { k: 'char', code: readOctal(st, 2) };
    case 'x':
      return hexEscape(st);
    case 'o':
      return octalBraceEscape(st);
    case 'c':
      return controlEscape(st);
    case 'N':
      if (st.peek() === '{' && !/^\{\d+(,\d*)?\}/.test(st.pattern.slice(st.pos))) {
        throw st.error(st.startsWith('{U+') ? PCRE_ERR.nUnicodeOnly : PCRE_ERR.unsupportedEscape, st.pos);
      }
      return { k: 'set', set: CharSet.chars('\n').complement() };
    case 'R':
      return { k: 'raw', js: LINE_BREAK_JS };
    case 'C':
      return { k: 'set', set: CharSet.chars('\n').union(CharSet.chars('\n').complement()) };
    case 'g':
      return gEscape(st, start);
    case 'k':
      return kEscape(st);
    case 'K':
      throw st.unsupported('\\K (reset match start)', start);
    case 'X':
      throw st.unsupported('\\X (extended grapheme cluster)', start);
    case 'p':
    case 'P':
      throw propertyEscape(st, c, start);
    case 'L':
    case 'l':
    case 'U':
    case 'u':
      throw st.error(PCRE_ERR.unsupportedEscape, st.pos);
  }
  if (isWordChar(c)) throw st.error(PCRE_ERR.unrecognizedEscape, st.pos - 1);
  return { k: 'char', code: c.charCodeAt(0) };
}

function classOnlyEscape(st: ParseState, c: string, start: number): Escape {
  if (c === 'b') return { k: 'char', code: 8 };
  if (c >= '0' && c <= '7') {
    st.pos--;
    return { k: 'char', code: readOctal(st, 3) };
  }
  switch (c) {
    case 'x':
      return hexEscape(st);
    case 'o':
      return octalBraceEscape(st);
    case 'c':
      return controlEscape(st);
    case 'N':
      throw st.error(PCRE_ERR.nInClass, st.pos);
    case 'R':
    case 'B':
    case 'X':
    case 'A':
    case 'z':
    case 'Z':
    case 'G':
    case 'K':
    case 'g':
    case 'k':
      throw st.error(PCRE_ERR.invalidInClass, st.pos - 1);
    case 'p':
    case 'P':
      throw propertyEscape(st, c, start);
    case 'L':
    case 'l':
    case 'U':
    case 'u':
      throw st.error(PCRE_ERR.unsupportedEscape, st.pos);
  }
  if (isWordChar(c) && !isDigit(c)) throw st.error(PCRE_ERR.unrecognizedEscape, st.pos - 1);
  return { k: 'char', code: c.charCodeAt(0) };
}

const GENERAL_CATEGORIES = new Set(
  'C Cc Cf Cn Co Cs L L& Lc Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs Any Xan Xps Xsp Xwd Xuc'.split(' '),
);

/** \p / \P: PCRE's errors for malformed or unknown names; known ones are beyond the translation. */
function propertyEscape(st: ParseState, c: string, start: number): Error {
  let name: string;
  if (st.peek() === '{') {
    const close = st.pattern.indexOf('}', st.pos);
    if (close < 0) return st.error(PCRE_ERR.malformedProperty, st.pattern.length);
    name = st.pattern.slice(st.pos + 1, close).replace(/^\^/, '');
    st.pos = close + 1;
  } else {
    if (st.atEnd) return st.error(PCRE_ERR.malformedProperty, st.pos);
    name = st.next();
  }
  const normal = name.replace(/[\s_-]/g, '').toLowerCase();
  const known = [...GENERAL_CATEGORIES].some((g) => g.toLowerCase() === normal) || /^[a-z]{4,}$/.test(normal);
  if (!known) return st.error(PCRE_ERR.unknownProperty, st.pos);
  return st.unsupported(`\\${c} (Unicode property)`, start);
}

/** \1..\9 and multi-digit forms: a backreference, or an octal character when no such group can exist. */
function digitEscape(st: ParseState, start: number): Escape {
  let digits = st.pattern[start + 1]!;
  while (isDigit(st.peek())) digits += st.next();
  const n = Number(digits);
  if (n < 10 || digits[0] === '8' || digits[0] === '9' || n <= st.totalGroupsEstimate) {
    return { k: 'backref', number: n, errorOffset: start + 1 };
  }
  st.pos = start + 1;
  return { k: 'char', code: readOctal(st, 3) };
}

function readOctal(st: ParseState, maxDigits: number): number {
  let v = 0;
  for (let i = 0; i < maxDigits && st.peek() >= '0' && st.peek() <= '7'; i++) v = v * 8 + Number(st.next());
  return v & 0xff;
}

function hexEscape(st: ParseState): Escape {
  if (st.peek() === '{') {
    const close = st.pattern.indexOf('}', st.pos);
    const body = close < 0 ? '' : st.pattern.slice(st.pos + 1, close);
    if (close >= 0 && /^[0-9a-fA-F]+$/.test(body)) {
      st.pos = close + 1;
      const v = parseInt(body, 16);
      if (v > MAX_CHAR) throw st.error(PCRE_ERR.codeTooLarge, close);
      return { k: 'char', code: v };
    }
    if (close >= 0 && body.length > 0 && isHex(body[0]!)) {
      let i = st.pos + 1;
      while (isHex(st.pattern[i] ?? '')) i++;
      throw st.error(PCRE_ERR.nonHexInBraces, i);
    }
    if (close >= 0 && body.length > 0) throw st.error(PCRE_ERR.nonHexInBraces, st.pos + 1);
    // "\x{" not followed by hex digits and "}" is \x (NUL) followed by a literal "{" in PCRE2.
    return { k: 'char', code: 0 };
  }
  let v = 0;
  for (let i = 0; i < 2 && isHex(st.peek()); i++) v = v * 16 + parseInt(st.next(), 16);
  return { k: 'char', code: v };
}

function octalBraceEscape(st: ParseState): Escape {
  if (st.peek() !== '{') throw st.error(PCRE_ERR.oMissingBrace, st.pos);
  st.pos++;
  const digitsStart = st.pos;
  let v = 0;
  while (st.peek() >= '0' && st.peek() <= '7') v = v * 8 + Number(st.next());
  if (st.pos === digitsStart) throw st.error(PCRE_ERR.digitsMissing, st.pos);
  if (st.peek() !== '}') throw st.error(PCRE_ERR.nonOctalInBraces, st.pos);
  if (v > MAX_CHAR) throw st.error(PCRE_ERR.codeTooLarge, st.pos);
  st.pos++;
  return { k: 'char', code: v };
}

function controlEscape(st: ParseState): Escape {
  if (st.atEnd) throw st.error(PCRE_ERR.cAtEnd, st.pos);
  const ch = st.next();
  const code = ch.charCodeAt(0);
  if (code < 32 || code > 126) throw st.error('\\c must be followed by a printable ASCII character', st.pos - 1);
  return { k: 'char', code: ch.toUpperCase().charCodeAt(0) ^ 0x40 };
}

/** \gN, \g{N}, \g{-N}, \g-N, \g{name}; \g<...> and \g'...' are subroutine calls. */
function gEscape(st: ParseState, start: number): Escape {
  const c = st.peek();
  if (c === '<' || c === "'") throw st.unsupported('subroutine call \\g<...>', start);
  let text: string;
  if (c === '{') {
    const close = st.pattern.indexOf('}', st.pos);
    if (close < 0) throw st.error(PCRE_ERR.gSyntax, st.pos);
    text = st.pattern.slice(st.pos + 1, close);
    st.pos = close + 1;
  } else {
    const m = /^[+-]?\d+/.exec(st.pattern.slice(st.pos));
    if (!m) throw st.error(PCRE_ERR.gSyntax, st.pos);
    text = m[0];
    st.pos += text.length;
  }
  if (/^-\d+$/.test(text)) {
    const rel = Number(text.slice(1));
    const n = st.groupCount - rel + 1;
    if (rel === 0 || n <= 0) throw st.error(PCRE_ERR.noSuchGroup, start + 2);
    return { k: 'backref', number: n, errorOffset: start + 2 };
  }
  if (/^\+?\d+$/.test(text)) {
    const n = Number(text);
    if (n === 0) throw st.error(PCRE_ERR.groupZero, start + 2);
    return { k: 'backref', number: n, errorOffset: start + 2 };
  }
  if (/^\w+$/.test(text) && !isDigit(text[0]!)) return { k: 'backref', name: text, errorOffset: start + 3 };
  throw st.error(PCRE_ERR.gSyntax, start + 2);
}

/** \k<name>, \k'name', \k{name}. */
function kEscape(st: ParseState): Escape {
  const open = st.peek();
  const close = open === '<' ? '>' : open === "'" ? "'" : open === '{' ? '}' : '';
  if (!close) throw st.error(PCRE_ERR.kSyntax, st.pos);
  st.pos++;
  const nameStart = st.pos;
  const name = readGroupName(st, close);
  return { k: 'backref', name, errorOffset: nameStart };
}

/** Read a group name up to its terminator (consumed), with PCRE's errors. */
export function readGroupName(st: ParseState, terminator: string): string {
  const start = st.pos;
  if (isDigit(st.peek())) throw st.error(PCRE_ERR.nameStartsWithDigit, start);
  while (isWordChar(st.peek())) st.pos++;
  const name = st.pattern.slice(start, st.pos);
  if (name.length > 32) throw st.error('subpattern name is too long (maximum 32 code units)', st.pos);
  if (st.peek() !== terminator) {
    if (name.length === 0) throw st.error(PCRE_ERR.nameExpected, start);
    throw st.error(PCRE_ERR.nameSyntax, st.pos);
  }
  if (name.length === 0) throw st.error(PCRE_ERR.nameExpected, start);
  st.pos++;
  return name;
}
