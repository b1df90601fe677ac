/** Domain list items (spec section "Domain lists"). */
import type { ExpandContext } from '../expand/types.js';
import { NO_MATCH, walkList, type ItemOutcome, type KindHandler, type WalkState } from './engine.js';
import { ResolverRequiredError } from './errors.js';
import { parseHostAddress } from './ip.js';
import { localInterfaceAddresses, primaryHostname, sameAddress } from './local-host.js';
import { asciiLower, checkStringItem, matched, type SubjectInfo } from './string-item.js';

export function domainHandler(subject: SubjectInfo, ctx: ExpandContext): KindHandler {
  // Domains are caseless: compare and look up in lower case.
  const lower: SubjectInfo = { ...subject, text: asciiLower(subject.text), original: subject.original ?? subject.text };
  return {
    kind: 'domain',
    check: (item) => checkDomainItem(lower, item, ctx),
  };
}

async function checkDomainItem(subject: SubjectInfo, item: string, ctx: ExpandContext): Promise<ItemOutcome> {
  if (item === '@') {
    const host = primaryHostname(ctx);
    return asciiLower(host) === subject.text ? matched(subject, ctx, { t: 'match', item: host }, [subject.text]) : NO_MATCH;
  }
  if (item === '@[]') return isLocalDomainLiteral(subject.text, ctx) ? matched(subject, ctx, { t: 'match', item }, [subject.text]) : NO_MATCH;
  if (/^@mx_(any|primary|secondary)(\/|$)/.test(item)) throw new ResolverRequiredError(item);
  return checkStringItem(subject, item, true, ctx);
}

function isLocalDomainLiteral(domain: string, ctx: ExpandContext): boolean {
  const m = /^\[(?:ipv6:)?([^\]]+)\]$/i.exec(domain);
  const addr = m ? parseHostAddress(m[1]!) : null;
  return addr !== null && localInterfaceAddresses(ctx).some((a) => sameAddress(a, addr));
}

/**
 * The domain half of an address item (`local@DOMAIN`): one domain-list item, which may be a
 * named domain list (`*@+local_domains`) but is never split on separators.
 */
export async function checkDomainPart(domain: SubjectInfo, pattern: string, ctx: ExpandContext, state: WalkState): Promise<ItemOutcome> {
  const handler = domainHandler(domain, ctx);
  if (!pattern.startsWith('+')) return handler.check(pattern, state);
  // A one-item list: doubling any separator keeps the pattern whole.
  const r = await walkList(pattern.replace(/:/g, '::'), handler, ctx, { ...state });
  return r.matched ? { t: 'match', item: r.item, data: r.data } : NO_MATCH;
}
