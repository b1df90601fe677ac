/**
 * Running a parsed dnsdb query: one DNS lookup per name (two for A+), the pseudo-types
 * (MXH, ZNS, SOA's walk up the tree, CSA), the defer and dnssec modes, and Exim's result
 * rules: a record separator goes before every record except when nothing has been output yet,
 * an empty result is "not found", and a temporary error makes the whole lookup defer under
 * defer_strict, or under defer_lax only when nothing at all was found.
 */
import { csaLookup } from './csa.js';
import type { DnsdbQuery, DnsdbType } from './dnsdb-query.js';
import { formatRecord } from './format.js';
import { reverseName } from './names.js';
import type { DnsResolver, LookupOptions } from './resolver.js';
import { DnsError, type DnsResult, type RecordType } from './types.js';

/** The lookup must defer (the message is Exim's, often empty). */
export class DnsdbDefer extends DnsError {}

export interface DnsdbHooks {
  /** Called after each DNS lookup when DNSSEC was requested: "yes" or "no" ($lookup_dnssec_authenticated). */
  setDnssecAuthenticated?(value: 'yes' | 'no' | ''): void;
  /** dns_csa_search_limit / dns_csa_use_reverse for CSA lookups. */
  readonly csaUseReverse?: boolean;
}

/** What one name contributes: formatted records, or a failure class. */
interface Piece {
  readonly result: DnsResult;
  readonly items: readonly string[];
}

const SIMPLE: Partial<Record<DnsdbType, RecordType>> = {
  a: 'A',
  aaaa: 'AAAA',
  cname: 'CNAME',
  mx: 'MX',
  mxh: 'MX',
  ns: 'NS',
  ptr: 'PTR',
  spf: 'SPF',
  srv: 'SRV',
  tlsa: 'TLSA',
  txt: 'TXT',
};

export async function runDnsdb(q: DnsdbQuery, resolver: DnsResolver, hooks: DnsdbHooks = {}): Promise<string | null> {
  const opts: LookupOptions = {
    dnssec: q.dnssec !== 'never',
    timeoutMs: q.retransSec ? q.retransSec * 1000 : undefined,
    attempts: q.retry || undefined,
  };
  if (q.dnssec === 'never') hooks.setDnssecAuthenticated?.('');
  let out = '';
  let deferred = false;
  for (const name of q.names) {
    const types: DnsdbType[] = q.type === 'a+' ? ['aaaa', 'a'] : [q.type];
    for (const type of types) {
      const piece = await lookupPiece(resolver, type, name, q, opts, hooks);
      if (q.dnssec !== 'never') hooks.setDnssecAuthenticated?.(piece.result.secure ? 'yes' : 'no');
      const insecure = q.dnssec === 'strict' && piece.result.kind === 'found' && !piece.result.secure;
      if (piece.result.kind === 'again' || insecure) {
        if (q.defer === 'strict') throw new DnsdbDefer('');
        if (q.defer === 'lax') deferred = true;
        continue;
      }
      for (const item of piece.items) out = out === '' ? item : out + q.sep + item;
    }
  }
  if (out !== '') return out;
  if (deferred) throw new DnsdbDefer('');
  return null;
}

async function lookupPiece(resolver: DnsResolver, type: DnsdbType, name: string, q: DnsdbQuery, opts: LookupOptions, hooks: DnsdbHooks): Promise<Piece> {
  if (type === 'csa') {
    const r = await csaLookup(resolver, name, opts, hooks.csaUseReverse ?? true);
    return { result: r.result, items: r.answer === undefined ? [] : [r.answer] };
  }
  if (type === 'zns' || type === 'soa') return walkUp(resolver, type === 'zns' ? 'NS' : 'SOA', name, q, opts);
  const rrtype = SIMPLE[type]!;
  const target = type === 'ptr' ? (reverseName(name) ?? name) : name;
  const result = await resolver.lookup(target, rrtype, opts);
  return { result, items: itemsOf(result, q, type === 'mxh') };
}

function itemsOf(result: DnsResult, q: DnsdbQuery, hostsOnly: boolean): string[] {
  if (result.kind !== 'found') return [];
  return result.records.map((r) => formatRecord(r, { fieldSep: q.fieldSep, hostsOnly }));
}

/** ZNS and SOA: drop leading labels until records are found; never asks about the root. */
async function walkUp(resolver: DnsResolver, rrtype: 'NS' | 'SOA', name: string, q: DnsdbQuery, opts: LookupOptions): Promise<Piece> {
  let domain = name.replace(/\.$/, '');
  for (;;) {
    const result = await resolver.lookup(domain, rrtype, opts);
    if (result.kind === 'found' || result.kind === 'again' || result.kind === 'fail') return { result, items: itemsOf(result, q, false) };
    const dot = domain.indexOf('.');
    if (dot < 0 || dot === domain.length - 1) return { result, items: [] };
    domain = domain.slice(dot + 1);
  }
}
