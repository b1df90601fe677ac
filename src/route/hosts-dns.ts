/**
 * Finding the hosts for a mail domain in the DNS, as the dnslookup router (and manualroute's
 * `name/MX` items) do: SRV records when a service is asked for, else MX records, else the
 * domain's own address records (unless mx_domains forbids that); then the addresses of each
 * host; then the local host removed from the list (with all hosts of equal or higher
 * preference), or reported when it is among the most preferred.
 */
import { sortMx } from '../dns/mx.js';
import type { DnsResult, RecordOf, RecordType } from '../dns/types.js';
import { hostFromAddress, hostsFromLookup, isIpAddress, lookupByDns, type AddressLookupEnv, type Qualify } from './hosts-find.js';
import type { LocalHostTest } from './hosts-local.js';
import { isNullSrv, orderSrv, type RandomUpTo } from './hosts-srv.js';
import type { HostItem } from './types.js';

export interface DomainHostsRequest {
  readonly domain: string;
  /** check_srv: the service name (SRV records `_service._tcp.domain` are tried first). */
  readonly srvService?: string;
  /** false when the domain matches mx_domains: no implicit MX from address records. */
  readonly allowAddressRecords: boolean;
  /** srv_fail_domains / mx_fail_domains matched: a DNS failure counts as "no records". */
  readonly srvFailIsNone: boolean;
  readonly mxFailIsNone: boolean;
  readonly qualify: Qualify;
  /** dnssec_require_domains matched: unauthenticated answers are not used. */
  readonly dnssecRequire: boolean;
  /** allow_mx_to_ip main option. */
  readonly allowMxToIp: boolean;
  readonly isLocal: LocalHostTest;
  /** SRV weight draws (tests). */
  readonly srvRandom?: RandomUpTo;
}

export const NO_SMTP_SERVICE = 'an MX or SRV record indicated no SMTP service';
export const MX_HOSTS_MISSING = 'all relevant MX records point to non-existent hosts';
export const LOOKUP_INSECURE = 'host lookup done insecurely';

export type DomainHosts =
  /** `removedLocal`: the local host was in the list at a lower preference and was cut off. */
  | { readonly kind: 'found'; readonly hosts: HostItem[]; readonly fullyQualified: string; readonly removedLocal: boolean }
  /** The local host is among the most preferred: the router's self option decides. */
  | { readonly kind: 'local'; readonly hosts: HostItem[]; readonly first: HostItem; readonly fullyQualified: string }
  /** No usable host; `message` is Exim's explanation when it has one. */
  | { readonly kind: 'failed'; readonly message?: string }
  | { readonly kind: 'again'; readonly reason: string }
  | { readonly kind: 'insecure' };

interface Target {
  readonly name: string;
  readonly port?: number;
  readonly mx: number;
}

type Stage =
  | { readonly kind: 'targets'; readonly targets: Target[]; readonly fullyQualified: string }
  | { readonly kind: 'none' }
  | Exclude<DomainHosts, { kind: 'found' | 'local' }>;

/** One record type looked up under each name the resolver's search rules give, noting which name answered. */
async function lookupQualified<T extends RecordType>(
  name: string,
  type: T,
  env: AddressLookupEnv,
  qualify: Qualify,
): Promise<{ result: DnsResult<T>; queried: string }> {
  let nodata: { result: DnsResult<T>; queried: string } | undefined;
  let last: { result: DnsResult<T>; queried: string } = { result: { kind: 'nxdomain', secure: false }, queried: name };
  for (const candidate of env.resolver.candidateNames(name.replace(/\.$/, ''), qualify)) {
    const result = await env.resolver.lookup(candidate, type, { dnssec: env.dnssecRequest });
    if (result.kind === 'found' || result.kind === 'again' || result.kind === 'fail') return { result, queried: candidate };
    last = { result, queried: candidate };
    if (result.kind === 'nodata') nodata ??= last;
  }
  return nodata ?? last;
}

async function srvStage(req: DomainHostsRequest, env: AddressLookupEnv): Promise<Stage> {
  const prefix = `_${req.srvService}._tcp.`;
  const { result, queried } = await lookupQualified(`${prefix}${req.domain}`, 'SRV', env, { searchParents: req.qualify.searchParents });
  if (result.kind === 'again' || result.kind === 'fail') return req.srvFailIsNone ? { kind: 'none' } : { kind: 'again', reason: result.reason };
  if (result.kind !== 'found') return { kind: 'none' };
  if (req.dnssecRequire && !result.secure) return { kind: 'insecure' };
  const records = result.records.filter((r): r is RecordOf<'SRV'> => r.type === 'SRV');
  if (isNullSrv(records)) return { kind: 'failed', message: NO_SMTP_SERVICE };
  const targets = orderSrv(records, req.srvRandom).map((t) => ({ name: t.name, port: t.port, mx: t.priority }));
  const fullyQualified = queried.toLowerCase().startsWith(prefix.toLowerCase()) ? queried.slice(prefix.length) : req.domain;
  return { kind: 'targets', targets, fullyQualified };
}

async function mxStage(req: DomainHostsRequest, env: AddressLookupEnv): Promise<Stage> {
  const { result, queried } = await lookupQualified(req.domain, 'MX', env, req.qualify);
  if (result.kind === 'again' || result.kind === 'fail') return req.mxFailIsNone ? { kind: 'none' } : { kind: 'again', reason: result.reason };
  if (result.kind !== 'found') return { kind: 'none' };
  if (req.dnssecRequire && !result.secure) return { kind: 'insecure' };
  const records = result.records.filter((r): r is RecordOf<'MX'> => r.type === 'MX');
  if (records.length === 1 && records[0]!.exchange === '' && records[0]!.preference === 0) return { kind: 'failed', message: NO_SMTP_SERVICE };
  const targets = sortMx(records, env.shuffle).map((m) => ({ name: m.name, mx: m.preference }));
  return { kind: 'targets', targets, fullyQualified: queried };
}

/** No SRV or MX records: the domain's own addresses, as an implicit MX. */
async function addressStage(req: DomainHostsRequest, env: AddressLookupEnv): Promise<DomainHosts> {
  if (!req.allowAddressRecords) return { kind: 'failed' };
  const r = await lookupByDns(req.domain, env, req.qualify);
  if (r.kind === 'again') return { kind: 'again', reason: r.reason };
  if (r.kind === 'notfound') return { kind: 'failed' };
  if (req.dnssecRequire && !r.secure) return { kind: 'insecure' };
  const hosts = await hostsFromLookup(r, env, { mx: -1 });
  if (hosts.length === 0) return { kind: 'failed' };
  return checkLocal(hosts, r.queried, req);
}

/** Addresses of the MX or SRV targets; unresolvable ones stay in the list, marked unusable. */
async function resolveTargets(targets: readonly Target[], fullyQualified: string, req: DomainHostsRequest, env: AddressLookupEnv): Promise<DomainHosts> {
  const hosts: HostItem[] = [];
  let again: string | undefined;
  let pointsToIp = false;
  for (const t of targets) {
    const unusable: HostItem = { name: t.name, port: t.port, mx: t.mx, dnssec: 'unknown', status: 'unusable', why: 'failed' };
    if (isIpAddress(t.name)) {
      if (!req.allowMxToIp) {
        pointsToIp = true;
        continue;
      }
      const h = await hostFromAddress(t.name, env, { port: t.port, mx: t.mx });
      if (h) hosts.push(h);
      continue;
    }
    const r = await lookupByDns(t.name, env);
    if (r.kind === 'found' && !(req.dnssecRequire && !r.secure)) hosts.push(...(await hostsFromLookup(r, env, { port: t.port, mx: t.mx })));
    else {
      if (r.kind === 'again') again ??= r.reason;
      hosts.push(unusable);
    }
  }
  if (!hosts.some((h) => h.address !== undefined)) {
    if (again !== undefined) return { kind: 'again', reason: again };
    return { kind: 'failed', message: pointsToIp ? `${MX_HOSTS_MISSING} or (invalidly) to IP addresses` : MX_HOSTS_MISSING };
  }
  return checkLocal(hosts, fullyQualified, req);
}

/**
 * The local host among the most preferred hosts is reported; further down the list it is
 * removed with every host of the same or a higher preference value.
 */
async function checkLocal(hosts: HostItem[], fullyQualified: string, req: DomainHostsRequest): Promise<DomainHosts> {
  for (const h of hosts) {
    if (h.address === undefined || !(await req.isLocal(h))) continue;
    if (h.mx <= hosts[0]!.mx) return { kind: 'local', hosts, first: h, fullyQualified };
    const kept = hosts.filter((x) => x.mx < h.mx);
    return { kind: 'found', hosts: kept, fullyQualified, removedLocal: true };
  }
  return { kind: 'found', hosts, fullyQualified, removedLocal: false };
}

export async function findDomainHosts(req: DomainHostsRequest, env: AddressLookupEnv): Promise<DomainHosts> {
  let stage: Stage = { kind: 'none' };
  if (req.srvService !== undefined) stage = await srvStage(req, env);
  if (stage.kind === 'none') stage = await mxStage(req, env);
  if (stage.kind === 'none') return addressStage(req, env);
  if (stage.kind !== 'targets') return stage;
  return resolveTargets(stage.targets, stage.fullyQualified, req, env);
}
