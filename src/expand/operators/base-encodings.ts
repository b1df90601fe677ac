/** Number and byte encodings: base32/base32d, base62/base62d, base64/str2b64/base64d, hex2b64. */
import { ExpandError } from '../types.js';
import { registerOperator } from './registry.js';
import { stringToBytes, bytesToString } from './bytes.js';
import { writtenName } from './params.js';

const U64 = 1n << 64n;
const BASE32_DIGITS = 'abcdefghijklmnopqrstuvwxyz234567';
const BASE62_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Decimal text read as C's strtoull does: leading white space, optional sign (a minus wraps
 * modulo 2^64), saturation at 2^64-1. The empty string is 0. Anything left over is an error.
 */
function parseUnsigned64(subject: string, operator: string): bigint {
  if (subject === '') return 0n;
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(subject);
  if (!m) throw new ExpandError(`argument for ${operator} operator is "${subject}", which is not a decimal number`);
  let value = BigInt(m[2]!);
  if (value >= U64) value = U64 - 1n;
  return m[1] === '-' ? (U64 - value) % U64 : value;
}

/** Digits in the given alphabet to a number, wrapping like C's 64-bit arithmetic, printed signed. */
function decodeDigits(subject: string, alphabet: string, operator: string, base: number): string {
  let value = 0n;
  for (const ch of subject) {
    const d = alphabet.indexOf(ch);
    if (d < 0) throw new ExpandError(`argument for ${operator} operator is "${subject}", which is not a base ${base} number`);
    value = (value * BigInt(alphabet.length) + BigInt(d)) % U64;
  }
  return BigInt.asIntN(64, value).toString();
}

registerOperator({
  name: 'base32',
  takesParams: true,
  fn(subject) {
    let value = parseUnsigned64(subject, 'base32');
    let out = '';
    for (; value > 0n; value /= 32n) out = BASE32_DIGITS[Number(value % 32n)] + out;
    return out;
  },
});
registerOperator({ name: 'base32d', takesParams: true, fn: (s) => decodeDigits(s, BASE32_DIGITS, 'base32d', 32) });

registerOperator({
  name: 'base62',
  takesParams: true,
  fn(subject) {
    // Always six digits, as in message ids: higher digits are dropped.
    let value = parseUnsigned64(subject, 'base62');
    let out = '';
    for (let i = 0; i < 6; i++, value /= 62n) out = BASE62_DIGITS[Number(value % 62n)] + out;
    return out;
  },
});
registerOperator({ name: 'base62d', takesParams: true, fn: (s) => decodeDigits(s, BASE62_DIGITS, 'base62d', 62) });

const toBase64 = (subject: string): string => stringToBytes(subject).toString('base64');
registerOperator({ name: 'base64', takesParams: true, fn: toBase64 });
registerOperator({ name: 'str2b64', takesParams: true, fn: toBase64 });

const BASE64_QUAD = /^[A-Za-z0-9+/]{4}$/;
const BASE64_PADDED = /^[A-Za-z0-9+/]{2}(==|[A-Za-z0-9+/]=)$/;

/** White space is ignored; the rest must be whole groups of four, padding only in the last one. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const compact = text.replace(/[ \t\n\v\f\r]+/g, '');
  if (compact.length % 4 !== 0) return undefined;
  for (let i = 0; i < compact.length; i += 4) {
    const quad = compact.slice(i, i + 4);
    const last = i + 4 === compact.length;
    if (!BASE64_QUAD.test(quad) && !(last && BASE64_PADDED.test(quad))) return undefined;
  }
  return Buffer.from(compact, 'base64');
}

registerOperator({
  name: 'base64d',
  takesParams: true,
  fn(subject, params) {
    const bytes = decodeBase64Strict(subject);
    if (!bytes) throw new ExpandError(`string "${subject}" is not well-formed for "${writtenName('base64d', params)}" operator`);
    return bytesToString(bytes);
  },
});

registerOperator({
  name: 'hex2b64',
  takesParams: true,
  fn(subject) {
    if (!/^[0-9a-fA-F]*$/.test(subject)) throw new ExpandError(`"${subject}" is not a hex string`);
    if (subject.length % 2 !== 0) throw new ExpandError(`"${subject}" contains an odd number of characters`);
    return Buffer.from(subject, 'hex').toString('base64');
  },
});
