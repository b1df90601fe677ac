/**
 * Backslash escapes inside expansion strings (Exim's rules): \n \r \t \b \f \v, up to three octal
 * digits (value truncated to 8 bits), \x with up to two hex digits, otherwise the character itself.
 */
const SIMPLE: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v' };
const isOct = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

/**
 * One byte as a string character, in the byte convention of src/expand/operators/bytes.ts:
 * ASCII as itself, a byte >= 0x80 (not valid UTF-8 on its own) as U+DC80..U+DCFF.
 */
const byteChar = (b: number): string => String.fromCharCode(b < 0x80 ? b : 0xdc00 + b);

/** Interpret the escape whose first character (after the backslash) is at `pos`. */
export function interpretEscape(text: string, pos: number): { ch: string; len: number } {
  const c = text[pos]!;
  const simple = SIMPLE[c];
  if (simple !== undefined) return { ch: simple, len: 1 };
  if (isOct(c)) {
    let len = 1;
    while (len < 3 && isOct(text[pos + len])) len++;
    return { ch: byteChar(parseInt(text.slice(pos, pos + len), 8) & 0xff), len };
  }
  if (c === 'x') {
    let len = 1;
    while (len < 3 && isHex(text[pos + len])) len++;
    const digits = text.slice(pos + 1, pos + len);
    return { ch: byteChar(digits ? parseInt(digits, 16) : 0), len };
  }
  return { ch: c, len: 1 };
}
