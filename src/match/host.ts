/**
 * Host list items (spec sections "Host lists" to "Host list patterns for query-style lookups").
 * A host has two identities: IP-address items test the address, name items need the host name.
 * An empty known name (HostIdentity.name === '') is match_ip mode: name items cannot match,
 * single-key lookups are keyed by the address.
 */
import type { ExpandContext } from '../expand/types.js';
import { compileRegex } from '../regex/index.js';
import { NO_MATCH, type ItemOutcome, type KindHandler, type WalkState } from './engine.js';
import { ResolverRequiredError } from './errors.js';
import { addressInNetwork, netLookupKey, parseHostAddress, parseNetworkItem, type IpAddress } from './ip.js';
import { localInterfaceAddresses, primaryHostname, sameAddress } from './local-host.js';
import { parseLookupItem, runLookupItem } from './lookup-item.js';
import type { HostIdentity, HostResolver } from './types.js';

const UNKNOWN: ItemOutcome = Object.freeze({ t: 'unknown' });

export function hostHandler(host: HostIdentity, ctx: ExpandContext, resolver: HostResolver): KindHandler {
  const h = new HostSubject(host, resolver);
  return {
    kind: 'host',
    check: (item) => checkHostItem(h, item, ctx),
    special: unknownModeSwitch,
  };
}

function unknownModeSwitch(word: string, state: WalkState): boolean {
  switch (word) {
    case '+include_unknown':
      state.onUnknown = 'include';
      return true;
    case '+ignore_unknown':
      state.onUnknown = 'ignore';
      return true;
    case '+include_defer':
      state.onDefer = 'include';
      return true;
    case '+ignore_defer':
      state.onDefer = 'ignore';
      return true;
  }
  return false;
}

/** The host being tested, with its name looked up at most once. */
class HostSubject {
  readonly address: IpAddress | null;
  private names: Promise<string[] | null> | undefined;

  constructor(
    readonly identity: HostIdentity,
    readonly resolver: HostResolver,
  ) {
    this.address = identity.address === '' ? null : parseHostAddress(identity.address);
  }

  /** match_ip mode: the name is known to be absent, so name items cannot be decided. */
  get ipOnly(): boolean {
    return this.identity.name === '';
  }

  hostNames(item: string): Promise<string[] | null> {
    if (this.identity.name !== undefined) return Promise.resolve(this.identity.name === '' ? null : [this.identity.name]);
    const reverse = this.resolver.namesOf;
    if (!reverse) throw new ResolverRequiredError(item);
    this.names ??= this.address ? reverse.call(this.resolver, this.identity.address) : Promise.resolve(null);
    return this.names;
  }
}

async function checkHostItem(h: HostSubject, item: string, ctx: ExpandContext): Promise<ItemOutcome> {
  if (item === '') return h.identity.address === '' ? { t: 'match' } : NO_MATCH;
  if (item === '*') return { t: 'match' };
  if (item === '@[]') return h.address && localInterfaceAddresses(ctx).some((a) => sameAddress(a, h.address!)) ? { t: 'match' } : NO_MATCH;
  const network = parseNetworkItem(item);
  if (network) return h.address && addressInNetwork(h.address, network.net, network.bits) ? { t: 'match' } : NO_MATCH;
  const li = parseLookupItem(item, ctx, true);
  if (li) {
    if (li.style === 'query') {
      const data = await runLookupItem(li, '', ctx);
      return data ? { t: 'match', data } : NO_MATCH;
    }
    if (li.net || h.ipOnly) {
      if (!h.address) return NO_MATCH;
      const data = await runLookupItem(li, netLookupKey(h.address, li.net?.bits, li.typeName === 'iplsearch'), ctx);
      return data ? { t: 'match', data } : NO_MATCH;
    }
    return byName(h, item, async (name) => {
      const data = await runLookupItem(li, name.toLowerCase(), ctx);
      return data ? { t: 'match', data } : NO_MATCH;
    });
  }
  if (item.startsWith('^')) {
    const re = compileRegex(item, { caseless: true });
    // Exim leaves $0.. alone for host lists.
    return byName(h, item, async (name) => (re.test(name) ? { t: 'match', item } : NO_MATCH));
  }
  if (item.startsWith('*')) {
    const suffix = item.slice(1).toLowerCase();
    return byName(h, item, async (name) => (name.toLowerCase().endsWith(suffix) ? { t: 'match', item } : NO_MATCH));
  }
  return byForwardLookup(h, item === '@' ? primaryHostname(ctx) : item);
}

/** Try a name-based test on each of the host's names; unknown when no name can be found. */
async function byName(h: HostSubject, item: string, test: (name: string) => Promise<ItemOutcome>): Promise<ItemOutcome> {
  const names = await h.hostNames(item);
  if (!names) return UNKNOWN;
  for (const name of names) {
    const outcome = await test(name);
    if (outcome.t === 'match') return outcome;
  }
  return NO_MATCH;
}

/** A plain host name: look up its addresses and compare with the host's. */
async function byForwardLookup(h: HostSubject, name: string): Promise<ItemOutcome> {
  if (h.ipOnly) return UNKNOWN;
  if (!h.address) return NO_MATCH;
  const addresses = await h.resolver.addressesOf(name);
  if (!addresses) return UNKNOWN;
  return addresses.some((a) => {
    const parsed = parseHostAddress(a);
    return parsed !== null && sameAddress(parsed, h.address!);
  })
    ? { t: 'match' }
    : NO_MATCH;
}
