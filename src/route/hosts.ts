/**
 * Host-list resolution shared by the remote routers (dnslookup, manualroute, ipliteral) and the
 * routing engine: the per-address lookup environment (DNSSEC policy, IPv6 wishes,
 * ignore_target_hosts, local host test), the router's transport, fallback_hosts, and the
 * self option. The pieces live in hosts-*.ts; this module assembles them and re-exports the API.
 */
import type { DriverOptions } from '../config/driver-options.js';
import { domainListOption } from '../dns/config.js';
import { dnssecPolicy } from '../dns/dnssec-policy.js';
import { randomShuffle, type Shuffler } from '../dns/mx.js';
import { ExpandError, type ExpandContext } from '../expand/types.js';
import { stringIsTrue } from '../expand/index.js';
import type { AddressLookupEnv } from './hosts-find.js';
import { ignoreTargetTest } from './hosts-ignore.js';
import { localHostTest, type LocalHostTest } from './hosts-local.js';
import type { AddressItem, RoutingContext } from './types.js';

export { parseFallbackHosts, hostListItems, parseHostListItem, splitHostPort, unresolvedHost, type HostListItem } from './hosts-list.js';
export { localHostTest, type LocalHostTest } from './hosts-local.js';
export { applySelf, childWithDomain, parseSelfOption, routerConfigError, selfMessage, type SelfAction } from './hosts-self.js';
export { ignoreTargetTest, IgnoreListDefer, IGNORE_NOTHING, type IgnoreTest } from './hosts-ignore.js';
export { findDomainHosts, type DomainHosts, type DomainHostsRequest } from './hosts-dns.js';
export { copyRouting, routingIsCopyable, sameDomain } from './hosts-copy.js';
export { hostFromAddress, hostsFromLookup, isIpAddress, lookupByDns, lookupByName, type AddressLookup, type AddressLookupEnv } from './hosts-find.js';

/** Randomness of host ordering; tests may replace it to get a fixed order. */
export const hostOrdering: { shuffle: Shuffler } = { shuffle: randomShuffle };

export interface RouterHostEnv extends AddressLookupEnv {
  readonly dnssecRequire: boolean;
  readonly isLocal: LocalHostTest;
}

export type Expansion = { readonly ok: true; readonly value?: string } | { readonly ok: false; readonly message: string; readonly defer: boolean };

/** Expand an option; undefined value for an unset option or a forced failure. */
export async function expandOption(text: string | undefined, ectx: ExpandContext): Promise<Expansion> {
  if (text === undefined) return { ok: true };
  if (!text.includes('$') && !text.includes('\\')) return { ok: true, value: text };
  try {
    return { ok: true, value: (await ectx.services.expand(text, ectx)).s };
  } catch (e) {
    if (!(e instanceof ExpandError)) throw e;
    if (e.forced) return { ok: true };
    return { ok: false, message: e.message, defer: e.kind === 'defer' };
  }
}

/** An expanded yes/no string option (ipv4_only, ipv4_prefer): set and not empty/0/no/false. */
async function expandedFlag(text: string | undefined, ectx: ExpandContext): Promise<boolean> {
  const r = await expandOption(text, ectx);
  return r.ok && r.value !== undefined && stringIsTrue(r.value);
}

/** The lookup environment for routing `addr` with this router's options. */
export async function routerHostEnv(
  options: DriverOptions,
  addr: AddressItem,
  ctx: RoutingContext,
  ectx: ExpandContext,
  flags: { readonly ipv4Only?: string; readonly ipv4Prefer?: string } = {},
): Promise<RouterHostEnv | { readonly error: string; readonly defer: boolean }> {
  const request = await expandOption(options.str('dnssec_request_domains'), ectx);
  const require = await expandOption(options.str('dnssec_require_domains'), ectx);
  for (const r of [request, require]) if (!r.ok) return { error: r.message, defer: r.defer };
  const policy = await dnssecPolicy(addr.domain, { request: request.ok ? request.value : undefined, require: require.ok ? require.value : undefined }, ectx);
  const ipv4Lookup = domainListOption(ectx, 'dns_ipv4_lookup');
  const noIpv6 = ctx.config.mainOption('disable_ipv6') === true;
  return {
    resolver: ctx.dns.resolver,
    finder: ctx.dns.hosts,
    dnssecRequest: policy.request,
    dnssecRequire: policy.require,
    ipv4Only: await expandedFlag(flags.ipv4Only, ectx),
    ipv4Prefer: await expandedFlag(flags.ipv4Prefer, ectx),
    wantIpv6: async (name) => !noIpv6 && !(ipv4Lookup && (await ipv4Lookup(name))),
    shuffle: hostOrdering.shuffle,
    ignore: ignoreTargetTest(options.str('ignore_target_hosts'), ectx, ctx.dns.hosts.asHostResolver()),
    isLocal: localHostTest(ectx),
  };
}

/** The outcome of choosing a transport: its name (undefined when none is configured) or an error. */
export type TransportChoice = { readonly ok: true; readonly name?: string } | { readonly ok: false; readonly message: string };

/** Expand a transport option (generic `transport`, or a route_list rule's word) and check it exists. */
export async function chooseTransport(text: string | undefined, routerName: string, ectx: ExpandContext, ctx: RoutingContext): Promise<TransportChoice> {
  if (text === undefined) return { ok: true };
  const r = await expandOption(text, ectx);
  if (!r.ok) return { ok: false, message: `failed to expand transport "${text}" in ${routerName} router: ${r.message}` };
  if (r.value === undefined) return { ok: true };
  if (!ctx.config.transports.some((t) => t.name === r.value)) return { ok: false, message: `transport "${r.value}" not found in ${routerName} router` };
  return { ok: true, name: r.value };
}

/** Whether a configured transport delivers locally (every driver but smtp). */
export function isLocalTransport(ctx: RoutingContext, name: string): boolean {
  const t = ctx.config.transports.find((x) => x.name === name);
  return t !== undefined && t.driver !== 'smtp';
}
