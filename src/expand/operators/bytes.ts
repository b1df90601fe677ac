/**
 * Exim measures and transforms strings as bytes. Mailwright strings are JS strings, so byte
 * semantics need a lossless mapping: valid UTF-8 sequences become their characters and any
 * byte that is not part of a valid sequence becomes a lone surrogate U+DC80..U+DCFF (the
 * "surrogate escape" convention). Text that is valid UTF-8 therefore looks normal, and
 * arbitrary binary results (base64d, length_N cutting a character) survive a round trip.
 * Writers that need Exim's exact bytes (the -be CLI, spool files) should use stringToBytes.
 */

import { isUtf8 } from 'node:buffer';

const ESCAPE_BASE = 0xdc00;

/** A character of the escape range; only a lone one (not the low half of a pair) is an escape. */
const ESCAPE_CHAR = /[\udc80-\udcff]/;

export function stringToBytes(s: string): Buffer {
  if (/^[\x00-\x7f]*$/.test(s)) return Buffer.from(s, 'latin1');
  // Without escapes the bytes are the UTF-8 encoding (lone surrogates become U+FFFD either way).
  if (!ESCAPE_CHAR.test(s)) return Buffer.from(s, 'utf8');
  // UTF-8 runs between lone escape characters, each escape one byte.
  const parts: Buffer[] = [];
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc80 || c > 0xdcff) continue;
    const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
    if (prev >= 0xd800 && prev <= 0xdbff) continue; // low half of a surrogate pair
    if (i > runStart) parts.push(Buffer.from(s.slice(runStart, i), 'utf8'));
    parts.push(Buffer.of(c - ESCAPE_BASE));
    runStart = i + 1;
  }
  if (runStart < s.length) parts.push(Buffer.from(s.slice(runStart), 'utf8'));
  return Buffer.concat(parts);
}

/** Length of the valid UTF-8 sequence starting at i, or 0 when the byte there starts none. */
export function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  let need: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
  else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
  else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
  else return 0;
  let cp = c & (0x3f >> need);
  for (let k = 1; k <= need; k++) {
    const x = b[i + k];
    if (x === undefined || (x & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (x & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return need + 1;
}

export function bytesToString(buf: Uint8Array): string {
  if (isUtf8(buf)) return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
  let out = '';
  let i = 0;
  let runStart = 0;
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  while (i < b.length) {
    const len = utf8SequenceLength(b, i);
    if (len > 0) {
      i += len;
      continue;
    }
    out += b.toString('utf8', runStart, i) + String.fromCharCode(ESCAPE_BASE + b[i]!);
    i++;
    runStart = i;
  }
  return out + b.toString('utf8', runStart, b.length);
}

/** Byte length of a string as Exim would count it. */
export function byteLength(s: string): number {
  return stringToBytes(s).length;
}

/** Interpret each character code 0..255 as one byte (for results built byte by byte). */
export function latin1ToString(s: string): string {
  return bytesToString(Buffer.from(s, 'latin1'));
}
