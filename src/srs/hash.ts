/**
 * The keyed hashes of the two SRS flavours.
 * - Native (Exim 4.96 ${srs_encode}/inbound_srs): first 4 hex digits of HMAC-MD5.
 * - Classic (Mail::SRS, libsrs_alt): standard base64 of HMAC-SHA1 over the lower-cased data,
 *   cut to the configured length; on checking, every secret is tried, an exact match first
 *   and then one that ignores case (a relay may have smashed the case of the local part).
 */
import { createHmac } from 'node:crypto';
import { textToBytes } from '../util/crypt/bytes.js';

/** Lower-case ASCII letters only, as C's tolower in the C locale. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

export function nativeHash(secret: string, data: string): string {
  return createHmac('md5', textToBytes(secret)).update(textToBytes(data)).digest('hex').slice(0, 4);
}

/** The full (28-character, padded) base64 HMAC-SHA1 of the lower-cased data. */
function classicDigest(secret: string, data: string): string {
  return createHmac('sha1', textToBytes(secret)).update(textToBytes(asciiLower(data))).digest('base64');
}

/** The hash written into a new classic SRS address. */
export function classicHash(secret: string, data: string, length: number): string {
  return classicDigest(secret, data).slice(0, length);
}

/**
 * A database key for an address (libsrs_alt's unique id): the base64 HMAC-SHA1 of the address
 * as given (case kept, unlike the address hashes), cut to `length`.
 */
export function uniqueId(secret: string, data: string, length: number): string {
  return createHmac('sha1', textToBytes(secret)).update(textToBytes(data)).digest('base64').slice(0, length);
}

export type HashCheck = 'ok' | 'casebroken' | 'tooshort' | 'bad';

/**
 * Check a classic hash: at least `minLength` characters, and a prefix of the digest made with
 * one of the secrets (tried in order; exact match before case-insensitive match).
 */
export function checkClassicHash(secrets: readonly string[], data: string, hash: string, minLength: number): HashCheck {
  if (hash.length < minLength) return 'tooshort';
  const digests = secrets.map((s) => classicDigest(s, data));
  const fits = (d: string): boolean => hash.length <= d.length;
  if (digests.some((d) => fits(d) && d.startsWith(hash))) return 'ok';
  const lower = asciiLower(hash);
  return digests.some((d) => fits(d) && asciiLower(d).startsWith(lower)) ? 'casebroken' : 'bad';
}
