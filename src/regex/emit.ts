/**
 * Turns the parsed tree into JavaScript regex source (no 'u' flag, no 'm'/'s'/'i' flags: all of
 * those behaviours are spelled out explicitly so PCRE semantics hold in Node 20).
 *
 * Atomic groups and possessive quantifiers use the lookahead-capture idiom `(?=(X))\k`: the
 * lookahead finds X's first match and the backreference consumes exactly that text, so the
 * engine can never backtrack into X. The extra capturing groups this adds are hidden from
 * callers through `groupMap` (PCRE group number -> JavaScript group index).
 */
import type { AssertKind, Node } from './ast.js';

export interface Emitted {
  readonly source: string;
  /**
   * groupMap[n] = indexes of PCRE group n in the JavaScript match array; more than one only in
   * a branch-reset group (?|...), where the first one set holds the value.
   */
  readonly groupMap: ReadonlyArray<readonly number[]>;
  /** A backreference must compare caselessly: emitted with the 'i' flag (see docs/regex.md). */
  readonly needsIgnoreCase: boolean;
}

const ASSERT_JS: Readonly<Record<AssertKind, string>> = {
  'subject-start': '(?<![\\s\\S])',
  // PCRE's multiline ^ does not match after a newline that ends the subject.
  'line-start': '(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))',
  'end-or-final-newline': '(?=\\n?(?![\\s\\S]))',
  'line-end': '(?=\\n|(?![\\s\\S]))',
  'subject-end': '(?![\\s\\S])',
  'word-boundary': '\\b',
  'not-word-boundary': '\\B',
  // Only supported at the pattern start, where the sticky flag implements it.
  'match-start': '',
};

export function emit(root: Node, groupCount: number): Emitted {
  const e = new Emitter(groupCount);
  e.number(root);
  const source = e.emit(root);
  return { source, groupMap: e.groupMap, needsIgnoreCase: e.caselessBackref };
}

class Emitter {
  readonly groupMap: number[][];
  caselessBackref = false;
  private jsCount = 0;
  /** Hidden group index per atomic construct, keyed by node identity. */
  private readonly hidden = new Map<Node, number>();

  constructor(groupCount: number) {
    this.groupMap = Array.from({ length: groupCount + 1 }, (_, i) => (i === 0 ? [0] : []));
  }

  /** First pass: give every JavaScript capturing group its index, in the order emit() writes them. */
  number(node: Node): void {
    switch (node.t) {
      case 'seq':
        node.items.forEach((n) => this.number(n));
        return;
      case 'alt':
        node.alts.forEach((n) => this.number(n));
        return;
      case 'group':
        if (node.kind === 'atomic') this.hidden.set(node, ++this.jsCount);
        if (node.kind === 'capture') this.groupMap[node.number!]!.push(++this.jsCount);
        this.number(node.body);
        return;
      case 'repeat':
        if (node.mode === 'possessive') this.hidden.set(node, ++this.jsCount);
        this.number(node.body);
        return;
      default:
        return;
    }
  }

  emit(node: Node): string {
    switch (node.t) {
      case 'empty':
        return '';
      case 'set':
        return emitSet(node.set.toClassBody(), node.negated, node.set.ranges);
      case 'assert':
        return ASSERT_JS[node.kind];
      case 'raw':
        return node.js;
      case 'fail':
        return '(?!)';
      case 'backref':
        if (node.caseless) this.caselessBackref = true;
        return `(?:${this.groupMap[node.number]!.map((i) => `\\${i}`).join('')})`;
      case 'seq':
        return node.items.map((n) => this.atomInSequence(n)).join('');
      case 'alt':
        return node.alts.map((n) => this.emit(n)).join('|');
      case 'group':
        return this.emitGroup(node);
      case 'repeat':
        return this.emitRepeat(node);
    }
  }

  private atomInSequence(node: Node): string {
    const s = this.emit(node);
    return node.t === 'alt' ? `(?:${s})` : s;
  }

  private emitGroup(node: Node & { t: 'group' }): string {
    const body = this.emit(node.body);
    switch (node.kind) {
      case 'capture':
        return `(${body})`;
      case 'noncapture':
        return `(?:${body})`;
      case 'atomic':
        return atomic(body, this.hidden.get(node)!);
      case 'lookahead':
        return `(?=${body})`;
      case 'neg-lookahead':
        return `(?!${body})`;
      case 'lookbehind':
        return `(?<=${body})`;
      case 'neg-lookbehind':
        return `(?<!${body})`;
    }
  }

  private emitRepeat(node: Node & { t: 'repeat' }): string {
    const body = this.emit(node.body);
    const atom = isSingleAtom(node.body, body) ? body : `(?:${body})`;
    const q = quantifier(node.min, node.max) + (node.mode === 'lazy' ? '?' : '');
    if (node.mode === 'possessive') return atomic(atom + q, this.hidden.get(node)!);
    return atom + q;
  }
}

function atomic(body: string, index: number): string {
  return `(?:(?=(${body}))\\${index})`;
}

function quantifier(min: number, max: number): string {
  if (min === 0 && max === Infinity) return '*';
  if (min === 1 && max === Infinity) return '+';
  if (min === 0 && max === 1) return '?';
  if (max === Infinity) return `{${min},}`;
  if (min === max) return `{${min}}`;
  return `{${min},${max}}`;
}

function emitSet(body: string, negated: boolean, ranges: readonly (readonly [number, number])[]): string {
  if (!negated && ranges.length === 1 && ranges[0]![0] === ranges[0]![1]) return body;
  return `[${negated ? '^' : ''}${body}]`;
}

/** Whether emitted text is one quantifiable unit (a class, an escape, a single char, a capture group). */
function isSingleAtom(node: Node, js: string): boolean {
  if (node.t === 'set') return true;
  if (node.t === 'group' && node.kind === 'capture') return true;
  if (node.t === 'backref') return true;
  return /^\\x[0-9a-f]{2}$|^\\u[0-9a-f]{4}$|^\w$/.test(js);
}
