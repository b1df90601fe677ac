/**
 * The hosts an smtp delivery tries: the address's own (from the router) unless the transport's
 * `hosts` applies (no router hosts, or hosts_override), each name resolved to its IP addresses
 * (several addresses of one name become several HostItems), in order or randomized.
 */
import { isIP } from 'node:net';
import { hostListItems, unresolvedHost } from '../../route/hosts-list.js';
import type { AddressItem, HostItem } from '../../route/types.js';
import type { TransportContext } from '../types.js';
import type { OptionExpander } from './expand.js';
import type { SmtpOptions } from './options.js';

const WELL_KNOWN_PORTS: Record<string, number> = { smtp: 25, lmtp: 24, smtps: 465, submission: 587, submissions: 465 };

/** A port option value as a number; undefined when it names no known service. */
export function portNumber(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  return WELL_KNOWN_PORTS[t.toLowerCase()];
}

export type HostListResult = { readonly ok: true; readonly hosts: HostItem[]; readonly fromTransport: boolean } | { readonly ok: false; readonly message: string };

/** The host list for a batch (all addresses of a batch share their hosts). */
export async function chooseHosts(addr: AddressItem, opts: SmtpOptions, exp: OptionExpander): Promise<HostListResult> {
  const useTransport = opts.hosts !== undefined && (opts.hostsOverride || addr.hosts.length === 0);
  if (!useTransport) {
    if (addr.hosts.length === 0) return { ok: false, message: `No hosts specified for ${opts.name} transport` };
    // The router's HostItems themselves, so status/why set here are seen by the caller.
    const hosts = [...addr.hosts];
    const randomize = opts.hostsRandomize && hosts.every((h) => h.mx < 0);
    return { ok: true, hosts: randomize ? shuffle(hosts) : hosts, fromTransport: false };
  }
  let list: string | undefined;
  try {
    list = await exp.string('hosts', opts.hosts);
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const hosts = hostListItems(list ?? '', opts.hostsRandomize).map((i) => unresolvedHost(i.name, i.port));
  if (hosts.length === 0) return { ok: false, message: `No hosts specified for ${opts.name} transport` };
  return { ok: true, hosts, fromTransport: true };
}

/** fallback_hosts of the transport, for addresses that have none of their own. */
export function fallbackHosts(opts: SmtpOptions): HostItem[] {
  if (opts.fallbackHosts === undefined) return [];
  return hostListItems(opts.fallbackHosts, opts.hostsRandomize).map((i) => unresolvedHost(i.name, i.port));
}

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export type Resolution = { readonly kind: 'ok'; readonly hosts: HostItem[] } | { readonly kind: 'again'; readonly message: string } | { readonly kind: 'notfound'; readonly message: string };

/** Host items with addresses: IP literals as they are, names looked up (DNS, or byname with gethostbyname). */
export async function resolveHost(host: HostItem, opts: SmtpOptions, ctx: TransportContext): Promise<Resolution> {
  if (host.address) return { kind: 'ok', hosts: [host] };
  const literal = host.name.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal)) return { kind: 'ok', hosts: [{ ...host, address: literal }] };
  const r = opts.gethostbyname ? await ctx.dns.hosts.byName(host.name) : await ctx.dns.hosts.byDns(host.name, { qualifySingle: true });
  if (r.kind === 'again') return { kind: 'again', message: `failed to lookup IP address for ${host.name}` };
  if (r.kind === 'notfound') return { kind: 'notfound', message: `failed to lookup IP address for ${host.name}` };
  return { kind: 'ok', hosts: r.addresses.map((a) => ({ ...host, address: a, dnssec: r.secure ? 'yes' : 'no' })) };
}
