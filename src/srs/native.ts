/**
 * Exim 4.96's native SRS (SUPPORT_SRS): the ${srs_encode} item and the inbound_srs condition.
 * Pinned by /work/shared/conformance/srs/exim-native.json and exim4 -be fixtures
 * (test/fixtures/srs/).
 *
 * Encode: `SRS0=HHHH=TT=<domain>=<local part>@<original domain>` where HHHH is the first four
 * hex digits of HMAC-MD5(secret, lower-cased return-path argument as given), TT the day stamp
 * (lower-case base 32), and domain and local part come from parsing the argument (case kept).
 * A quoted local part loses its quotes inside, and the whole SRS local part is quoted instead.
 * An SRS0 return path is wrapped again: there is no SRS1 here.
 *
 * Decode: the local part must look like `SRS0=<hash>=<TT>=<domain>=<local part>` (the tag and
 * TT matched caselessly). The recipient is lower-cased `local@domain`, the local part quoted
 * when the whole SRS local part has a character outside atext and dot. With a secret, TT must be a lower-case stamp at most 10 days old
 * and the hash must equal the native hash of the recipient as written (quotes included).
 */
import { asciiLower, nativeHash } from './hash.js';
import { extractReturnPath } from './parse-address.js';
import { BASE32_LOWER, dayNumber, decodeStamp, encodeStamp, stampAge } from './stamp.js';

/** inbound_srs accepts stamps from today and the 10 days before. */
export const NATIVE_MAX_AGE_DAYS = 10;

// Caseless for ASCII only (as PCRE on bytes): JavaScript's /i would also fold e.g. U+017F to S.
const SRS0_LOCAL_PART = /^[Ss][Rr][Ss]0=([^=]+)=([A-Za-z2-7]{2})=([^=]*)=([^\n]*)\n?$/;
const DOT_ATOM_ISH = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]*$/;

/** ${srs_encode{secret}{return path}{original domain}}; throws SrsAddressError for a bad address. */
export function nativeSrsEncode(secret: string, returnPath: string, origDomain: string, nowMs: number): string {
  if (returnPath === '') return '';
  const { localPart, domain } = extractReturnPath(returnPath);
  const quoted = localPart.includes('"');
  const bareLocal = quoted ? localPart.replaceAll('"', '') : localPart;
  const hash = nativeHash(secret, asciiLower(returnPath));
  const stamp = encodeStamp(dayNumber(nowMs), BASE32_LOWER);
  const srsLocal = `SRS0=${hash}=${stamp}=${domain}=${bareLocal}`;
  return `${quoted ? `"${srsLocal}"` : srsLocal}@${origDomain}`;
}

/** Outcome of inbound_srs: `recipient` is set whenever the local part had the SRS0 form. */
export interface NativeDecodeResult {
  readonly valid: boolean;
  /** The value for $srs_recipient; undefined when the local part is not SRS0-shaped. */
  readonly recipient?: string;
}


/** inbound_srs {local part}{secret}: an empty secret checks the form only. */
export function nativeInboundSrs(localPart: string, secret: string, nowMs: number): NativeDecodeResult {
  const m = SRS0_LOCAL_PART.exec(localPart);
  if (!m) return { valid: false };
  const [, hash, stamp, domain, local] = m as unknown as [string, string, string, string, string];
  // Whether to quote is decided on the whole SRS local part, not just the decoded one (as
  // exim4 does: a domain literal's brackets quote the local part too).
  const lower = asciiLower(local);
  const recipient = `${DOT_ATOM_ISH.test(localPart) ? lower : `"${lower}"`}@${asciiLower(domain)}`;
  if (secret === '') return { valid: true, recipient };
  // The form check above is caseless, but the stamp decodes with the lower-case alphabet only.
  const slot = decodeStamp(stamp, BASE32_LOWER);
  if (slot === null || stampAge(slot, dayNumber(nowMs)) > NATIVE_MAX_AGE_DAYS) return { valid: false, recipient };
  return { valid: hash === nativeHash(secret, recipient), recipient };
}
