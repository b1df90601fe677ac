/**
 * MX lookups for routing: records sorted by preference, equal preferences in random order
 * (Exim shuffles hosts of the same preference to share the load), and the RFC 7505 null MX
 * (a single "0 ." record) reported as such so the router can fail the address.
 */
import { randomInt } from 'node:crypto';
import type { DnsResolver, LookupOptions } from './resolver.js';
import type { RecordOf } from './types.js';

export interface MxHost {
  readonly name: string;
  readonly preference: number;
}

export type MxResult =
  | { readonly kind: 'mx'; readonly hosts: readonly MxHost[]; readonly secure: boolean }
  /** No MX records (the name may still have addresses: the caller may use it as an implicit MX). */
  | { readonly kind: 'nodata'; readonly secure: boolean }
  | { readonly kind: 'nxdomain'; readonly secure: boolean }
  | { readonly kind: 'nullmx'; readonly secure: boolean }
  | { readonly kind: 'again' | 'fail'; readonly reason: string };

/** Fisher-Yates shuffle with a cryptographic source; injectable for tests. */
export type Shuffler = <T>(items: T[]) => T[];

export const randomShuffle: Shuffler = (items) => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
};

/** Sort by preference; within one preference, shuffle (or keep DNS order when `shuffle` is null). */
export function sortMx(records: ReadonlyArray<RecordOf<'MX'>>, shuffle: Shuffler | null = randomShuffle): MxHost[] {
  const byPref = new Map<number, MxHost[]>();
  for (const r of records) {
    const list = byPref.get(r.preference) ?? [];
    list.push({ name: r.exchange, preference: r.preference });
    byPref.set(r.preference, list);
  }
  return [...byPref.keys()].sort((a, b) => a - b).flatMap((p) => (shuffle ? shuffle([...byPref.get(p)!]) : byPref.get(p)!));
}

export async function lookupMx(resolver: DnsResolver, domain: string, opts: LookupOptions = {}, shuffle: Shuffler | null = randomShuffle): Promise<MxResult> {
  const r = await resolver.lookup(domain, 'MX', opts);
  if (r.kind === 'again' || r.kind === 'fail') return { kind: r.kind, reason: r.reason };
  if (r.kind !== 'found') return { kind: r.kind, secure: r.secure };
  const mx = r.records.filter((x): x is RecordOf<'MX'> => x.type === 'MX');
  if (mx.length === 1 && mx[0]!.exchange === '' && mx[0]!.preference === 0) return { kind: 'nullmx', secure: r.secure };
  return { kind: 'mx', hosts: sortMx(mx, shuffle), secure: r.secure };
}
