/**
 * bcrypt ("$2b$NN$" + 22-character salt): the expensive Blowfish key schedule run 2^NN times,
 * then "OrpheanBeholderScryDoubt" encrypted 64 times; 23 of its 24 bytes form the hash.
 * The key is its bytes plus a terminating NUL, of which the first 72 bytes are used.
 * $2b$ and $2y$ behave the same. $2a$ equals them for 7-bit keys; for keys with 8-bit bytes
 * libxcrypt's $2a$ adds a compatibility countermeasure that is not reproduced, so such
 * hashes (and the buggy $2x$) are reported as unsupported (null).
 */
import { Blowfish } from './blowfish.js';

const BCRYPT64 = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MAGIC_TEXT = 'OrpheanBeholderScryDoubt';
const SALT_BYTES = 16;
const SALT_CHARS = 22;
const KEY_BYTES = 72;

/** Base-64 with bcrypt's alphabet, most significant bits first, no padding. */
function encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = [bytes[i]!, bytes[i + 1] ?? 0, bytes[i + 2] ?? 0];
    const v = (chunk[0]! << 16) | (chunk[1]! << 8) | chunk[2]!;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += BCRYPT64[(v >> (18 - 6 * k)) & 63];
  }
  return out;
}

function decodeSalt(text: string): Uint8Array | null {
  let bits = 0n;
  for (const c of text) {
    const v = BCRYPT64.indexOf(c);
    if (v < 0) return null;
    bits = (bits << 6n) | BigInt(v);
  }
  // 22 characters carry 132 bits; the salt is the first 128.
  bits >>= 4n;
  const out = new Uint8Array(SALT_BYTES);
  for (let i = SALT_BYTES - 1; i >= 0; i--) {
    out[i] = Number(bits & 255n);
    bits >>= 8n;
  }
  return out;
}

function keyMaterial(key: Uint8Array): Uint8Array {
  const withNul = new Uint8Array(key.length + 1);
  withNul.set(key);
  return withNul.subarray(0, Math.min(withNul.length, KEY_BYTES));
}

export function bcrypt(key: Uint8Array, setting: string): string | null {
  const m = /^\$2([aby])\$(\d\d)\$/.exec(setting);
  if (!m) return null;
  const variant = m[1]!;
  const cost = Number(m[2]);
  if (cost < 4 || cost > 31) return null;
  if (variant === 'a' && key.some((b) => b >= 0x80)) return null;
  const salt = decodeSalt(setting.slice(7, 7 + SALT_CHARS));
  if (!salt || setting.length < 7 + SALT_CHARS) return null;

  const k = keyMaterial(key);
  const bf = new Blowfish();
  bf.expandKey(k, salt);
  for (let i = 0; i < 2 ** cost; i++) {
    bf.expandKey(k);
    bf.expandKey(salt);
  }

  const words = new Uint32Array(6);
  for (let i = 0; i < 6; i++) words[i] = Buffer.from(MAGIC_TEXT, 'latin1').readUInt32BE(i * 4);
  for (let n = 0; n < 64; n++) {
    for (let i = 0; i < 6; i += 2) [words[i], words[i + 1]] = bf.encrypt(words[i]!, words[i + 1]!);
  }
  const out = Buffer.alloc(24);
  words.forEach((w, i) => out.writeUInt32BE(w, i * 4));
  return `$2${variant}$${m[2]}$${encode(salt)}${encode(out.subarray(0, 23))}`;
}
