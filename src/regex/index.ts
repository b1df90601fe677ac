/**
 * TEMPORARY: plain JavaScript RegExp behind the CompiledRegex contract, so dependants compile.
 * The regex helper replaces this with the PCRE2-compatible implementation (docs/regex.md).
 */
import { RegexError, type CompiledRegex, type RegexOptions } from './types.js';

export { RegexError } from './types.js';
export type { CompiledRegex, RegexMatch, RegexOptions } from './types.js';

export function compileRegex(pattern: string, opts: RegexOptions = {}): CompiledRegex {
  let re: RegExp;
  try {
    re = new RegExp(pattern, opts.caseless ? 'gi' : 'g');
  } catch (err) {
    throw new RegexError((err as Error).message, pattern, 0);
  }
  const groupCount = new RegExp(`${pattern}|`).exec('')!.length - 1;
  return {
    source: pattern,
    groupCount,
    exec(subject, start = 0) {
      re.lastIndex = start;
      const m = re.exec(subject);
      if (!m) return null;
      return { index: m.index, end: m.index + m[0].length, groups: [...m] };
    },
    test(subject) {
      re.lastIndex = 0;
      return re.test(subject);
    },
  };
}
