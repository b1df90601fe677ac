/**
 * PCRE2 pattern parser: builds the tree in ast.ts, reporting errors with PCRE2's messages and
 * offsets. Constructs JavaScript cannot express (recursion, conditionals, most verbs) raise
 * RegexError saying they are not supported.
 */
import type { BackrefNode, Node, RepeatMode } from './ast.js';
import { CharSet } from './charset.js';
import { PCRE_ERR } from './errors.js';
import { parseClass } from './parse-class.js';
import { parseEscape, readGroupName } from './parse-escape.js';
import { parseGroupOpening } from './parse-group.js';
import { ParseState } from './parse-state.js';

export interface ParsedPattern {
  readonly root: Node;
  readonly groupCount: number;
  readonly names: ReadonlyMap<string, number>;
  /** \G at the very start: the match must begin at the start offset (sticky). */
  readonly anchoredAtStart: boolean;
}

const MAX_REPEAT = 65535;

export class PatternParser {
  readonly st: ParseState;
  readonly names = new Map<string, number>();
  readonly backrefs: BackrefNode[] = [];

  constructor(pattern: string, caseless: boolean) {
    this.st = new ParseState(pattern, caseless);
  }

  parse(): ParsedPattern {
    const st = this.st;
    this.skipStartVerbs();
    const root = this.parseAlternation();
    if (!st.atEnd) throw st.error(PCRE_ERR.unmatchedParen, st.pos);
    for (const ref of this.backrefs) this.resolveBackref(ref);
    return { root, groupCount: st.groupCount, names: this.names, anchoredAtStart: startsWithG(root) };
  }

  /** Leading `(*UTF)`-style settings; optimisation-only ones are ignored. */
  private skipStartVerbs(): void {
    const st = this.st;
    for (;;) {
      const m = /^\(\*([A-Z_]+)(=\d+)?\)/.exec(st.pattern.slice(st.pos));
      if (!m) return;
      const name = m[1]!;
      if (['UTF', 'UTF8', 'NO_AUTO_POSSESS', 'NO_START_OPT', 'NO_DOTSTAR_ANCHOR', 'NO_JIT', 'LF'].includes(name) || name.startsWith('LIMIT_')) {
        st.pos += m[0].length;
        continue;
      }
      if (['FAIL', 'F', 'ACCEPT', 'COMMIT', 'PRUNE', 'SKIP', 'THEN', 'MARK'].includes(name)) return;
      throw st.unsupported(`(*${name})`, st.pos);
    }
  }

  parseAlternation(): Node {
    const alts: Node[] = [this.parseSequence()];
    while (this.st.peek() === '|') {
      this.st.pos++;
      alts.push(this.parseSequence());
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  /** (?|...): every alternative numbers its groups from the same starting point. */
  parseBranchReset(): Node {
    const st = this.st;
    const base = st.groupCount;
    let highest = base;
    const alts: Node[] = [];
    for (;;) {
      st.groupCount = base;
      alts.push(this.parseSequence());
      highest = Math.max(highest, st.groupCount);
      if (st.peek() !== '|') break;
      st.pos++;
    }
    st.groupCount = highest;
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  private parseSequence(): Node {
    const st = this.st;
    const items: Node[] = [];
    for (;;) {
      this.skipExtendedSpace();
      if (st.atEnd || st.peek() === '|' || st.peek() === ')') break;
      const atom = this.parseAtom();
      if (atom === null) continue;
      items.push(this.parseQuantifiers(atom));
    }
    return items.length === 1 ? items[0]! : items.length === 0 ? { t: 'empty' } : { t: 'seq', items };
  }

  private skipExtendedSpace(): void {
    const st = this.st;
    for (;;) {
      if (st.startsWith('(?#')) {
        const close = st.pattern.indexOf(')', st.pos);
        if (close < 0) throw st.error(PCRE_ERR.missingCommentParen, st.pattern.length);
        st.pos = close + 1;
        continue;
      }
      if (!st.opts.extended) return;
      const c = st.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') st.pos++;
      else if (c === '#') {
        while (!st.atEnd && st.peek() !== '\n') st.pos++;
      } else return;
    }
  }

  /** One atom, or null when the construct produced nothing (option setting, \E, comment). */
  private parseAtom(): Node | null {
    const st = this.st;
    const c = st.peek();
    switch (c) {
      case '(':
        return parseGroupOpening(this);
      case '[':
        return parseClass(st);
      case '.':
        st.pos++;
        return st.opts.dotall ? { t: 'set', set: CharSet.empty(), negated: true } : { t: 'set', set: CharSet.chars('\n'), negated: true };
      case '^':
        st.pos++;
        return { t: 'assert', kind: st.opts.multiline ? 'line-start' : 'subject-start' };
      case '$':
        st.pos++;
        return { t: 'assert', kind: st.opts.multiline ? 'line-end' : 'end-or-final-newline' };
      case '*':
      case '+':
      case '?':
        throw st.error(PCRE_ERR.nothingToRepeat, st.pos);
      case '{': {
        const q = readBraceQuantifier(st.pattern, st.pos);
        if (q) throw st.error(PCRE_ERR.nothingToRepeat, 'end' in q ? q.end - 1 : q.offset);
        break;
      }
      case '\\':
        return this.parseEscapeAtom();
    }
    st.pos++;
    return this.literal(c.charCodeAt(0));
  }

  literal(code: number): Node {
    const set = CharSet.of([code, code]);
    return { t: 'set', set: this.st.opts.caseless ? set.foldAsciiCase() : set, negated: false };
  }

  private parseEscapeAtom(): Node | null {
    const st = this.st;
    const esc = parseEscape(st, false);
    switch (esc.k) {
      case 'char':
        return this.literal(esc.code);
      case 'set':
        return { t: 'set', set: esc.set, negated: false };
      case 'assert':
        return { t: 'assert', kind: esc.kind };
      case 'raw':
        return { t: 'raw', js: esc.js };
      case 'endquote':
        return null;
      case 'quote':
        return this.parseQuoted();
      case 'backref': {
        const ref: BackrefNode = { t: 'backref', number: esc.number ?? 0, name: esc.name, caseless: st.opts.caseless, errorOffset: esc.errorOffset };
        this.backrefs.push(ref);
        return ref;
      }
    }
    return null;
  }

  /** \Q...\E: literal characters; a quantifier after the quote applies to its last character. */
  private parseQuoted(): Node | null {
    const st = this.st;
    const end = st.pattern.indexOf('\\E', st.pos);
    const stop = end < 0 ? st.pattern.length : end;
    const chars = st.pattern.slice(st.pos, stop);
    st.pos = end < 0 ? stop : stop + 2;
    if (chars.length === 0) return null;
    const items = [...chars].map((ch) => this.literal(ch.charCodeAt(0)));
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private parseQuantifiers(atom: Node): Node {
    const st = this.st;
    let node = atom;
    let quantified = false;
    for (;;) {
      this.skipExtendedSpace();
      const c = st.peek();
      let min: number;
      let max: number;
      let qEnd: number;
      if (c === '*' || c === '+' || c === '?') {
        [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
        qEnd = st.pos + 1;
      } else if (c === '{') {
        const q = readBraceQuantifier(st.pattern, st.pos);
        if (!q) return node;
        if ('error' in q) throw st.error(q.error, q.offset);
        ({ min, max } = q);
        qEnd = q.end;
      } else return node;
      if (quantified || !isRepeatable(node)) throw st.error(PCRE_ERR.nothingToRepeat, qEnd - 1);
      st.pos = qEnd;
      let mode: RepeatMode = st.opts.ungreedy ? 'lazy' : 'greedy';
      if (st.peek() === '?') {
        st.pos++;
        mode = st.opts.ungreedy ? 'greedy' : 'lazy';
      } else if (st.peek() === '+') {
        st.pos++;
        mode = 'possessive';
      }
      node = applyRepeat(node, min, max, mode);
      quantified = true;
    }
  }

  /** Record a named group (checking duplicates) and return its number. */
  defineName(name: string, number: number, errorOffset: number): void {
    if (this.names.has(name) && !this.st.opts.dupNames) throw this.st.error(PCRE_ERR.duplicateName, errorOffset);
    if (!this.names.has(name)) this.names.set(name, number);
  }

  readName(terminator: string): string {
    return readGroupName(this.st, terminator);
  }

  private resolveBackref(ref: BackrefNode): void {
    if (ref.name !== undefined) {
      const n = this.names.get(ref.name);
      if (n === undefined) throw this.st.error(PCRE_ERR.noSuchGroup, ref.errorOffset);
      ref.number = n;
    } else if (ref.number > this.st.groupCount) {
      throw this.st.error(PCRE_ERR.noSuchGroup, ref.errorOffset);
    }
  }
}

/** A quantifier applied to a \Q..\E run binds to its last character only. */
function applyRepeat(node: Node, min: number, max: number, mode: RepeatMode): Node {
  if (node.t === 'seq' && node.items.every((n) => n.t === 'set')) {
    const items = [...node.items];
    const last = items.pop()!;
    return { t: 'seq', items: [...items, { t: 'repeat', body: last, min, max, mode }] };
  }
  return { t: 'repeat', body: node, min, max, mode };
}

function isRepeatable(node: Node): boolean {
  if (node.t === 'assert') return false;
  return true;
}

type BraceQuantifier = { min: number; max: number; end: number } | { error: string; offset: number };

/** `{n}`, `{n,}`, `{n,m}` at `pos`; null when the text is not a quantifier (then `{` is literal). */
export function readBraceQuantifier(p: string, pos: number): BraceQuantifier | null {
  const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(pos));
  if (!m) return null;
  const tooBig = (digitsStart: number, digits: string): BraceQuantifier | null => {
    let v = 0;
    for (let i = 0; i < digits.length; i++) {
      v = v * 10 + Number(digits[i]);
      if (v > MAX_REPEAT) return { error: PCRE_ERR.quantifierTooBig, offset: digitsStart + i + 1 };
    }
    return null;
  };
  const minErr = tooBig(pos + 1, m[1]!);
  if (minErr) return minErr;
  const min = Number(m[1]);
  let max = min;
  if (m[2] !== undefined) {
    if (m[3] === '') max = Infinity;
    else {
      const maxErr = tooBig(pos + 2 + m[1]!.length, m[3]!);
      if (maxErr) return maxErr;
      max = Number(m[3]);
    }
  }
  const end = pos + m[0].length;
  if (max < min) return { error: PCRE_ERR.quantifierOrder, offset: end - 1 };
  return { min, max, end };
}

function startsWithG(node: Node): boolean {
  if (node.t === 'assert') return node.kind === 'match-start';
  if (node.t === 'seq') return node.items.length > 0 && startsWithG(node.items[0]!);
  if (node.t === 'alt') return node.alts.every(startsWithG);
  if (node.t === 'group' && (node.kind === 'capture' || node.kind === 'noncapture')) return startsWithG(node.body);
  return false;
}
