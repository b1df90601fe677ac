/** Shared plumbing of the list-matching conditions: failures become defer, lookup data is kept. */
import { LookupDefer, LookupError } from '../../lookups/types.js';
import { ListMatchError, UnknownNamedListError } from '../../match/index.js';
import type { ListMatch } from '../../match/index.js';
import { AclDefer } from '../errors.js';
import { ExpandError, type TStr } from '../../expand/types.js';
import type { AclRunContext } from '../types.js';

/**
 * Lists are expanded by the list matcher in Exim, not before the condition: a failure is
 * logged as `failed to expand "<list>" while checking a list: ...` and the condition defers
 * with no text of its own. A forced failure passes up (the condition is then ignored).
 */
export async function expandList(value: TStr, ctx: AclRunContext): Promise<TStr> {
  try {
    return await ctx.expand.services.expand(value.s, ctx.expand);
  } catch (err) {
    if (!(err instanceof ExpandError) || err.forced) throw err;
    ctx.log.write(['main'], `failed to expand "${value.s}" while checking a list: ${err.message}`, ctx.messageId);
    throw new AclDefer('');
  }
}

/** Run a matcher; a deferred lookup or an unusable list makes the condition defer, as in Exim. */
export async function matchOrDefer(run: () => Promise<ListMatch>): Promise<ListMatch> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UnknownNamedListError) throw new AclDefer(err.logMessage);
    if (err instanceof LookupDefer || err instanceof LookupError || err instanceof ListMatchError) throw new AclDefer(err.message);
    throw err;
  }
}

/** Keep the lookup data of a match in a variable such as $domain_data (cleared on a match without data). */
export function keepData(match: ListMatch, variable: string, ctx: AclRunContext): boolean {
  if (!match.matched) return false;
  if (match.data) ctx.expand.vars.set(variable, match.data);
  else ctx.expand.vars.delete(variable);
  return true;
}

export function variable(ctx: AclRunContext, name: string): { s: string; tainted: boolean } {
  return ctx.expand.vars.get(name) ?? { s: '', tainted: false };
}
