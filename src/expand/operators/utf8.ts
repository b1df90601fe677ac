/** UTF-8 repair and conversion: utf8clean, from_utf8. */
import { registerOperator } from './registry.js';
import { stringToBytes, bytesToString } from './bytes.js';

/** Extra bytes announced by a lead byte for utf8clean; 0 = not a lead byte. */
function expectedContinuations(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf7) return 3;
  return 0;
}

function sequenceIsValid(bytes: Uint8Array, start: number, extra: number): boolean {
  let cp = bytes[start]! & (0x3f >> extra);
  for (let k = 1; k <= extra; k++) cp = (cp << 6) | (bytes[start + k]! & 0x3f);
  const min = [0, 0x80, 0x800, 0x10000][extra]!;
  return cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}

/**
 * Each bad byte becomes "?"; a sequence cut short by a non-continuation byte or the end of the
 * string becomes one "?", and a complete but invalid one (overlong, surrogate, too big) one "?".
 */
export function utf8Clean(subject: string): string {
  const bytes = stringToBytes(subject);
  const out: number[] = [];
  const QUESTION = 0x3f;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out.push(b);
      i++;
      continue;
    }
    const extra = expectedContinuations(b);
    if (extra === 0) {
      out.push(QUESTION);
      i++;
      continue;
    }
    let k = 1;
    while (k <= extra && i + k < bytes.length && (bytes[i + k]! & 0xc0) === 0x80) k++;
    if (k <= extra) {
      out.push(QUESTION);
      i += k;
      continue;
    }
    if (sequenceIsValid(bytes, i, extra)) for (let j = 0; j <= extra; j++) out.push(bytes[i + j]!);
    else out.push(QUESTION);
    i += extra + 1;
  }
  return bytesToString(Buffer.from(out));
}
registerOperator({ name: 'utf8clean', takesParams: true, fn: utf8Clean });

/**
 * UTF-8 to ISO-8859-1 the way Exim does it: trusting lead bytes blindly (following bytes are
 * taken as continuations whatever they are), code points above 255 become "_", and a decoded
 * zero ends the string (Exim works on C strings).
 */
export function fromUtf8(subject: string): string {
  const bytes = stringToBytes(subject);
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i++]!;
    if (b < 0xc0) {
      out.push(b);
      continue;
    }
    const extra = Math.min(5, Math.clz32(~(b << 24)) - 1);
    let cp = b & (0x3f >> extra);
    let ended = false;
    for (let k = 0; k < extra; k++) {
      if (i >= bytes.length) {
        ended = true;
        cp <<= 6 * (extra - k);
        break;
      }
      cp = (cp << 6) | (bytes[i++]! & 0x3f);
    }
    if (cp === 0) break;
    out.push(cp > 255 ? 0x5f : cp);
    if (ended) break;
  }
  return bytesToString(Buffer.from(out));
}
registerOperator({ name: 'from_utf8', fn: fromUtf8 });
