/**
 * Exim's test for "is this string an IP address" (isip, isip4, isip6, match_ip's subject).
 * The forms accepted are those of inet_pton(): dotted quads without leading zeros, and IPv6
 * with at most one "::" (which must stand for at least one group) and an optional trailing
 * dotted quad. An IPv6 address may carry a "%scope" suffix of printable characters; a "/"
 * anywhere makes the string a non-address.
 */

const DECIMAL_OCTET = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => DECIMAL_OCTET.test(p) && Number(p) <= 255);
}

function countIPv6Groups(parts: string[], allowTrailingV4: boolean): number | null {
  let groups = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (HEX_GROUP.test(p)) groups += 1;
    else if (allowTrailingV4 && i === parts.length - 1 && isIPv4(p)) groups += 2;
    else return null;
  }
  return groups;
}

function isBareIPv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  if (halves.length === 1) {
    return countIPv6Groups(s.split(':'), true) === 8;
  }
  const [head, tail] = halves as [string, string];
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === '' ? [] : tail.split(':');
  const headGroups = countIPv6Groups(headParts, false); // a dotted quad may only end the address
  const tailGroups = countIPv6Groups(tailParts, true);
  if (headGroups === null || tailGroups === null) return false;
  // "::" must replace at least one zero group.
  return headGroups + tailGroups <= 7;
}

export function isIPv6(s: string): boolean {
  if (s.includes('/')) return false;
  const pct = s.indexOf('%');
  if (pct >= 0) {
    const scope = s.slice(pct + 1);
    if (!/^[!-~]*$/.test(scope)) return false;
    s = s.slice(0, pct);
  }
  return isBareIPv6(s);
}

/** 4, 6, or 0 when the string is not an IP address. */
export function ipVersion(s: string): 0 | 4 | 6 {
  if (isIPv4(s)) return 4;
  if (s.includes(':') && isIPv6(s)) return 6;
  return 0;
}
