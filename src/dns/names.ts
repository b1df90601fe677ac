/**
 * Names derived from IP addresses: reverse-lookup names (in-addr.arpa, ip6.arpa nibbles) and
 * the reversed forms DNS block lists use.
 */
import { isIP } from 'node:net';

/** The 16 bytes of an IPv6 address (an embedded IPv4 tail is allowed). Assumes valid input. */
export function ipv6Bytes(text: string): Buffer {
  let t = text.replace(/%.*$/, '');
  // Turn a dotted IPv4 tail into two hex groups, so that only one syntax remains.
  t = t.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a: string, b: string, c: string, d: string) =>
    `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`,
  );
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const gap = t.indexOf('::');
  let groups: number[];
  if (gap < 0) groups = parse(t);
  else {
    const l = parse(t.slice(0, gap));
    const r = parse(t.slice(gap + 2));
    groups = [...l, ...new Array<number>(Math.max(0, 8 - l.length - r.length)).fill(0), ...r];
  }
  const out = Buffer.alloc(16);
  groups.slice(0, 8).forEach((g, i) => out.writeUInt16BE(g & 0xffff, i * 2));
  return out;
}

/** Reversed labels of an address: "4.3.2.1" for 1.2.3.4, 32 nibbles for IPv6; undefined when not an address. */
export function reversedAddress(ip: string): string | undefined {
  const kind = isIP(ip.replace(/%.*$/, ''));
  if (kind === 4) return ip.split('.').reverse().map((o) => String(Number(o))).join('.');
  if (kind === 6) {
    const nibbles: string[] = [];
    for (const b of ipv6Bytes(ip)) nibbles.push((b >> 4).toString(16), (b & 15).toString(16));
    return nibbles.reverse().join('.');
  }
  return undefined;
}

/** The PTR name of an address; undefined when the text is not an address. */
export function reverseName(ip: string): string | undefined {
  const rev = reversedAddress(ip);
  if (rev === undefined) return undefined;
  return `${rev}.${ip.includes(':') ? 'ip6.arpa' : 'in-addr.arpa'}`;
}
