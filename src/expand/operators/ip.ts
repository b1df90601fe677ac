/** IP address operators: ipv6norm, ipv6denorm, mask (mask_n), reverse_ip. */
import { ExpandError } from '../types.js';
import { registerOperator } from './registry.js';

/** An address as 8 groups of 16 bits (IPv4 kept apart so it prints as dotted quad). */
interface IpAddress {
  readonly v4: boolean;
  readonly groups: number[]; // v4: 4 bytes; v6: 8 groups
}

const V4_PART = /^(0|[1-9]\d{0,2})$/;

export function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => V4_PART.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/** IPv6 text (no scope) to 8 groups; a dotted quad may stand for the last two groups. */
export function parseIPv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseSide = (side: string, allowV4Tail: boolean): number[] | undefined => {
    if (side === '') return [];
    const out: number[] = [];
    const pieces = side.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      if (allowV4Tail && i === pieces.length - 1 && p.includes('.')) {
        const q = parseIPv4(p);
        if (!q) return undefined;
        out.push((q[0]! << 8) | q[1]!, (q[2]! << 8) | q[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  if (halves.length === 1) {
    const all = parseSide(halves[0]!, true);
    return all && all.length === 8 ? all : undefined;
  }
  const head = parseSide(halves[0]!, false);
  const tail = parseSide(halves[1]!, true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** Either family; IPv6 may carry a %scope, which is dropped. */
export function parseIpAddress(text: string): IpAddress | undefined {
  const v4 = parseIPv4(text);
  if (v4) return { v4: true, groups: v4 };
  const scope = text.indexOf('%');
  const v6 = parseIPv6(scope >= 0 ? text.slice(0, scope) : text);
  return v6 ? { v4: false, groups: v6 } : undefined;
}

function asV6Groups(ip: IpAddress): number[] {
  if (!ip.v4) return ip.groups;
  const [a, b, c, d] = ip.groups as [number, number, number, number];
  return [0, 0, 0, 0, 0, 0xffff, (a << 8) | b, (c << 8) | d];
}

/**
 * Canonical text: lower-case, no leading zeros, the longest run of zero groups (first of equal
 * runs, even a single group) as "::". Exim prints an all-zero address as ":".
 */
export function normalizeIPv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen === 8) return ':';
  if (bestLen === 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}

const denormalize = (groups: readonly number[], sep: string): string =>
  groups.map((g) => g.toString(16).padStart(4, '0')).join(sep);

function requireIp(subject: string): IpAddress {
  const ip = parseIpAddress(subject);
  if (!ip) throw new ExpandError(`"${subject}" is not an IP address`);
  return ip;
}

registerOperator({ name: 'ipv6norm', takesParams: true, fn: (s) => normalizeIPv6(asV6Groups(requireIp(s))) });
registerOperator({ name: 'ipv6denorm', takesParams: true, fn: (s) => denormalize(asV6Groups(requireIp(s)), ':') });

function applyMask(groups: readonly number[], bitsPerGroup: number, maskBits: number): number[] {
  return groups.map((g, i) => {
    const keep = Math.max(0, Math.min(bitsPerGroup, maskBits - i * bitsPerGroup));
    return keep === 0 ? 0 : g & ~((1 << (bitsPerGroup - keep)) - 1) & ((1 << bitsPerGroup) - 1);
  });
}

registerOperator({
  name: 'mask',
  takesParams: true,
  fn(subject, params) {
    const slash = subject.indexOf('/');
    const address = slash < 0 ? subject : subject.slice(0, slash);
    const bitsText = slash < 0 ? undefined : subject.slice(slash + 1);
    const ip = address.includes('%') ? undefined : parseIpAddress(address);
    if (!ip || (bitsText !== undefined && !/^[ \t\n\v\f\r]*\d*$/.test(bitsText))) throw new ExpandError(`"${subject}" is not an IP address`);
    if (bitsText === undefined) throw new ExpandError(`missing mask value in "${subject}"`);
    const bits = Number(bitsText.trim() || '0');
    if (bits > (ip.v4 ? 32 : 128)) throw new ExpandError(`mask value too big in "${subject}"`);
    if (ip.v4) return `${applyMask(ip.groups, 8, bits).join('.')}/${bits}`;
    const masked = applyMask(ip.groups, 16, bits);
    // mask_n: colon-separated, compressed; plain mask uses dots so lsearch keys stay colon-free.
    const text = params.length === 1 && params[0] === 'n' ? normalizeIPv6(masked) : denormalize(masked, '.');
    return `${text}/${bits}`;
  },
});

registerOperator({
  name: 'reverse_ip',
  fn(subject) {
    // A trailing /mask is accepted and ignored.
    const slash = subject.indexOf('/');
    const ip = parseIpAddress(slash < 0 ? subject : subject.slice(0, slash));
    if (!ip || (slash >= 0 && !/^\d+$/.test(subject.slice(slash + 1)))) {
      throw new ExpandError(`reverse_ip() not given an IP address [${subject}]`);
    }
    const g = ip.groups;
    const mapped = !ip.v4 && g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
    if (ip.v4 || mapped) {
      const bytes = ip.v4 ? g : [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff];
      return [...bytes].reverse().join('.');
    }
    return denormalize(g, '').split('').reverse().join('.');
  },
});
