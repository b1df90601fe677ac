/**
 * Host lookups the MTA needs, in Exim's two styles:
 * - bydns (host_find_bydns): AAAA then A straight from the DNS, IPv6 addresses first; AAAA is
 *   skipped for names in dns_ipv4_lookup (or when IPv6 is disabled).
 * - byname (host_find_byname, i.e. gethostbyname): /etc/hosts first, then the DNS with the
 *   search list applied as the C resolver does.
 * Reverse lookups (host_lookup, $sender_host_name): PTR names by host_lookup_order
 * (bydns: the DNS; byaddr: /etc/hosts then the DNS), each name then confirmed by a forward
 * lookup that must give back the address; the first confirmed name is the host name, the other
 * confirmed names its aliases.
 */
import { LookupDefer } from '../lookups/types.js';
import type { HostResolver } from '../match/types.js';
import { HostsFile, sameAddress } from './hosts-file.js';
import { reverseName } from './names.js';
import type { DnsResolver, DomainPredicate } from './resolver.js';

export type HostAddresses =
  | { readonly kind: 'found'; readonly name: string; readonly addresses: readonly string[]; readonly secure: boolean }
  | { readonly kind: 'notfound'; readonly secure: boolean }
  | { readonly kind: 'again'; readonly reason: string };

export type HostNames =
  | { readonly kind: 'found'; readonly name: string; readonly aliases: readonly string[] }
  /** PTR names exist but none maps back to the address (Exim: "host name lookup failed"). */
  | { readonly kind: 'unverified'; readonly names: readonly string[] }
  | { readonly kind: 'notfound' }
  | { readonly kind: 'again'; readonly reason: string };

export type LookupOrder = ReadonlyArray<'bydns' | 'byaddr'>;

export interface HostFinderOptions {
  /** dns_ipv4_lookup: names for which no AAAA lookup is done. */
  readonly ipv4Lookup?: DomainPredicate;
  readonly disableIpv6?: boolean;
  readonly hostsFile?: HostsFile;
}

export interface FindOptions {
  readonly dnssec?: boolean;
  readonly qualifySingle?: boolean;
  readonly searchParents?: boolean;
}

export class HostFinder {
  readonly hosts: HostsFile;

  constructor(
    readonly resolver: DnsResolver,
    private readonly opts: HostFinderOptions = {},
  ) {
    this.hosts = opts.hostsFile ?? new HostsFile();
  }

  private async wantIpv6(name: string): Promise<boolean> {
    if (this.opts.disableIpv6) return false;
    return !(this.opts.ipv4Lookup && (await this.opts.ipv4Lookup(name)));
  }

  async byDns(name: string, opts: FindOptions = {}): Promise<HostAddresses> {
    const lookups = (await this.wantIpv6(name)) ? (['AAAA', 'A'] as const) : (['A'] as const);
    const addresses: string[] = [];
    let canonical = name.replace(/\.$/, '');
    let secure = true;
    let again: string | undefined;
    for (const type of lookups) {
      const r = await this.resolver.lookup(name, type, opts);
      if (r.kind === 'again') again ??= r.reason;
      secure &&= r.secure;
      if (r.kind !== 'found') continue;
      canonical = r.name;
      for (const rec of r.records) if (rec.type === 'A' || rec.type === 'AAAA') addresses.push(rec.address);
    }
    if (addresses.length > 0) return { kind: 'found', name: canonical, addresses, secure };
    if (again !== undefined) return { kind: 'again', reason: again };
    return { kind: 'notfound', secure };
  }

  async byName(name: string, opts: FindOptions = {}): Promise<HostAddresses> {
    const entries = this.hosts.byName(name);
    if (entries.length > 0) {
      const v6 = await this.wantIpv6(name);
      const all = entries.map((e) => e.address).filter((a) => v6 || !a.includes(':'));
      const ordered = [...all.filter((a) => a.includes(':')), ...all.filter((a) => !a.includes(':'))];
      if (ordered.length > 0) return { kind: 'found', name: entries[0]!.names[0]!, addresses: ordered, secure: false };
    }
    return this.byDns(name, { qualifySingle: true, searchParents: true, ...opts });
  }

  /** PTR names of an address, unconfirmed. */
  async ptrNames(address: string, order: LookupOrder = ['bydns', 'byaddr']): Promise<HostNames> {
    let again: string | undefined;
    for (const method of order) {
      if (method === 'byaddr') {
        const names = this.hosts.byAddress(address).flatMap((e) => e.names);
        if (names.length > 0) return { kind: 'unverified', names };
      }
      const ptr = reverseName(address);
      if (ptr === undefined) return { kind: 'notfound' };
      const r = await this.resolver.lookup(ptr, 'PTR');
      if (r.kind === 'again') again ??= r.reason;
      if (r.kind !== 'found') continue;
      const names = r.records.flatMap((rec) => (rec.type === 'PTR' && rec.target !== '' ? [rec.target] : []));
      if (names.length > 0) return { kind: 'unverified', names };
    }
    return again !== undefined ? { kind: 'again', reason: again } : { kind: 'notfound' };
  }

  /** Reverse lookup with forward confirmation (Exim's host_name_lookup). */
  async verifiedNames(address: string, order: LookupOrder = ['bydns', 'byaddr']): Promise<HostNames> {
    const ptr = await this.ptrNames(address, order);
    if (ptr.kind !== 'unverified') return ptr;
    const confirmed: string[] = [];
    for (const name of ptr.names) {
      const fwd = await this.byName(name, { qualifySingle: false, searchParents: false });
      if (fwd.kind === 'again') return { kind: 'again', reason: fwd.reason };
      if (fwd.kind === 'found' && fwd.addresses.some((a) => sameAddress(a, address))) confirmed.push(name);
    }
    if (confirmed.length === 0) return ptr;
    return { kind: 'found', name: confirmed[0]!, aliases: confirmed.slice(1) };
  }

  /** The list matcher's view of this finder (match/types HostResolver). */
  asHostResolver(order?: LookupOrder): HostResolver {
    return {
      addressesOf: async (name) => {
        const r = await this.byName(name);
        if (r.kind === 'again') throw new LookupDefer(`temporary DNS error looking up ${name}: ${r.reason}`);
        return r.kind === 'found' ? [...r.addresses] : null;
      },
      namesOf: async (address) => {
        const r = await this.verifiedNames(address, order);
        if (r.kind === 'again') throw new LookupDefer(`temporary DNS error looking up ${address}: ${r.reason}`);
        return r.kind === 'found' ? [r.name, ...r.aliases] : null;
      },
    };
  }
}
