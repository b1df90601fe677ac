/**
 * scrypt crypt ("$7$", libxcrypt's format): "$7$" + log2(N) (one character) + r and p (five
 * characters each, 6 bits per character, least significant first) + salt + "$" + 43
 * characters of a 32-byte scrypt output. The salt string itself (as written) is scrypt's salt.
 * The scrypt function is Node's; this module does the format.
 */
import { scryptSync } from 'node:crypto';
import { crypt64Value, isCrypt64, CRYPT64 } from './crypt64.js';

const PREFIX = '$7$';
const OUTPUT_BYTES = 32;
/** Refuse parameters needing more memory than this rather than exhausting the process. */
const MAX_MEMORY = 1024 * 1024 * 1024;

function littleEndianValue(chars: string): number {
  let v = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const d = crypt64Value(chars[i]);
    if (d < 0) return -1;
    v = v * 64 + d;
  }
  return v;
}

/** Bytes in little-endian 24-bit groups, each as up to four characters (low 6 bits first). */
function encodeLittleEndian(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    let v = bytes[i]! | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) {
      out += CRYPT64[v & 63];
      v >>= 6;
    }
  }
  return out;
}

export function scryptCrypt(key: Uint8Array, setting: string): string | null {
  if (!setting.startsWith(PREFIX) || setting.length < PREFIX.length + 11) return null;
  const logN = crypt64Value(setting[3]);
  const r = littleEndianValue(setting.slice(4, 9));
  const p = littleEndianValue(setting.slice(9, 14));
  if (logN < 2 || r <= 0 || p <= 0) return null;
  const rest = setting.slice(14);
  const end = rest.indexOf('$');
  const salt = end < 0 ? rest : rest.slice(0, end);
  if (!isCrypt64(salt)) return null;
  const n = 2 ** logN;
  const memory = 128 * n * r + 128 * r * p;
  if (memory > MAX_MEMORY) return null;
  const out = scryptSync(key, Buffer.from(salt, 'latin1'), OUTPUT_BYTES, { N: n, r, p, maxmem: memory + 1024 * 1024 });
  return `${setting.slice(0, 14)}${salt}$${encodeLittleEndian(out)}`;
}
