/**
 * Whether a DNS lookup for a domain asks for DNSSEC, and whether it must be authenticated:
 * the dnssec_request_domains / dnssec_require_domains options of routers and the smtp
 * transport (domain lists, already expanded by the caller). A domain that requires DNSSEC
 * also requests it. dns_dnssec_ok = 1 in the main options requests it everywhere.
 */
import type { ExpandContext } from '../expand/types.js';
import { matchDomainList } from '../match/index.js';

export interface DnssecPolicy {
  readonly request: boolean;
  readonly require: boolean;
}

export async function dnssecPolicy(domain: string, lists: { request?: string; require?: string }, ctx: ExpandContext): Promise<DnssecPolicy> {
  const inList = async (list: string | undefined) => list !== undefined && list !== '' && (await matchDomainList(domain, list, ctx)).matched;
  const require = await inList(lists.require);
  const request = require || (await inList(lists.request)) || ctx.config.mainOption('dns_dnssec_ok') === 1;
  return { request, require };
}
