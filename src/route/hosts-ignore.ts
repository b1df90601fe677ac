/**
 * The generic ignore_target_hosts option: a host list, expanded for each address tested with
 * $host_address set to the address being checked ($host is not set, as in exim4); a matching
 * address is treated as if it did not exist. The host name is known, so name items match
 * without reverse lookups.
 */
import { ExpandError, untainted, type ExpandContext } from '../expand/types.js';
import { matchHostList, type HostResolver } from '../match/index.js';
import { RouteError } from './types.js';

/** True when the address of `name` is to be ignored. Throws RouteError when the list cannot be expanded. */
export type IgnoreTest = (address: string, name: string) => Promise<boolean>;

export const IGNORE_NOTHING: IgnoreTest = async () => false;

/** A temporary problem with ignore_target_hosts (a lookup in it deferred). */
export class IgnoreListDefer extends RouteError {}

/** `resolver` serves name items of the list (their addresses are compared with the host's). */
export function ignoreTargetTest(list: string | undefined, ctx: ExpandContext, resolver?: HostResolver): IgnoreTest {
  if (list === undefined || list === '') return IGNORE_NOTHING;
  return async (address, name) => {
    const vars = new Map(ctx.vars);
    vars.set('host_address', untainted(address));
    const hctx: ExpandContext = { ...ctx, vars, numeric: [] };
    let expanded = list;
    if (list.includes('$')) {
      try {
        expanded = (await ctx.services.expand(list, hctx)).s;
      } catch (e) {
        if (!(e instanceof ExpandError)) throw e;
        if (e.forced) return false;
        const text = `failed to expand "${list}" in ignore_target_hosts: ${e.message}`;
        throw e.kind === 'defer' ? new IgnoreListDefer(text) : new RouteError(text);
      }
    }
    try {
      return (await matchHostList({ address, name }, expanded, hctx, { resolver })).matched;
    } catch (e) {
      // A lookup in the list deferred: the address cannot be judged now.
      if (e instanceof Error && e.name === 'LookupDefer') throw new IgnoreListDefer(e.message);
      throw e;
    }
  };
}
