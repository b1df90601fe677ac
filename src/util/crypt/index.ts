/**
 * Password hashing as the C library's crypt(3) does it on a libxcrypt system, plus Exim's own
 * crypt16. `crypt` returns the full hash string, or null where libxcrypt would return its
 * failure token ("*0"/"*1"): unknown method or malformed setting. A null never equals a
 * stored hash, which is all crypteq needs.
 *
 * Supported: traditional DES, bigcrypt, BSDi extended DES ("_"), MD5-crypt ("$1$"),
 * SHA-256-crypt ("$5$"), SHA-512-crypt ("$6$"), bcrypt ("$2b$", "$2y$", and "$2a$" for 7-bit keys),
 * scrypt ("$7$").
 * Not (yet) supported, so never matching: yescrypt ("$y$", "$gy$"), "$2x$",
 * "$2a$" with 8-bit key bytes, NetBSD "$sha1$", Sun "$md5", NT "$3$".
 */
import { textToBytes } from './bytes.js';
import { bigCrypt, bsdiCrypt, desFamilyCrypt } from './des-crypt.js';
import { md5Crypt } from './md5-crypt.js';
import { bcrypt } from './bcrypt.js';
import { scryptCrypt } from './scrypt-crypt.js';
import { SHA256_CRYPT, SHA512_CRYPT, shaCrypt } from './sha-crypt.js';

export { textToBytes } from './bytes.js';
export { desCrypt, bigCrypt, bsdiCrypt } from './des-crypt.js';
export { md5Crypt } from './md5-crypt.js';
export { bcrypt } from './bcrypt.js';
export { scryptCrypt } from './scrypt-crypt.js';
export { shaCrypt, SHA256_CRYPT, SHA512_CRYPT } from './sha-crypt.js';

type Key = Uint8Array | string;
const keyBytes = (key: Key): Uint8Array => (typeof key === 'string' ? textToBytes(key) : key);

export function crypt(key: Key, setting: string): string | null {
  const k = keyBytes(key);
  if (setting.startsWith('$1$')) return md5Crypt(k, setting);
  if (setting.startsWith('$5$')) return shaCrypt(SHA256_CRYPT, k, setting);
  if (setting.startsWith('$6$')) return shaCrypt(SHA512_CRYPT, k, setting);
  if (setting.startsWith('$2')) return bcrypt(k, setting);
  if (setting.startsWith('$7$')) return scryptCrypt(k, setting);
  if (setting.startsWith('_')) return bsdiCrypt(k, setting);
  if (setting.startsWith('$')) return null;
  return desFamilyCrypt(k, setting);
}

/**
 * Exim's built-in crypt16(): bigcrypt over the first 16 key bytes, i.e. one DES block for keys
 * of up to 8 bytes and two blocks (24 characters) for longer ones. Salt: first 2 characters.
 */
export function eximCrypt16(key: Key, setting: string): string | null {
  return bigCrypt(keyBytes(key).subarray(0, 16), setting, 2);
}
