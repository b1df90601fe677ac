/**
 * Base64 as Exim's AUTH code reads it: white space anywhere is ignored; the rest must be whole
 * 4-character groups of the standard alphabet, with `=` padding only at the end of the last group
 * (checked against exim4 -bh: "QQ" and "QQ=" are refused, "Q Q = =" is "A", "QQ==QQ==" refused).
 */

const GROUPS = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decoded bytes as a latin1 string, or null when the data is not valid base64. */
export function decodeAuthBase64(text: string): string | null {
  const compact = text.replace(/[ \t\n\r\f\v]/g, '');
  if (!GROUPS.test(compact)) return null;
  return Buffer.from(compact, 'base64').toString('latin1');
}

/** Base64 of a latin1 string (each char one byte). */
export function encodeAuthBase64(text: string): string {
  return Buffer.from(text, 'latin1').toString('base64');
}
