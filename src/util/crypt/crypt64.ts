/** The crypt(3) base-64 alphabet ("./0-9A-Za-z") and its two bit orders. */

export const CRYPT64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Value 0..63 of one alphabet character, or -1. */
export function crypt64Value(c: string | undefined): number {
  return c === undefined || c.length !== 1 ? -1 : CRYPT64.indexOf(c);
}

export const isCrypt64 = (s: string): boolean => /^[./0-9A-Za-z]*$/.test(s);

/** `n` characters of `value`, least significant 6 bits first (MD5/SHA crypt style). */
export function crypt64LittleEndian(value: number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    out += CRYPT64[value & 0x3f];
    value >>>= 6;
  }
  return out;
}

/** Bits read most significant first, six per character, zero-padded at the end (DES style). */
export function crypt64FromBitsBigEndian(bits: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bits.length; i += 6) {
    let v = 0;
    for (let k = 0; k < 6; k++) v = (v << 1) | (bits[i + k] ?? 0);
    out += CRYPT64[v];
  }
  return out;
}
