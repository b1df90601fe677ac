/**
 * Finding the IP addresses of one host name for a router, in Exim's two styles: straight from
 * the DNS (AAAA and A records; "bydns") or through the system's name service (/etc/hosts,
 * then the DNS with the search list; "byname"). The addresses of one host are put in a random
 * order, IPv6 before IPv4 (or after, with ipv4_prefer); ignore_target_hosts drops addresses.
 */
import type { HostFinder } from '../dns/host.js';
import type { Shuffler } from '../dns/mx.js';
import type { DnsResolver } from '../dns/resolver.js';
import { parseIpAddress } from '../lookups/ip-address.js';
import type { IgnoreTest } from './hosts-ignore.js';
import type { HostItem } from './types.js';

export interface AddressLookupEnv {
  readonly resolver: DnsResolver;
  readonly finder: HostFinder;
  /** Set the DO bit (dnssec_request_domains / dnssec_require_domains matched). */
  readonly dnssecRequest: boolean;
  readonly ipv4Only: boolean;
  readonly ipv4Prefer: boolean;
  /** dns_ipv4_lookup and disable_ipv6: whether AAAA records are wanted for a name. */
  readonly wantIpv6: (name: string) => Promise<boolean>;
  readonly shuffle: Shuffler;
  readonly ignore: IgnoreTest;
}

export type AddressLookup =
  | {
      readonly kind: 'found';
      /** Canonical name (after CNAMEs): the host's name from now on. */
      readonly name: string;
      /** The name that was found (after qualification by the resolver, before CNAMEs). */
      readonly queried: string;
      readonly v6: readonly string[];
      readonly v4: readonly string[];
      readonly secure: boolean;
      readonly byDns: boolean;
    }
  | { readonly kind: 'notfound'; readonly secure: boolean }
  | { readonly kind: 'again'; readonly reason: string };

export interface Qualify {
  readonly qualifySingle?: boolean;
  readonly searchParents?: boolean;
}

/** Whether `name` is an IP address (so no lookup is needed). */
export function isIpAddress(name: string): boolean {
  return parseIpAddress(name) !== null;
}

/** AAAA and A records of `name`, trying the names the resolver's search rules give in turn. */
export async function lookupByDns(name: string, env: AddressLookupEnv, qualify: Qualify = {}): Promise<AddressLookup> {
  const types = env.ipv4Only || !(await env.wantIpv6(name)) ? (['A'] as const) : (['AAAA', 'A'] as const);
  let again: string | undefined;
  let secure = true;
  for (const candidate of env.resolver.candidateNames(name.replace(/\.$/, ''), qualify)) {
    const found: { v6: string[]; v4: string[] } = { v6: [], v4: [] };
    let canonical = candidate;
    for (const type of types) {
      const r = await env.resolver.lookup(candidate, type, { dnssec: env.dnssecRequest });
      if (r.kind === 'again' || r.kind === 'fail') {
        again ??= r.reason;
        continue;
      }
      secure &&= r.secure;
      if (r.kind !== 'found') continue;
      canonical = r.name;
      for (const rec of r.records) (rec.type === 'AAAA' ? found.v6 : found.v4).push(rec.address);
    }
    if (found.v6.length + found.v4.length > 0) {
      return { kind: 'found', name: canonical, queried: candidate, ...found, secure, byDns: true };
    }
  }
  return again !== undefined ? { kind: 'again', reason: again } : { kind: 'notfound', secure };
}

/** The system's way (gethostbyname): /etc/hosts first, then the DNS with the search list. */
export async function lookupByName(name: string, env: AddressLookupEnv): Promise<AddressLookup> {
  const r = await env.finder.byName(name, { dnssec: env.dnssecRequest });
  if (r.kind !== 'found') return r;
  const wantV6 = !env.ipv4Only && (await env.wantIpv6(name));
  const v6 = wantV6 ? r.addresses.filter((a) => a.includes(':')) : [];
  const v4 = r.addresses.filter((a) => !a.includes(':'));
  if (v6.length + v4.length === 0) return { kind: 'notfound', secure: r.secure };
  return { kind: 'found', name: r.name, queried: name, v6, v4, secure: r.secure, byDns: false };
}

/**
 * The hosts for a successful lookup: one HostItem per address not ignored, in Exim's order.
 * Empty when every address is ignored.
 */
export async function hostsFromLookup(
  found: Extract<AddressLookup, { kind: 'found' }>,
  env: AddressLookupEnv,
  extra: { readonly port?: number; readonly mx: number },
): Promise<HostItem[]> {
  const v6 = env.shuffle([...found.v6]);
  const v4 = env.shuffle([...found.v4]);
  const ordered = env.ipv4Prefer ? [...v4, ...v6] : [...v6, ...v4];
  const dnssec: HostItem['dnssec'] = found.byDns && env.dnssecRequest ? (found.secure ? 'yes' : 'no') : 'unknown';
  const hosts: HostItem[] = [];
  for (const address of ordered) {
    if (await env.ignore(address, found.name)) continue;
    hosts.push({ name: found.name, address, port: extra.port, mx: extra.mx, dnssec, status: 'unknown' });
  }
  return hosts;
}

/** A host written as an IP address: no lookup, but ignore_target_hosts still applies. */
export async function hostFromAddress(address: string, env: AddressLookupEnv, extra: { readonly port?: number; readonly mx: number; readonly name?: string }): Promise<HostItem | null> {
  if (await env.ignore(address, extra.name ?? address)) return null;
  return { name: extra.name ?? address, address, port: extra.port, mx: extra.mx, dnssec: 'unknown', status: 'unknown' };
}
