/** Header-text helpers for generated messages: a header's unfolded value and the addresses in it. */
import { extractAddress, splitAddressList } from '../../expand/operators/rfc2822.js';

/** Unfolded value of the first header `name` in a header section (LF line ends), or undefined. */
export function headerValue(head: string, name: string): string | undefined {
  const lines = head.split('\n');
  const want = `${name.toLowerCase()}:`;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.toLowerCase().startsWith(want)) continue;
    let v = lines[i]!.slice(want.length);
    while (i + 1 < lines.length && /^[ \t]/.test(lines[i + 1]!)) v += `\n${lines[++i]}`;
    return v.trim();
  }
  return undefined;
}

/** The working addresses of an address list ("A <a@b>, c@d" -> [a@b, c@d]). */
export function headerAddresses(list: string): string[] {
  const out: string[] = [];
  for (const item of splitAddressList(list.replace(/\n/g, ' '))) {
    const a = extractAddress(item.trim());
    if (a) out.push(a.domain ? `${a.localPart}@${a.domain}` : a.localPart);
  }
  return out;
}
