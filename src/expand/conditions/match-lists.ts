/**
 * match_domain, match_local_part, match_address, match_ip {subject}{list}: list matching as in
 * router/ACL options, through src/match. Exim reads the list argument without `$` expansion
 * (literalArgs). On success $value is the lookup data when a lookup item matched, otherwise the
 * item the matcher reports (match_ip: only a line from a list file), with the list's taint.
 */
import { matchAddressList, matchDomainList, matchHostList, matchLocalPartList, type ListMatch } from '../../match/index.js';
import { LookupDefer } from '../../lookups/types.js';
import { ExpandError, type ExpandContext, type TStr } from '../types.js';
import { registerCondition } from './registry.js';
import { ipVersion } from './ip-address.js';

type Matcher = (subject: string, list: string, ctx: ExpandContext) => Promise<ListMatch>;

/** Exim reports any failure to finish the match (defer, bad item, unknown named list) this way. */
async function runMatcher(matcher: Matcher, subject: string, list: string, ctx: ExpandContext): Promise<ListMatch> {
  try {
    return await matcher(subject, list, ctx);
  } catch (err) {
    if (err instanceof ExpandError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    const kind = err instanceof LookupDefer ? 'defer' : 'error';
    throw new ExpandError(`unable to complete match against "${list}": ${detail}`, kind);
  }
}

function registerListCondition(name: string, matcher: Matcher, itemAsValue: boolean): void {
  registerCondition({
    name,
    nargs: 2,
    literalArgs: [1],
    fn: async ([subject, list], ctx) => {
      const result = await runMatcher(matcher, subject!.s, list!.s, ctx);
      if (!result.matched) return false;
      const fallback: TStr = { s: itemAsValue ? (result.item ?? '') : '', tainted: list!.tainted };
      ctx.value = result.data ?? fallback;
      return true;
    },
  });
}

// Local parts and addresses start caseless here (the list may switch with +caseful).
registerListCondition('match_domain', (s, l, ctx) => matchDomainList(s, l, ctx), true);
registerListCondition('match_local_part', (s, l, ctx) => matchLocalPartList(s, l, ctx, { caseSensitive: false }), true);
registerListCondition('match_address', (s, l, ctx) => matchAddressList(s, l, ctx, { caseSensitive: false }), true);

/**
 * match_ip: the subject must be an IP address or empty. The host's name is given as known and
 * empty, so name items never match and no DNS lookup is made; single-key lookups are keyed by
 * the address, as with net- lookups.
 */
registerListCondition(
  'match_ip',
  (s, l, ctx) => {
    if (s !== '' && ipVersion(s) === 0) throw new ExpandError(`"${s}" is not an IP address`);
    return matchHostList({ address: s, name: '' }, l, ctx);
  },
  true, // the matcher reports an item only where Exim sets $value (a line of a list file)
);
