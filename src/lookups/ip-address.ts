/**
 * IP address parsing for iplsearch, strict like the C library's inet_pton(): dotted-quad IPv4
 * without leading zeros, IPv6 with at most one `::` and an optional trailing dotted quad. An
 * IPv6 zone suffix (`%eth0`) is ignored.
 */

export interface IpAddress {
  /** 4 bytes for IPv4, 16 for IPv6. */
  readonly bytes: readonly number[];
}

export function parseIPv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    out.push(v);
  }
  return out;
}

function parseGroups(s: string): number[] | null {
  if (s === '') return [];
  const out: number[] = [];
  const parts = s.split(':');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (i === parts.length - 1 && p.includes('.')) {
      const v4 = parseIPv4(p);
      if (!v4) return null;
      out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(p)) return null;
      out.push(Number.parseInt(p, 16));
    }
  }
  return out;
}

export function parseIPv6(text: string): number[] | null {
  const s = text.includes('%') ? text.slice(0, text.indexOf('%')) : text;
  const dbl = s.indexOf('::');
  let groups: number[];
  if (dbl < 0) {
    const g = parseGroups(s);
    if (!g || g.length !== 8) return null;
    groups = g;
  } else {
    if (s.indexOf('::', dbl + 1) >= 0) return null;
    const head = parseGroups(s.slice(0, dbl));
    const tail = parseGroups(s.slice(dbl + 2));
    if (!head || !tail || head.length + tail.length > 7) return null;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

export function parseIpAddress(s: string): IpAddress | null {
  const bytes = s.includes(':') ? parseIPv6(s) : parseIPv4(s);
  return bytes ? { bytes } : null;
}

/** `::ffff:a.b.c.d` becomes the IPv4 address a.b.c.d; anything else is returned unchanged. */
export function unmapIPv4(addr: IpAddress): IpAddress {
  const b = addr.bytes;
  if (b.length !== 16) return addr;
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return addr;
  if (b[10] !== 0xff || b[11] !== 0xff) return addr;
  return { bytes: b.slice(12) };
}

/** Whether `addr` is inside `net`/`maskBits`; different families never match. */
export function inNetwork(addr: IpAddress, net: IpAddress, maskBits: number): boolean {
  if (addr.bytes.length !== net.bytes.length) return false;
  let bits = Math.min(maskBits, addr.bytes.length * 8);
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((addr.bytes[i]! & mask) !== (net.bytes[i]! & mask)) return false;
  }
  return true;
}
