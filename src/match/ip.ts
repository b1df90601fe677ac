/**
 * IP address helpers for host lists: parsing (via src/lookups/ip-address.ts), CIDR tests, and
 * the key text Exim builds for `net-` / `netN-` lookups.
 */
import { inNetwork, parseIpAddress, unmapIPv4, type IpAddress } from '../lookups/ip-address.js';

export type { IpAddress };

/** Parse a subject address; `::ffff:a.b.c.d` becomes IPv4 as Exim does for host lists. */
export function parseHostAddress(text: string): IpAddress | null {
  const ip = parseIpAddress(text);
  return ip ? unmapIPv4(ip) : null;
}

/** A list item that is an address with optional `/bits`; null when it is something else. */
export function parseNetworkItem(item: string): { net: IpAddress; bits: number } | null {
  const slash = item.indexOf('/');
  const addrText = slash < 0 ? item : item.slice(0, slash);
  const net = parseIpAddress(addrText);
  if (!net) return null;
  const full = net.bytes.length * 8;
  if (slash < 0) return { net, bits: full };
  const maskText = item.slice(slash + 1);
  if (!/^\d+$/.test(maskText)) return null;
  return { net, bits: Math.min(Number(maskText), full) };
}

export function addressInNetwork(addr: IpAddress, net: IpAddress, bits: number): boolean {
  return inNetwork(addr, unmapIPv4(net), bits);
}

function maskBytes(bytes: readonly number[], bits: number): number[] {
  return bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
}

/**
 * Key for a `net-` (bits undefined) or `netN-` lookup: IPv4 dotted quad; IPv6 as eight
 * four-digit lower-case groups joined by dots (colons for iplsearch), plus `/N` when masked.
 */
export function netLookupKey(addr: IpAddress, bits: number | undefined, colons: boolean): string {
  const bytes = bits === undefined ? [...addr.bytes] : maskBytes(addr.bytes, bits);
  let text: string;
  if (bytes.length === 4) text = bytes.join('.');
  else {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16).padStart(4, '0'));
    text = groups.join(colons ? ':' : '.');
  }
  return bits === undefined ? text : `${text}/${Math.min(bits, bytes.length * 8)}`;
}
