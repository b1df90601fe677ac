/**
 * Regular-expression keys (`^...`) in wildlsearch files: compiled caselessly through the
 * project's PCRE2-compatible compiler, cached by pattern text.
 */
import { compileRegex, RegexError, type CompiledRegex } from '../regex/index.js';
import { LookupError } from './types.js';

const MAX_CACHED = 500;
const compiled = new Map<string, CompiledRegex>();

function compileCached(pattern: string): CompiledRegex {
  let re = compiled.get(pattern);
  if (!re) {
    try {
      re = compileRegex(pattern, { caseless: true });
    } catch (err) {
      if (err instanceof RegexError) {
        throw new LookupError(`regular expression error: ${err.message} at offset ${err.offset} while compiling ${pattern}`);
      }
      throw err;
    }
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

export function matchesRegexKey(pattern: string, subject: string): boolean {
  return compileCached(pattern).test(subject);
}
