/**
 * Mailwright keeps arbitrary bytes in JS strings by the surrogate-escape convention: valid
 * UTF-8 decodes to characters, and each byte that is not part of valid UTF-8 is stored as
 * U+DC80..U+DCFF. Hashing must see the original bytes again.
 */
export function textToBytes(s: string): Buffer {
  // Fast path: no lone low surrogates in the escape range.
  if (!/[\udc80-\udcff]/.test(s)) return Buffer.from(s, 'utf8');
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xdc80 && cp <= 0xdcff) out.push(cp - 0xdc00);
    else for (const b of Buffer.from(ch, 'utf8')) out.push(b);
  }
  return Buffer.from(out);
}

/** True when the text is plain ASCII (its bytes are its code units). */
export const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);
