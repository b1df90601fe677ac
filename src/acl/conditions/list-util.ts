/** Shared plumbing of the list-matching conditions: failures become defer, lookup data is kept. */
import { LookupDefer, LookupError } from '../../lookups/types.js';
import { ListMatchError, UnknownNamedListError } from '../../match/index.js';
import type { ListMatch } from '../../match/index.js';
import { AclDefer } from '../errors.js';
import type { AclRunContext } from '../types.js';

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
