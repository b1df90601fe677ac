/**
 * match {subject}{regex}: regular-expression test. On success the numeric variables $0..$n
 * become the match and its groups (unset groups read as empty), with the subject's taint.
 */
import { compileRegex, RegexError } from '../../regex/index.js';
import { ExpandError, type ExpandContext, type TStr } from '../types.js';
import { registerCondition } from './registry.js';

export function compileForExpansion(pattern: string): ReturnType<typeof compileRegex> {
  try {
    return compileRegex(pattern);
  } catch (err) {
    if (err instanceof RegexError) {
      throw new ExpandError(`regular expression error in "${pattern}": ${err.message} at offset ${err.offset}`);
    }
    throw err;
  }
}

function regexMatch(subject: TStr, pattern: TStr, ctx: ExpandContext): boolean {
  const re = compileForExpansion(pattern.s);
  const m = re.exec(subject.s);
  if (!m) return false;
  ctx.numeric = m.groups.map((g) => ({ s: g ?? '', tainted: subject.tainted }));
  return true;
}

registerCondition({ name: 'match', nargs: 2, fn: ([s, p], ctx) => regexMatch(s!, p!, ctx) });
