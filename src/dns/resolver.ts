/**
 * The stub resolver: one lookup of (name, type) against the configured recursive servers,
 * classified as Exim's DNS layer classifies it, with CNAME chains followed, the search list
 * applied when asked, answers cached by TTL, and the AD bit of the (trusted) server reported.
 */
import { randomInt } from 'node:crypto';
import { TtlCache } from './cache.js';
import { exchange, type ServerAddress } from './transport.js';
import { DnsError, DnsNameError, RCODE, TYPE_CODES, type DnsMessage, type DnsRecord, type DnsResult, type RecordOf, type RecordType } from './types.js';
import { encodeQuery } from './wire.js';

/** A yes/no test of a domain, e.g. membership of a domain list option. */
export type DomainPredicate = (domain: string) => boolean | Promise<boolean>;

export interface ResolverConfig {
  readonly servers: readonly ServerAddress[];
  /** Base per-try timeout in milliseconds. */
  readonly timeoutMs: number;
  /** Rounds over the server list. */
  readonly attempts: number;
  readonly useTcp?: boolean;
  /** Start each query at the next server in turn (resolv.conf `options rotate`). */
  readonly rotate?: boolean;
  /** Search list; the first entry is the default domain for qualify_single. */
  readonly search?: readonly string[];
  readonly ndots?: number;
  /** Send an EDNS0 OPT record on every query (dns_use_edns0 / `options edns0`). */
  readonly useEdns0?: boolean;
  /** Set the DO bit on every query (dns_dnssec_ok = 1). */
  readonly dnssecOk?: boolean;
  /** Believe the AD bit of the server's answers (default true: the configured server is trusted). */
  readonly trustAd?: boolean;
  /** How many times a CNAME whose target is not in the answer is looked up again (dns_cname_loops). */
  readonly cnameLoops?: number;
  /** dns_again_means_nonexist: a temporary failure for these names counts as "no such name". */
  readonly againMeansNonexist?: DomainPredicate;
  /** dns_trust_aa: an authoritative answer for these names counts as DNSSEC-authenticated. */
  readonly trustAa?: DomainPredicate;
  /** dns_check_names_pattern: names that fail it are treated as non-existent (not for PTR/TXT/SRV...). */
  readonly checkName?: (name: string) => boolean;
  /** Disable the answer cache (tests). */
  readonly noCache?: boolean;
}

export interface LookupOptions {
  /** Ask for DNSSEC (DO bit) on this lookup, whatever dnssecOk says. */
  readonly dnssec?: boolean;
  readonly timeoutMs?: number;
  readonly attempts?: number;
  /** Qualify a single-label name with the default domain (Exim's qualify_single). */
  readonly qualifySingle?: boolean;
  /** Try the search list's domains (Exim's search_parents). */
  readonly searchParents?: boolean;
}

/** Types whose names may legitimately break host-name syntax, so dns_check_names_pattern is skipped. */
const UNCHECKED_TYPES = new Set<RecordType>(['PTR', 'TXT', 'SPF', 'SRV', 'TLSA']);

/** An answer as cached: the classification of one response. */
type RawOutcome =
  | { readonly kind: 'answer'; readonly records: readonly DnsRecord[]; readonly secure: boolean }
  | { readonly kind: 'nxdomain' | 'nodata'; readonly secure: boolean }
  | { readonly kind: 'again' | 'fail'; readonly reason: string; readonly secure: false };

const MAX_CHAIN = 16;

export class DnsResolver {
  private readonly cache = new TtlCache<RawOutcome>();
  private nextServer = 0;

  constructor(readonly config: ResolverConfig) {}

  clearCache(): void {
    this.cache.clear();
  }

  /** Look a name up; never throws for DNS outcomes (see DnsResult). */
  async lookup<T extends RecordType>(name: string, type: T, opts: LookupOptions = {}): Promise<DnsResult<T>> {
    const bare = name.replace(/\.$/, '');
    if (bare === '' && type !== 'NS' && type !== 'SOA') return { kind: 'fail', reason: 'empty domain name', secure: false };
    if (this.config.checkName && !UNCHECKED_TYPES.has(type) && !this.config.checkName(bare)) {
      return { kind: 'nxdomain', secure: false };
    }
    let sawNodata: DnsResult<T> | undefined;
    let last: DnsResult<T> = { kind: 'nxdomain', secure: false };
    for (const candidate of this.candidateNames(bare, opts)) {
      const r = await this.lookupOne(candidate, type, opts);
      if (r.kind === 'found' || r.kind === 'again' || r.kind === 'fail') return r;
      if (r.kind === 'nodata') sawNodata ??= r;
      last = r;
    }
    return sawNodata ?? last;
  }

  /** The names tried for one lookup, in order (the C resolver's res_search rules). */
  candidateNames(name: string, opts: LookupOptions): string[] {
    const search = this.config.search ?? [];
    const dots = (name.match(/\./g) ?? []).length;
    if (opts.searchParents && search.length > 0) {
      const qualified = search.map((d) => `${name}.${d}`);
      return dots >= (this.config.ndots ?? 1) ? [name, ...qualified] : [...qualified, name];
    }
    if (opts.qualifySingle && dots === 0 && search[0]) return [`${name}.${search[0]}`];
    return [name];
  }

  private async lookupOne<T extends RecordType>(name: string, type: T, opts: LookupOptions): Promise<DnsResult<T>> {
    let current = name;
    let secure = true;
    let ttl = Infinity;
    let requeries = this.config.cnameLoops ?? 1;
    for (let loop = 0; loop < MAX_CHAIN; loop++) {
      const raw = await this.rawLookup(current, type, opts);
      if (raw.kind !== 'answer') return raw.kind === 'again' || raw.kind === 'fail' ? raw : { kind: raw.kind, secure: secure && raw.secure };
      secure &&= raw.secure;
      const chain = followChain(raw.records, current, type);
      ttl = Math.min(ttl, chain.ttl);
      if (chain.records.length > 0) {
        return { kind: 'found', name: chain.owner, records: chain.records as unknown as ReadonlyArray<RecordOf<T>>, secure, ttl: Number.isFinite(ttl) ? ttl : 0 };
      }
      if (chain.owner.toLowerCase() === current.toLowerCase() || requeries-- <= 0) return { kind: 'nodata', secure };
      current = chain.owner;
    }
    return { kind: 'fail', reason: `CNAME chain too long for ${name}`, secure: false };
  }

  private async rawLookup(name: string, type: RecordType, opts: LookupOptions): Promise<RawOutcome> {
    const dnssec = opts.dnssec ?? this.config.dnssecOk ?? false;
    const key = `${name.toLowerCase()}\0${type}\0${dnssec ? 1 : 0}`;
    if (!this.config.noCache) {
      const hit = this.cache.get(key);
      if (hit) return hit;
    }
    let msg: DnsMessage;
    try {
      const query = encodeQuery({
        id: randomInt(0x10000),
        name,
        type: TYPE_CODES[type],
        ad: dnssec,
        ednsUdpSize: this.config.useEdns0 || dnssec ? 1232 : undefined,
        dnssecOk: dnssec,
      });
      msg = await exchange(query, {
        servers: this.serverOrder(),
        timeoutMs: opts.timeoutMs ?? this.config.timeoutMs,
        attempts: opts.attempts ?? this.config.attempts,
        useTcp: this.config.useTcp,
      });
    } catch (err) {
      if (err instanceof DnsNameError) return { kind: 'fail', reason: err.message, secure: false };
      if (!(err instanceof DnsError)) throw err;
      return this.temporary(name, err.message);
    }
    const outcome = await this.classify(msg, name);
    if (!this.config.noCache && outcome.kind !== 'again' && outcome.kind !== 'fail') this.cache.set(key, outcome, cacheTtl(msg, outcome));
    return outcome;
  }

  private serverOrder(): readonly ServerAddress[] {
    const list = this.config.servers;
    if (!this.config.rotate || list.length < 2) return list;
    const start = this.nextServer++ % list.length;
    return [...list.slice(start), ...list.slice(0, start)];
  }

  private async temporary(name: string, reason: string): Promise<RawOutcome> {
    if (this.config.againMeansNonexist && (await this.config.againMeansNonexist(name))) return { kind: 'nxdomain', secure: false };
    return { kind: 'again', reason, secure: false };
  }

  private async classify(msg: DnsMessage, name: string): Promise<RawOutcome> {
    const rcode = msg.header.rcode;
    if (rcode === RCODE.SERVFAIL) return this.temporary(name, 'server failure (SERVFAIL)');
    if (rcode !== RCODE.NOERROR && rcode !== RCODE.NXDOMAIN) return { kind: 'fail', reason: `name server returned rcode ${rcode}`, secure: false };
    let secure = msg.header.ad && this.config.trustAd !== false;
    if (!secure && msg.header.aa && this.config.trustAa) secure = await this.config.trustAa(name);
    if (rcode === RCODE.NXDOMAIN) return { kind: 'nxdomain', secure };
    return { kind: 'answer', records: msg.answer, secure };
  }
}

/** Walk the answer from `owner` through CNAMEs to records of `type`. */
function followChain(answer: readonly DnsRecord[], start: string, type: RecordType): { owner: string; records: DnsRecord[]; ttl: number } {
  let owner = start;
  let ttl = Infinity;
  for (let hops = 0; hops <= MAX_CHAIN; hops++) {
    const lower = owner.toLowerCase();
    const here = answer.filter((r) => r.name.toLowerCase() === lower);
    const wanted = here.filter((r) => r.type === type);
    if (wanted.length > 0) return { owner, records: wanted, ttl: Math.min(ttl, ...wanted.map((r) => r.ttl)) };
    const cname = type === 'CNAME' ? undefined : here.find((r): r is RecordOf<'CNAME'> => r.type === 'CNAME');
    if (!cname) break;
    ttl = Math.min(ttl, cname.ttl);
    owner = cname.target;
  }
  return { owner, records: [], ttl };
}

/** How long a classified response may be reused. */
function cacheTtl(msg: DnsMessage, outcome: RawOutcome): number {
  if (outcome.kind === 'answer' && msg.answer.length > 0) return Math.min(...msg.answer.map((r) => r.ttl));
  const soa = msg.authority.find((r): r is RecordOf<'SOA'> => r.type === 'SOA');
  return soa ? Math.min(soa.ttl, soa.minimum) : 0;
}
