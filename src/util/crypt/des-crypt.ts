/**
 * DES-based password hashes:
 * - traditional crypt: 2-char salt, first 8 key bytes (7 bits each), 25 encryptions of zero;
 * - bigcrypt: the key in 8-byte blocks (at most 16), each hashed as traditional crypt, each
 *   block after the first salted with the first two hash characters of the previous block;
 * - BSDi extended ("_" + 4-char count + 4-char salt): 24-bit salt, variable count, and all key
 *   bytes folded in by encrypting the key with itself.
 * Settings are validated as libxcrypt does; null means "invalid setting".
 */
import { bytesToBits, desEncryptBits, keySchedule } from './des.js';
import { crypt64FromBitsBigEndian, crypt64Value, isCrypt64 } from './crypt64.js';

const ZERO_BLOCK = new Uint8Array(64);
const BIGCRYPT_MAX_BLOCKS = 16;

/** Key bytes for DES: each byte moved up one bit (the low "parity" bit is ignored). */
function desKey(block: Uint8Array): Uint8Array {
  const key = new Uint8Array(8);
  for (let i = 0; i < 8 && i < block.length; i++) key[i] = (block[i]! << 1) & 0xff;
  return key;
}

function saltValue(chars: string): number {
  let v = 0;
  for (let i = 0; i < chars.length; i++) v |= crypt64Value(chars[i]) << (6 * i);
  return v;
}

/** 11 hash characters for one 8-byte key block under a 2-character salt. */
function desBlockHash(keyBlock: Uint8Array, salt: string): string {
  const out = desEncryptBits(ZERO_BLOCK, keySchedule(desKey(keyBlock)), saltValue(salt), 25);
  return crypt64FromBitsBigEndian(out);
}

/** Traditional crypt(3): setting of at least 2 alphabet characters; only the first 2 count. */
export function desCrypt(key: Uint8Array, setting: string): string | null {
  if (setting.length < 2 || !isCrypt64(setting)) return null;
  const salt = setting.slice(0, 2);
  return salt + desBlockHash(key.subarray(0, 8), salt);
}

/** bigcrypt, limited to `maxBlocks` 8-byte key blocks (at least one block, even for an empty key). */
export function bigCrypt(key: Uint8Array, setting: string, maxBlocks = BIGCRYPT_MAX_BLOCKS): string | null {
  if (setting.length < 2 || !isCrypt64(setting)) return null;
  const blocks = Math.max(1, Math.min(maxBlocks, Math.ceil(key.length / 8)));
  let salt = setting.slice(0, 2);
  let out = salt;
  for (let b = 0; b < blocks; b++) {
    const hash = desBlockHash(key.subarray(b * 8, b * 8 + 8), salt);
    out += hash;
    salt = hash.slice(0, 2);
  }
  return out;
}

/**
 * libxcrypt's choice for a setting that is neither "$..." nor "_...": up to 13 characters is
 * traditional DES, longer is bigcrypt.
 */
export function desFamilyCrypt(key: Uint8Array, setting: string): string | null {
  return setting.length > 13 ? bigCrypt(key, setting) : desCrypt(key, setting);
}

/** BSDi extended DES: "_CCCCSSSS" (count and salt little-endian, 6 bits per character). */
export function bsdiCrypt(key: Uint8Array, setting: string): string | null {
  const head = setting.slice(0, 9);
  if (head.length !== 9 || head[0] !== '_' || !isCrypt64(head.slice(1))) return null;
  // A zero count still runs one encryption (libxcrypt behaves so).
  const count = Math.max(1, saltValue(head.slice(1, 5)));
  const salt = saltValue(head.slice(5, 9));
  let keyBits = bytesToBits(desKey(key.subarray(0, 8)));
  for (let pos = 8; pos < key.length; pos += 8) {
    // Fold the next 8 bytes in: encrypt the current key with itself, then XOR the new bytes.
    const encrypted = desEncryptBits(keyBits, keySchedule(bitsToKeyBytes(keyBits)));
    const next = bytesToBits(desKey(key.subarray(pos, pos + 8)));
    keyBits = encrypted.map((bit, i) => bit ^ next[i]!);
  }
  const out = desEncryptBits(ZERO_BLOCK, keySchedule(bitsToKeyBytes(keyBits)), salt, count);
  return head + crypt64FromBitsBigEndian(out);
}

function bitsToKeyBytes(bits: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(8);
  for (let i = 0; i < 64; i++) bytes[i >> 3]! |= bits[i]! << (7 - (i & 7));
  return bytes;
}
