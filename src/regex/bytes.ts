/**
 * Exim's PCRE2 works on bytes. Mailwright strings hold UTF-8 text with undecodable bytes as
 * surrogate escapes (src/expand/operators/bytes.ts), so patterns and subjects are turned into
 * "byte strings" (one char U+0000..U+00FF per byte) before matching, and results back again.
 */
import { bytesToString, stringToBytes } from '../expand/operators/bytes.js';

const ASCII_ONLY = /^[\x00-\x7f]*$/;

export function isAscii(s: string): boolean {
  return ASCII_ONLY.test(s);
}

export function toByteString(s: string): string {
  return isAscii(s) ? s : stringToBytes(s).toString('latin1');
}

export function fromByteString(b: string): string {
  return isAscii(b) ? b : bytesToString(Buffer.from(b, 'latin1'));
}

/** Offsets between a string and its byte string. */
export class OffsetMap {
  /** byteToChar[b] = string offset of the character containing byte b (length = bytes + 1). */
  private readonly byteToChar: number[] = [];
  private readonly charToByte: number[] = [];

  constructor(s: string) {
    let bytePos = 0;
    for (let i = 0; i < s.length; ) {
      const cp = s.codePointAt(i)!;
      const units = cp > 0xffff ? 2 : 1;
      const len = byteLength(cp);
      for (let u = 0; u < units; u++) this.charToByte[i + u] = bytePos;
      for (let k = 0; k < len; k++) this.byteToChar[bytePos + k] = i;
      bytePos += len;
      i += units;
    }
    this.byteToChar[bytePos] = s.length;
    this.charToByte[s.length] = bytePos;
  }

  toChar(byteOffset: number): number {
    return this.byteToChar[byteOffset] ?? this.byteToChar[this.byteToChar.length - 1]!;
  }

  toByte(charOffset: number): number {
    return this.charToByte[charOffset] ?? this.charToByte[this.charToByte.length - 1]!;
  }
}

function byteLength(cp: number): number {
  if (cp >= 0xdc80 && cp <= 0xdcff) return 1; // a surrogate-escaped raw byte
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}
