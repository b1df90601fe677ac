/**
 * inbound_srs {local part}{secret}: decode an SRS0 local part
 * ("SRS0=<hash>=<tt>=<domain>=<local part>", prefix caseless) as Exim's native SRS does.
 * On success $srs_recipient is set to the original address (lower-cased; the local part in
 * double quotes when it is not a dot-atom). With a secret, the hash must be the first four hex
 * digits of HMAC-MD5(secret, lower-cased address) and the two-character base-32 day stamp
 * must be from today or the previous 10 days; with an empty secret only the form is checked.
 */
import { createHmac } from 'node:crypto';
import { textToBytes } from '../../util/crypt/index.js';
import type { ExpandContext, TStr } from '../types.js';
import { registerCondition } from './registry.js';
import { asciiLower } from './string-compare.js';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const MAX_AGE_DAYS = 10;
const DAY_MS = 86_400_000;
const SRS0 = /^srs0=([^=]+)=([^=]*)=([^=]*)=(.*)$/is;
const ATEXT_OR_DOT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]*$/;

export interface SrsDecoded {
  readonly address: string;
}

/** Days since the epoch modulo 1024, as two base-32 characters encode them; null if malformed. */
function decodeDayStamp(stamp: string): number | null {
  if (stamp.length !== 2) return null;
  const hi = BASE32.indexOf(stamp[0]!);
  const lo = BASE32.indexOf(stamp[1]!);
  return hi < 0 || lo < 0 ? null : hi * 32 + lo;
}

function quoteLocalPart(local: string): string {
  return ATEXT_OR_DOT.test(local) ? local : `"${local}"`;
}

/** The decoding itself, with the clock passed in so tests can fix "today". */
export function decodeInboundSrs(localPart: string, secret: string, nowMs: number): SrsDecoded | null {
  const m = SRS0.exec(localPart);
  if (!m) return null;
  const [, hash, stamp, domain, local] = m as unknown as [string, string, string, string, string];
  // The form check accepts either case; the age check (below) only lower case.
  if (decodeDayStamp(stamp.toLowerCase()) === null) return null;
  const address = asciiLower(`${local}@${domain}`);
  if (secret !== '') {
    const expected = createHmac('md5', textToBytes(secret)).update(textToBytes(address)).digest('hex').slice(0, 4);
    if (hash !== expected) return null;
    const day = decodeDayStamp(stamp);
    const today = Math.floor(nowMs / DAY_MS) % 1024;
    if (day === null || (today - day + 1024) % 1024 > MAX_AGE_DAYS) return null;
  }
  const at = address.lastIndexOf('@');
  return { address: `${quoteLocalPart(address.slice(0, at))}${address.slice(at)}` };
}

function inboundSrs([localPart, secret]: TStr[], ctx: ExpandContext): boolean {
  const decoded = decodeInboundSrs(localPart!.s, secret!.s, Date.now());
  if (!decoded) return false;
  ctx.vars.set('srs_recipient', { s: decoded.address, tainted: localPart!.tainted });
  return true;
}

registerCondition({ name: 'inbound_srs', nargs: 2, fn: inboundSrs });
