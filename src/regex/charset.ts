/**
 * Character sets as sorted, merged code-unit ranges. The translator builds every class, escape
 * like \d or \h, and POSIX class as a CharSet so it can apply PCRE's (ASCII, C-locale) case
 * folding and negation itself instead of relying on JavaScript's Unicode-aware rules.
 */

export type Range = readonly [lo: number, hi: number];

/** Highest code unit a JavaScript string (without the 'u' flag) can hold. */
export const MAX_UNIT = 0xffff;

export class CharSet {
  private constructor(readonly ranges: readonly Range[]) {}

  static empty(): CharSet {
    return new CharSet([]);
  }

  static of(...ranges: Range[]): CharSet {
    return new CharSet(normalise(ranges));
  }

  static chars(text: string): CharSet {
    return CharSet.of(...[...text].map((c): Range => [c.charCodeAt(0), c.charCodeAt(0)]));
  }

  union(other: CharSet): CharSet {
    return new CharSet(normalise([...this.ranges, ...other.ranges]));
  }

  complement(): CharSet {
    const out: Range[] = [];
    let next = 0;
    for (const [lo, hi] of this.ranges) {
      if (lo > next) out.push([next, lo - 1]);
      next = hi + 1;
    }
    if (next <= MAX_UNIT) out.push([next, MAX_UNIT]);
    return new CharSet(out);
  }

  isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  /** PCRE caseless matching in non-UTF mode with the default C tables folds ASCII letters only. */
  foldAsciiCase(): CharSet {
    const extra: Range[] = [];
    for (const [lo, hi] of this.ranges) {
      addShifted(extra, lo, hi, 0x41, 0x5a, 0x20);
      addShifted(extra, lo, hi, 0x61, 0x7a, -0x20);
    }
    return extra.length === 0 ? this : new CharSet(normalise([...this.ranges, ...extra]));
  }

  /** JavaScript class body text (without brackets), safe with and without the 'u' flag. */
  toClassBody(): string {
    return this.ranges
      .map(([lo, hi]) => {
        if (lo === hi) return escapeUnit(lo);
        if (hi === lo + 1) return escapeUnit(lo) + escapeUnit(hi);
        return `${escapeUnit(lo)}-${escapeUnit(hi)}`;
      })
      .join('');
  }
}

function addShifted(out: Range[], lo: number, hi: number, from: number, to: number, shift: number): void {
  const a = Math.max(lo, from);
  const b = Math.min(hi, to);
  if (a <= b) out.push([a + shift, b + shift]);
}

function normalise(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** Escape one code unit for use in a JavaScript pattern, inside or outside a class. */
export function escapeUnit(c: number): string {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f) {
    return String.fromCharCode(c);
  }
  if (c < 0x100) return `\\x${c.toString(16).padStart(2, '0')}`;
  return `\\u${c.toString(16).padStart(4, '0')}`;
}

// ---------------------------------------------------------------------------
// Predefined sets (PCRE2 8-bit, non-UCP, C locale)
// ---------------------------------------------------------------------------

export const DIGIT = CharSet.of([0x30, 0x39]);
export const WORD = CharSet.of([0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]);
/** \s: HT, LF, VT, FF, CR and space (VT included since PCRE2 10.x). */
export const SPACE = CharSet.of([0x09, 0x0d], [0x20, 0x20]);
/** \h: horizontal white space; code points above 0xff only occur in strings that did not come from bytes. */
export const HSPACE = CharSet.of(
  [0x09, 0x09],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x180e, 0x180e],
  [0x2000, 0x200a],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
);
/** \v: vertical white space. */
export const VSPACE = CharSet.of([0x0a, 0x0d], [0x85, 0x85], [0x2028, 0x2029]);

const UPPER = CharSet.of([0x41, 0x5a]);
const LOWER = CharSet.of([0x61, 0x7a]);
const ALPHA = UPPER.union(LOWER);
const PRINT = CharSet.of([0x20, 0x7e]);
const PUNCT = CharSet.of([0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]);

export const POSIX_CLASSES: ReadonlyMap<string, CharSet> = new Map([
  ['alpha', ALPHA],
  ['lower', LOWER],
  ['upper', UPPER],
  ['alnum', ALPHA.union(DIGIT)],
  ['ascii', CharSet.of([0, 0x7f])],
  ['blank', CharSet.of([0x09, 0x09], [0x20, 0x20])],
  ['cntrl', CharSet.of([0, 0x1f], [0x7f, 0x7f])],
  ['digit', DIGIT],
  ['graph', CharSet.of([0x21, 0x7e])],
  ['print', PRINT],
  ['punct', PUNCT],
  ['space', SPACE],
  ['word', WORD],
  ['xdigit', CharSet.of([0x30, 0x39], [0x41, 0x46], [0x61, 0x66])],
]);
