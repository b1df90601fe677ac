/**
 * DNS block list queries for the `dnslists` ACL condition: the key (an IP address, reversed
 * octet by octet for IPv4 or nibble by nibble for IPv6; any other key, e.g. a domain, as
 * written) is prefixed to the list's zone and its A records fetched; when listed, the TXT
 * records give $dnslist_text. As Exim 4.96 does, answers outside 127.0.0.0/8 are discarded
 * (a list returning them is broken or has been taken over) and reported separately.
 */
import { bytesToString } from '../expand/operators/bytes.js';
import { reversedAddress } from './names.js';
import type { DnsResolver, LookupOptions } from './resolver.js';

export type DnsblResult =
  | {
      readonly kind: 'listed';
      /** The name that was looked up. */
      readonly query: string;
      /** A records in 127.0.0.0/8 ($dnslist_value takes them joined with commas). */
      readonly addresses: readonly string[];
      /** TXT data, each record's strings concatenated ($dnslist_text). */
      readonly texts: readonly string[];
      /** A records outside 127.0.0.0/8 that were discarded (for the log line Exim writes). */
      readonly discarded: readonly string[];
    }
  | { readonly kind: 'notlisted'; readonly query: string; readonly discarded: readonly string[] }
  | { readonly kind: 'defer'; readonly query: string; readonly reason: string };

export function dnsblQueryName(key: string, zone: string): string {
  return `${reversedAddress(key) ?? key}.${zone.replace(/^\.+|\.+$/g, '')}`;
}

export async function dnsblLookup(resolver: DnsResolver, key: string, zone: string, opts: LookupOptions = {}, withText = true): Promise<DnsblResult> {
  const query = dnsblQueryName(key, zone);
  const a = await resolver.lookup(query, 'A', opts);
  if (a.kind === 'again') return { kind: 'defer', query, reason: a.reason };
  if (a.kind !== 'found') return { kind: 'notlisted', query, discarded: [] };
  const all = a.records.flatMap((r) => (r.type === 'A' ? [r.address] : []));
  const addresses = all.filter((x) => x.startsWith('127.'));
  const discarded = all.filter((x) => !x.startsWith('127.'));
  if (addresses.length === 0) return { kind: 'notlisted', query, discarded };
  let texts: string[] = [];
  if (withText) {
    const t = await resolver.lookup(query, 'TXT', opts);
    if (t.kind === 'found') texts = t.records.flatMap((r) => (r.type === 'TXT' ? [bytesToString(Buffer.concat(r.strings))] : []));
  }
  return { kind: 'listed', query, addresses, texts, discarded };
}
