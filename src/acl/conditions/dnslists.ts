/**
 * dnslists = list of `domain[=ips][/key]`: true when a DNS list has an A record for the key
 * (default: the client address reversed, IPv4 by octets and IPv6 by nibbles), optionally only
 * for given addresses (`=` any of them, `!=` none of them, `==` all of them; `&` forms compare
 * bit masks). Sets $dnslist_domain, $dnslist_matched, $dnslist_value and $dnslist_text.
 * Uses ctx.services.dns (src/dns). Partial: `,` key lists and `*`/`~` prefixes (defer_ok
 * handling of each list) are not implemented yet.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { listItems } from '../../util/exim-list.js';
import { AclDefer } from '../errors.js';
import { registerAclCondition } from '../registry.js';
import type { AclRunContext } from '../types.js';

export function reverseKey(address: string): string | undefined {
  if (isIPv4(address)) return address.split('.').reverse().join('.');
  if (!isIPv6(address)) return undefined;
  const [head = '', tail = ''] = address.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => g.padStart(4, '0')).join('').split('').reverse().join('.');
}

interface DnsListItem {
  domain: string;
  op?: '=' | '!=' | '==' | '=&' | '!=&' | '==&';
  ips: string[];
  key?: string;
}

export function parseDnsListItem(item: string): DnsListItem {
  const slash = item.indexOf('/');
  const head = slash < 0 ? item : item.slice(0, slash);
  const key = slash < 0 ? undefined : item.slice(slash + 1);
  const m = /^([^=!]+?)(!?==?&?)(.*)$/.exec(head);
  if (!m) return { domain: head.trim(), ips: [], key };
  return { domain: m[1]!.trim(), op: m[2] as DnsListItem['op'], ips: m[3]!.split(',').map((s) => s.trim()).filter((s) => s !== ''), key };
}

const ipNum = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0) >>> 0;

function addressesMatch(item: DnsListItem, found: string[]): boolean {
  if (!item.op) return found.length > 0;
  const bitwise = item.op.endsWith('&');
  const one = (a: string, b: string): boolean => (bitwise ? (ipNum(a) & ipNum(b)) === ipNum(b) : a === b);
  const anyOf = (a: string): boolean => item.ips.some((b) => one(a, b));
  switch (item.op) {
    case '=':
    case '=&':
      return found.some(anyOf);
    case '!=':
    case '!=&':
      return found.length > 0 && !found.some(anyOf);
    case '==':
    case '==&':
      return found.length > 0 && found.every(anyOf);
  }
}

async function checkItem(item: DnsListItem, ctx: AclRunContext): Promise<boolean> {
  const dns = ctx.services?.dns;
  if (!dns) throw new AclDefer('dnslists needs the DNS resolver (not available)');
  const address = ctx.expand.vars.get('sender_host_address')?.s ?? '';
  const key = item.key ?? reverseKey(address);
  if (key === undefined || key === '') return false;
  const name = `${key}.${item.domain}`;
  const found = await dns.lookupA(name);
  if (!addressesMatch(item, found)) return false;
  const txt = await dns.lookupTxt(name).catch(() => []);
  const vars = ctx.expand.vars;
  vars.set('dnslist_domain', { s: item.domain, tainted: false });
  vars.set('dnslist_matched', { s: item.key ?? address, tainted: true });
  vars.set('dnslist_value', { s: found.join(','), tainted: true });
  vars.set('dnslist_text', { s: txt.join(' '), tainted: true });
  return true;
}

registerAclCondition({
  name: 'dnslists',
  kind: 'condition',
  allowedIn: undefined,
  async evaluate(value, _item, ctx) {
    for (const raw of listItems(value.s)) {
      if (await checkItem(parseDnsListItem(raw), ctx)) return true;
    }
    return false;
  },
});
