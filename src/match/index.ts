/**
 * Exim list matching: domain, local part, address and host lists (docs in engine.ts and the
 * per-kind modules). Lists arrive expanded; named lists are expanded when referenced.
 */
import type { ExpandContext } from '../expand/types.js';
import { addressHandler } from './address.js';
import { domainHandler } from './domain.js';
import { walkList, type WalkState } from './engine.js';
import { hostHandler } from './host.js';
import { localPartHandler } from './local-part.js';
import { systemResolver } from './resolver.js';
import type { HostIdentity, ListMatch, ListMatchOptions } from './types.js';

export type { HostIdentity, HostResolver, ListMatch, ListMatchOptions } from './types.js';
export { ListFileError, ListMatchError, ResolverRequiredError, UnknownNamedListError } from './errors.js';
export { systemResolver } from './resolver.js';

function initialState(opts: ListMatchOptions | undefined, caselessDefault: boolean): WalkState {
  const caseless = opts?.caseSensitive === undefined ? caselessDefault : !opts.caseSensitive;
  return { caseless, onUnknown: 'fail', onDefer: 'defer' };
}

const subjectOf = (text: string, opts: ListMatchOptions | undefined, setsNumeric: boolean) => ({ text, tainted: opts?.subjectTainted ?? false, setsNumeric });

export async function matchDomainList(subject: string, list: string, ctx: ExpandContext, opts?: ListMatchOptions): Promise<ListMatch> {
  return walkList(list, domainHandler(subjectOf(subject, opts, true), ctx), ctx, initialState(opts, true));
}

/** Local parts match caselessly unless opts.caseSensitive (a router's caseful_local_part); `+caseful` switches. */
export async function matchLocalPartList(subject: string, list: string, ctx: ExpandContext, opts?: ListMatchOptions): Promise<ListMatch> {
  return walkList(list, localPartHandler(subjectOf(subject, opts, true), ctx), ctx, initialState(opts, true));
}

export async function matchAddressList(subject: string, list: string, ctx: ExpandContext, opts?: ListMatchOptions): Promise<ListMatch> {
  return walkList(list, addressHandler(subjectOf(subject, opts, false), ctx), ctx, initialState(opts, true));
}

/**
 * Host lists. host.name undefined means "not looked up yet" (name items then need
 * opts.resolver.namesOf); '' means known to have no name.
 */
export async function matchHostList(host: HostIdentity, list: string, ctx: ExpandContext, opts?: ListMatchOptions): Promise<ListMatch> {
  const handler = hostHandler(host, ctx, opts?.resolver ?? systemResolver);
  return walkList(list, handler, ctx, initialState(opts, true));
}

/**
 * The match_ip condition: a host list tested with an address only (no name is ever looked up;
 * single-key lookups are keyed by the address as with `net-`).
 */
export async function matchIpList(address: string, list: string, ctx: ExpandContext, opts?: ListMatchOptions): Promise<ListMatch> {
  return matchHostList({ address, name: '' }, list, ctx, opts);
}
