/**
 * Character classes: `[...]`, `[^...]`, ranges, escapes, POSIX `[:name:]` and `[:^name:]`.
 */
import type { Node } from './ast.js';
import { CharSet, POSIX_CLASSES } from './charset.js';
import { PCRE_ERR } from './errors.js';
import { parseEscape } from './parse-escape.js';
import type { ParseState } from './parse-state.js';

/** One element read from a class: a single character (may start a range) or a whole set. */
type ClassAtom = { readonly code: number } | { readonly set: CharSet };

/** Parse a class whose '[' is at st.pos. */
export function parseClass(st: ParseState): Node {
  st.pos++;
  let negated = false;
  if (st.peek() === '^') {
    negated = true;
    st.pos++;
  }
  let set = CharSet.empty();
  let first = true;
  let quoting = false;
  for (;;) {
    if (st.atEnd) throw st.error(PCRE_ERR.missingBracket, st.pattern.length);
    const c = st.peek();
    if (quoting) {
      if (st.startsWith('\\E')) {
        st.pos += 2;
        quoting = false;
        continue;
      }
      st.pos++;
      set = set.union(rangeOrChar(st, c.charCodeAt(0), quoting));
      first = false;
      continue;
    }
    if (c === ']' && !first) {
      st.pos++;
      break;
    }
    first = false;
    if (st.opts.extendedMore && (c === ' ' || c === '\t')) {
      st.pos++;
      continue;
    }
    const atom = readClassAtom(st);
    if (atom === 'quote') {
      quoting = true;
      continue;
    }
    if (atom === null) continue;
    if ('set' in atom) {
      if (st.peek() === '-' && st.peek(1) !== ']' && st.peek(1) !== '') throw st.error(PCRE_ERR.invalidRange, st.pos);
      set = set.union(atom.set);
    } else {
      set = set.union(rangeOrChar(st, atom.code, false));
    }
  }
  if (st.opts.caseless) set = set.foldAsciiCase();
  return { t: 'set', set, negated };
}

/** After a single character: a following `-x` makes a range (unless the `-` ends the class). */
function rangeOrChar(st: ParseState, lo: number, quoting: boolean): CharSet {
  if (st.peek() !== '-' || st.peek(1) === ']' || st.peek(1) === '') return CharSet.of([lo, lo]);
  const dashPos = st.pos;
  st.pos++;
  let hi: number;
  if (st.peek() === '\\' && !quoting) {
    const endPos = st.pos;
    const esc = parseEscape(st, true);
    if (esc.k === 'set') throw st.error(PCRE_ERR.invalidRange, dashPos);
    if (esc.k !== 'char') {
      st.pos = endPos;
      return CharSet.of([lo, lo]);
    }
    hi = esc.code;
  } else if (st.startsWith('[:') && posixEnd(st) > 0) {
    throw st.error(PCRE_ERR.invalidRange, dashPos);
  } else {
    hi = st.next().charCodeAt(0);
  }
  if (hi < lo) throw st.error(PCRE_ERR.rangeOutOfOrder, st.pos - 1);
  return CharSet.of([lo, hi]);
}

/** Read one class element at st.pos. Returns null for \E, 'quote' for \Q. */
function readClassAtom(st: ParseState): ClassAtom | 'quote' | null {
  const c = st.peek();
  if (c === '[') {
    const posix = readPosix(st);
    if (posix) return { set: posix };
    st.pos++;
    return { code: c.charCodeAt(0) };
  }
  if (c !== '\\') {
    st.pos++;
    return { code: c.charCodeAt(0) };
  }
  const esc = parseEscape(st, true);
  switch (esc.k) {
    case 'char':
      return { code: esc.code };
    case 'set':
      return { set: esc.set };
    case 'quote':
      return 'quote';
    case 'endquote':
      return null;
    default:
      throw st.error(PCRE_ERR.invalidInClass, st.pos - 1);
  }
}

/** Offset just past the `:]` (or `.]`, `=]`) closing a POSIX item at st.pos, or 0. */
function posixEnd(st: ParseState): number {
  const kind = st.peek(1);
  if (kind !== ':' && kind !== '.' && kind !== '=') return 0;
  for (let i = st.pos + 2; i < st.pattern.length; i++) {
    const ch = st.pattern[i];
    if (ch === '\\' ) i++;
    else if (ch === ']') return 0;
    else if (ch === kind && st.pattern[i + 1] === ']') return i + 2;
  }
  return 0;
}

function readPosix(st: ParseState): CharSet | null {
  const end = posixEnd(st);
  if (end === 0) return null;
  const kind = st.peek(1);
  if (kind !== ':') throw st.error(PCRE_ERR.posixCollating, st.pos);
  let name = st.pattern.slice(st.pos + 2, end - 2);
  const negate = name.startsWith('^');
  if (negate) name = name.slice(1);
  const set = POSIX_CLASSES.get(name);
  if (!set) throw st.error(PCRE_ERR.unknownPosix, st.pos + 2);
  st.pos = end;
  return negate ? set.complement() : set;
}
