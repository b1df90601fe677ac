/**
 * Building a resolver from Exim's dns_* main options layered over /etc/resolv.conf: an option
 * left at its default (0 or -1) keeps the system resolver's setting, as Exim leaves the C
 * resolver's defaults alone in that case.
 */
import type { ExpandContext } from '../expand/types.js';
import { matchDomainList } from '../match/index.js';
import { compileRegex } from '../regex/index.js';
import type { ResolvConf } from './resolv-conf.js';
import type { DomainPredicate, ResolverConfig } from './resolver.js';

/** The main options this module reads, as the config module stores them (time in seconds). */
export interface DnsMainOptions {
  readonly dns_retrans?: number;
  readonly dns_retry?: number;
  readonly dns_use_edns0?: number;
  readonly dns_dnssec_ok?: number;
  readonly dns_cname_loops?: number;
  readonly dns_check_names_pattern?: string;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function mainDnsOptions(ctx: ExpandContext): DnsMainOptions {
  const o = (name: string) => ctx.config.mainOption(name);
  return {
    dns_retrans: num(o('dns_retrans')),
    dns_retry: num(o('dns_retry')),
    dns_use_edns0: num(o('dns_use_edns0')),
    dns_dnssec_ok: num(o('dns_dnssec_ok')),
    dns_cname_loops: num(o('dns_cname_loops')),
    dns_check_names_pattern: str(o('dns_check_names_pattern')),
  };
}

/** Default of dns_check_names_pattern (used when the option is absent from the view). */
export const DEFAULT_CHECK_NAMES_PATTERN = '(?i)^(?>(?(1)\\.|())[^\\W](?>[a-z0-9/_-]*[^\\W])?)+(\\.?)$';

const LABEL = '\\w(?:[a-z0-9/_-]*\\w)?';
const DEFAULT_CHECK_NAMES = new RegExp(`^${LABEL}(?:\\.${LABEL})*\\.?$`, 'i');

function checkNamesFrom(pattern: string | undefined): ((name: string) => boolean) | undefined {
  const p = pattern ?? DEFAULT_CHECK_NAMES_PATTERN;
  if (p === '') return undefined; // an empty pattern turns the check off
  try {
    const re = compileRegex(p);
    return (name) => re.test(name);
  } catch {
    // The regex module cannot translate PCRE conditionals, which the default uses: an equivalent
    // (dot-separated labels that start and end with a word character) is written out here.
    if (p === DEFAULT_CHECK_NAMES_PATTERN) return (name) => DEFAULT_CHECK_NAMES.test(name);
    return undefined;
  }
}

export function resolverConfigFrom(sys: ResolvConf, opts: DnsMainOptions, extra: Partial<ResolverConfig> = {}): ResolverConfig {
  const retrans = opts.dns_retrans ?? 0;
  const retry = opts.dns_retry ?? 0;
  const edns = opts.dns_use_edns0 ?? -1;
  return {
    servers: sys.servers,
    timeoutMs: (retrans > 0 ? retrans : sys.timeoutSec) * 1000,
    attempts: retry > 0 ? retry : sys.attempts,
    useTcp: sys.useTcp,
    rotate: sys.rotate,
    search: sys.search,
    ndots: sys.ndots,
    useEdns0: edns < 0 ? sys.edns0 : edns > 0,
    dnssecOk: (opts.dns_dnssec_ok ?? -1) > 0,
    trustAd: true,
    cnameLoops: opts.dns_cname_loops ?? 1,
    checkName: checkNamesFrom(opts.dns_check_names_pattern),
    ...extra,
  };
}

/**
 * A predicate from a domain-list main option (dns_again_means_nonexist, dns_trust_aa,
 * dns_ipv4_lookup). The option is expanded and matched in the context given here; these
 * options rarely depend on message data.
 */
export function domainListOption(ctx: ExpandContext, option: string): DomainPredicate | undefined {
  const raw = ctx.config.mainOption(option);
  if (typeof raw !== 'string' || raw === '') return undefined;
  return async (domain) => {
    const list = raw.includes('$') ? (await ctx.services.expand(raw, ctx)).s : raw;
    return (await matchDomainList(domain, list, ctx)).matched;
  };
}
