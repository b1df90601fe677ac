/**
 * Client SMTP Authorization records for the dnsdb `csa` pseudo-type: the SRV record at
 * `_client._smtp.<domain>` (for an IP address or address literal, the reverse-DNS name).
 * Only records with priority 1 (the CSA version) and a weight of 0-3 count: weight 0 or 1 is
 * "N", 2 is "Y", 3 is "?". The answer is "<code> <target>".
 *
 * Partial: the spec describes a search of parent domains (dns_csa_search_limit) for records
 * asserting that subdomains need explicit authorization ("X"). Exim 4.96's dnsdb returned
 * nothing for every parent-domain layout tried in the oracle (test/fixtures/dns), so no parent
 * search is done here; the `verify = csa` ACL condition will need it.
 */
import { reverseName } from './names.js';
import type { DnsResolver, LookupOptions } from './resolver.js';
import type { DnsResult } from './types.js';

const CODES = ['N', 'N', 'Y', '?'] as const;

/**
 * The SRV name for a CSA domain. A bare IP address is looked up in the reverse tree; an address
 * literal such as [192.0.2.1] is not (Exim's dnsdb queries it as written; `verify = csa`
 * strips the brackets before calling this).
 */
export function csaQueryName(domain: string, useReverse: boolean): string {
  const rev = useReverse ? reverseName(domain) : undefined;
  return `_client._smtp.${rev ?? domain}`;
}

export async function csaLookup(resolver: DnsResolver, domain: string, opts: LookupOptions, useReverse: boolean): Promise<{ result: DnsResult; answer?: string }> {
  const result = await resolver.lookup(csaQueryName(domain, useReverse), 'SRV', opts);
  if (result.kind !== 'found') return { result };
  for (const rec of result.records) {
    if (rec.type !== 'SRV' || rec.priority !== 1) continue;
    const code = CODES[rec.weight];
    if (code !== undefined) return { result, answer: `${code} ${rec.target}` };
  }
  return { result };
}
