/**
 * MD5-crypt ("$1$salt$hash", Poul-Henning Kamp's scheme): an MD5 of password, magic and salt
 * mixed with a second MD5, then 1000 rounds that alternate password, salt and previous
 * digest, and a fixed byte shuffle into 22 characters. Salt: at most 8 alphabet characters.
 */
import { createHash } from 'node:crypto';
import { crypt64LittleEndian, isCrypt64 } from './crypt64.js';

const MAGIC = '$1$';
const ROUNDS = 1000;
/** Output groups: three digest bytes each, most significant first; the last group is one byte. */
const OUTPUT_GROUPS: ReadonlyArray<readonly number[]> = [
  [0, 6, 12],
  [1, 7, 13],
  [2, 8, 14],
  [3, 9, 15],
  [4, 10, 5],
  [11],
];

const md5 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

export function md5Crypt(key: Uint8Array, setting: string): string | null {
  if (!setting.startsWith(MAGIC)) return null;
  const rest = setting.slice(MAGIC.length);
  const end = rest.indexOf('$');
  const salt = (end < 0 ? rest : rest.slice(0, end)).slice(0, 8);
  if (!isCrypt64(salt)) return null;
  const saltBytes = Buffer.from(salt, 'latin1');
  const magic = Buffer.from(MAGIC, 'latin1');

  const alternate = md5(key, saltBytes, key);
  const parts: Uint8Array[] = [key, magic, saltBytes];
  for (let left = key.length; left > 0; left -= 16) parts.push(alternate.subarray(0, Math.min(left, 16)));
  // For each bit of the key length, low bit first: a zero byte when set, else the key's first byte.
  for (let n = key.length; n > 0; n >>= 1) parts.push(n & 1 ? Buffer.of(0) : key.subarray(0, 1));
  let digest = md5(...parts);

  for (let i = 0; i < ROUNDS; i++) {
    const round: Uint8Array[] = [i & 1 ? key : digest];
    if (i % 3) round.push(saltBytes);
    if (i % 7) round.push(key);
    round.push(i & 1 ? digest : key);
    digest = md5(...round);
  }

  let encoded = '';
  for (const group of OUTPUT_GROUPS) {
    const value = group.reduce((acc, idx) => (acc << 8) | digest[idx]!, 0);
    encoded += crypt64LittleEndian(value, group.length === 3 ? 4 : 2);
  }
  return `${MAGIC}${salt}$${encoded}`;
}
