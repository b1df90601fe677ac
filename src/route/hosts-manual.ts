/**
 * Resolving a manualroute host list (spec "How the list of hosts is used"): each item in turn,
 * an IP address as it is, a name by the rule's lookup method, `name/MX` by its MX records. A
 * host that is this machine ends the list unless it comes first, when the self option decides.
 * A name that cannot be found is host_find_failed's case; a temporary failure defers (or passes
 * with pass_on_timeout, which the caller applies).
 */
import { findDomainHosts } from './hosts-dns.js';
import { hostFromAddress, hostsFromLookup, isIpAddress, lookupByDns, lookupByName, type AddressLookup } from './hosts-find.js';
import { unresolvedHost, type HostListItem } from './hosts-list.js';
import type { RouterHostEnv } from './hosts.js';
import type { LookupMethod } from './hosts-rules.js';
import type { HostItem } from './types.js';

export interface ManualHostsRequest {
  readonly items: readonly HostListItem[];
  readonly method: LookupMethod;
  /** host_find_failed = ignore: drop hosts that cannot be found. */
  readonly ignoreMissing: boolean;
  /** self = send: a local first host stays in the list. */
  readonly keepLocalFirst: boolean;
  readonly allowMxToIp: boolean;
  /** The host list as it stands (Exim leaves it on the address whatever the outcome). */
  progress(hosts: HostItem[]): void;
}

export type ManualHosts =
  /** `localFirst`: the first host is this machine and was kept (self = send). */
  | { readonly kind: 'found'; readonly hosts: HostItem[]; readonly localFirst?: HostItem }
  | { readonly kind: 'local'; readonly host: HostItem }
  | { readonly kind: 'notfound'; readonly name: string }
  | { readonly kind: 'again'; readonly name: string }
  | { readonly kind: 'allignored' };

type ItemHosts =
  | { readonly kind: 'hosts'; readonly hosts: HostItem[] }
  | { readonly kind: 'notfound' }
  | { readonly kind: 'again' }
  | { readonly kind: 'local-mx'; readonly hosts: HostItem[]; readonly first: HostItem };

async function lookupName(name: string, method: LookupMethod, env: RouterHostEnv): Promise<AddressLookup> {
  if (method === 'byname') return lookupByName(name, env);
  const dns = await lookupByDns(name, env);
  // The default: the DNS first, the system's resolver only when the DNS says "no such host".
  if (method === 'default' && dns.kind === 'notfound') return lookupByName(name, env);
  return dns;
}

async function resolveItem(item: HostListItem, req: ManualHostsRequest, env: RouterHostEnv): Promise<ItemHosts> {
  if (item.viaMx) {
    const r = await findDomainHosts(
      { domain: item.name, allowAddressRecords: false, srvFailIsNone: false, mxFailIsNone: false, qualify: {}, dnssecRequire: env.dnssecRequire, allowMxToIp: req.allowMxToIp, isLocal: env.isLocal },
      env,
    );
    if (r.kind === 'again') return { kind: 'again' };
    if (r.kind === 'failed' || r.kind === 'insecure') return { kind: 'notfound' };
    const withPort = (hs: HostItem[]) => hs.map((h) => ({ ...h, port: item.port ?? h.port }));
    if (r.kind === 'local') return { kind: 'local-mx', hosts: withPort(r.hosts), first: r.first };
    return { kind: 'hosts', hosts: withPort(r.hosts) };
  }
  if (isIpAddress(item.name)) {
    const h = await hostFromAddress(item.name, env, { port: item.port, mx: -1 });
    return h ? { kind: 'hosts', hosts: [h] } : { kind: 'notfound' };
  }
  const r = await lookupName(item.name, req.method, env);
  if (r.kind === 'again') return { kind: 'again' };
  if (r.kind === 'notfound') return { kind: 'notfound' };
  const hosts = await hostsFromLookup(r, env, { port: item.port, mx: -1 });
  return hosts.length > 0 ? { kind: 'hosts', hosts } : { kind: 'notfound' };
}

export async function resolveManualHosts(req: ManualHostsRequest, env: RouterHostEnv): Promise<ManualHosts> {
  const done: HostItem[] = [];
  let localFirst: HostItem | undefined;
  const items = req.items;
  const show = (from: number) => req.progress([...done, ...items.slice(from).map((i) => unresolvedHost(i.name, i.port))]);
  show(0);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const r = await resolveItem(item, req, env);
    if (r.kind === 'again') return { kind: 'again', name: item.name };
    if (r.kind === 'notfound') {
      if (!req.ignoreMissing) return { kind: 'notfound', name: item.name };
      show(i + 1);
      continue;
    }
    let local: HostItem | undefined = r.kind === 'local-mx' ? r.first : undefined;
    if (r.kind === 'hosts') {
      for (const h of r.hosts) if (local === undefined && (await env.isLocal(h))) local = h;
    }
    if (local !== undefined) {
      // The local host ends the list, unless it is first: then it is the self option's case.
      if (done.length > 0) break;
      if (!req.keepLocalFirst) return { kind: 'local', host: local };
      localFirst = local;
    }
    done.push(...r.hosts);
    show(i + 1);
  }
  req.progress([...done]);
  if (done.length === 0) return { kind: 'allignored' };
  return { kind: 'found', hosts: done, localFirst };
}
