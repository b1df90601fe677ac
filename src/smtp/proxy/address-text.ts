/**
 * Binary addresses from v2 headers as text, the way inet_ntop() prints them (so the variables
 * match Exim's): IPv6 in lower case with the longest run of two or more zero groups (the first,
 * on a tie) written as "::", and the IPv4-compatible and IPv4-mapped forms ending in a dotted quad.
 */

export function ipv4Text(b: Uint8Array, offset: number): string {
  return `${b[offset]}.${b[offset + 1]}.${b[offset + 2]}.${b[offset + 3]}`;
}

function longestZeroRun(words: readonly number[]): { start: number; len: number } {
  let best = { start: -1, len: 0 };
  let cur = { start: -1, len: 0 };
  for (let i = 0; i < words.length; i++) {
    if (words[i] === 0) {
      cur = cur.start < 0 ? { start: i, len: 1 } : { start: cur.start, len: cur.len + 1 };
      if (cur.len > best.len) best = cur;
    } else cur = { start: -1, len: 0 };
  }
  return best.len >= 2 ? best : { start: -1, len: 0 };
}

export function ipv6Text(b: Uint8Array, offset: number): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push((b[offset + 2 * i]! << 8) | b[offset + 2 * i + 1]!);
  const run = longestZeroRun(words);
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (run.start >= 0 && i >= run.start && i < run.start + run.len) {
      if (i === run.start) out += ':';
      continue;
    }
    if (i > 0) out += ':';
    const embedsIPv4 = i === 6 && run.start === 0 && (run.len === 6 || (run.len === 5 && words[5] === 0xffff));
    if (embedsIPv4) return out + ipv4Text(b, offset + 12);
    out += words[i]!.toString(16);
  }
  if (run.start >= 0 && run.start + run.len === 8) out += ':';
  return out;
}
