/**
 * PCRE2-compatible regular expressions for Mailwright: patterns are parsed with PCRE2's syntax
 * and error messages, then translated to an equivalent JavaScript RegExp (docs/regex.md).
 */
import { fromByteString, isAscii, OffsetMap, toByteString } from './bytes.js';
import { emit } from './emit.js';
import { PatternParser } from './parser.js';
import { RegexError, type CompiledRegex, type RegexMatch, type RegexOptions } from './types.js';

export { RegexError } from './types.js';
export type { CompiledRegex, RegexMatch, RegexOptions } from './types.js';

/** Compiled patterns are immutable apart from per-call lastIndex, so they can be shared. */
const cache = new Map<string, PcreRegex>();
const CACHE_LIMIT = 1000;

/** Compile a PCRE2 pattern (as Exim does: 8-bit, non-UTF, no flags unless opts.caseless). */
export function compileRegex(pattern: string, opts: RegexOptions = {}): CompiledRegex {
  const key = `${opts.caseless ? 'i' : '-'}${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = compileUncached(pattern, opts);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

function compileUncached(pattern: string, opts: RegexOptions): PcreRegex {
  // PCRE sees bytes: offsets in errors count bytes, and `.` matches one byte, as in Exim.
  const parsed = new PatternParser(toByteString(pattern), opts.caseless ?? false).parse();
  const out = emit(parsed.root, parsed.groupCount);
  const flags = (out.needsIgnoreCase ? 'i' : '') + (parsed.anchoredAtStart ? 'y' : 'g');
  let re: RegExp;
  try {
    re = new RegExp(out.source, flags);
  } catch (err) {
    // Our translation produced something JavaScript rejects: a bug or an engine limit.
    throw new RegexError(`internal translation error: ${(err as Error).message}`, pattern, 0);
  }
  return new PcreRegex(pattern, parsed.groupCount, re, out.groupMap, parsed.names);
}

/** The compiled form; exported for callers that need Exim's global-match iteration. */
export class PcreRegex implements CompiledRegex {
  /** Variants that refuse an empty match at a given offset, built on demand by matchNonEmptyAt. */
  private readonly nonEmptyAt = new Map<number, RegExp>();

  constructor(
    readonly source: string,
    readonly groupCount: number,
    private readonly re: RegExp,
    private readonly groupMap: ReadonlyArray<readonly number[]>,
    /** Named groups: name -> PCRE group number. */
    readonly names: ReadonlyMap<string, number>,
  ) {}

  exec(subject: string, start = 0): RegexMatch | null {
    if (start > subject.length) return null;
    return this.run(subject, start, (bytes, byteStart) => {
      this.re.lastIndex = byteStart;
      return this.re.exec(bytes);
    });
  }

  test(subject: string): boolean {
    return this.exec(subject) !== null;
  }

  /**
   * A non-empty match starting exactly at `start` (PCRE2_ANCHORED | PCRE2_NOTEMPTY_ATSTART),
   * which Exim's ${sg} tries after an empty match before stepping on by one character.
   */
  matchNonEmptyAt(subject: string, start: number): RegexMatch | null {
    let re = this.nonEmptyAt.get(start);
    if (!re) {
      // The lookbehind holds only when the match end differs from `start`.
      re = new RegExp(`(?:${this.re.source})(?<!^[\\s\\S]{${start}})`, this.re.flags.replace('g', '') + (this.re.sticky ? '' : 'y'));
      if (this.nonEmptyAt.size > 64) this.nonEmptyAt.clear();
      this.nonEmptyAt.set(start, re);
    }
    const sticky = re;
    return this.run(subject, start, (bytes, byteStart) => {
      sticky.lastIndex = byteStart;
      return sticky.exec(bytes);
    });
  }

  /** Run on the byte form of the subject and map the result back to string offsets and text. */
  private run(subject: string, start: number, execBytes: (bytes: string, byteStart: number) => RegExpExecArray | null): RegexMatch | null {
    if (isAscii(subject)) return this.toMatch(execBytes(subject, start), null);
    const offsets = new OffsetMap(subject);
    return this.toMatch(execBytes(toByteString(subject), offsets.toByte(start)), offsets);
  }

  private toMatch(m: RegExpExecArray | null, offsets: OffsetMap | null): RegexMatch | null {
    if (!m) return null;
    const text = (s: string | undefined): string | undefined => (s === undefined || !offsets ? s : fromByteString(s));
    const groups: Array<string | undefined> = [text(m[0])];
    for (let n = 1; n <= this.groupCount; n++) {
      const index = this.groupMap[n]!.find((i) => m[i] !== undefined);
      groups.push(index === undefined ? undefined : text(m[index]));
    }
    const end = m.index + m[0].length;
    if (!offsets) return { index: m.index, end, groups };
    return { index: offsets.toChar(m.index), end: offsets.toChar(end), groups };
  }
}

/**
 * The successive matches Exim's ${sg} substitutes: after an empty match it first tries a
 * non-empty match at the same place, otherwise it moves on one character. Text between
 * matches (and after the last) is copied unchanged by the caller.
 */
export function globalMatches(re: CompiledRegex, subject: string): RegexMatch[] {
  const out: RegexMatch[] = [];
  let offset = 0;
  let afterEmpty = false;
  while (offset <= subject.length) {
    let m: RegexMatch | null;
    if (afterEmpty) {
      m = re instanceof PcreRegex ? re.matchNonEmptyAt(subject, offset) : null;
      if (!m) {
        offset++;
        afterEmpty = false;
        continue;
      }
    } else {
      m = re.exec(subject, offset);
      if (!m) break;
    }
    out.push(m);
    offset = m.end;
    afterEmpty = m.index === m.end;
  }
  return out;
}
