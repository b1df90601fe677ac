/** Digest and hashing operators: md5, sha1, sha2/sha256, sha3, hash (h), nhash. */
import { createHash } from 'node:crypto';
import { ExpandError } from '../types.js';
import { registerOperator } from './registry.js';
import { stringToBytes } from './bytes.js';
import { numericParams } from './params.js';

const digest = (algorithm: string, subject: string): string =>
  createHash(algorithm).update(stringToBytes(subject)).digest('hex');

registerOperator({ name: 'md5', takesParams: true, fn: (s) => digest('md5', s) });
registerOperator({ name: 'sha1', takesParams: true, fn: (s) => digest('sha1', s).toUpperCase() });

/** sha2 and sha256 share one implementation: the suffix picks the width, 256 by default. */
function sha2(subject: string, params: string[]): string {
  const width = params.length === 0 ? '256' : params.join('_');
  if (width !== '256' && width !== '384' && width !== '512') throw new ExpandError('unrecognised sha2 variant');
  return digest(`sha${width}`, subject).toUpperCase();
}
registerOperator({ name: 'sha2', takesParams: true, fn: sha2 });
registerOperator({ name: 'sha256', takesParams: true, fn: sha2 });

registerOperator({
  name: 'sha3',
  takesParams: true,
  fn(subject, params) {
    const width = params.length === 0 ? '256' : params.join('_');
    if (!['224', '256', '384', '512'].includes(width)) throw new ExpandError('unrecognised sha3 variant');
    return digest(`sha3-${width}`, subject).toUpperCase();
  },
});

/** Exim's code characters; note "ts" is out of order in Exim's table (observed). */
const HASH_CODES = 'abcdefghijklmnopqrtsuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Exim's textual hash: bytes from position n onwards are folded (rotated by a position-dependent
 * amount) into the first n bytes, which are then mapped onto the first m code characters.
 */
export function textualHash(subject: string, length: number, modulus = 26): string {
  if (modulus > HASH_CODES.length) throw new ExpandError(`hash count "${modulus}" too big`);
  const bytes = stringToBytes(subject);
  if (length >= bytes.length) return subject;
  const acc = Uint8Array.from(bytes);
  let i = 0;
  for (let j = length; j < bytes.length; j++) {
    const c = bytes[j]!;
    const shift = (c + j) & 7;
    acc[i] = acc[i]! ^ (((c << shift) | (c >> (8 - shift))) & 0xff);
    if (++i >= length) i = 0;
  }
  let out = '';
  for (let k = 0; k < length; k++) out += HASH_CODES[acc[k]! % modulus];
  return out;
}

function registerTextualHash(name: string): void {
  registerOperator({
    name,
    takesParams: true,
    fn(subject, params) {
      const [n, m] = numericParams(name, params, 2);
      return textualHash(subject, n!, m === undefined || m === 0 ? 26 : m);
    },
  });
}
registerTextualHash('hash');
registerTextualHash('h');

/** Coefficients of the numeric hash: the primes from 113 down to 3, used cyclically. */
const NHASH_PRIMES = [113, 109, 107, 103, 101, 97, 89, 83, 79, 73, 71, 67, 61, 59, 53, 47, 43, 41, 37, 31, 29, 23, 19, 17, 13, 11, 7, 5, 3];

export function numericHash(subject: string, n: number, m?: number): string {
  // Exim divides by zero here and crashes; fail cleanly instead.
  if (n === 0 || m === 0) throw new ExpandError('division by zero in nhash');
  let total = 0;
  const bytes = stringToBytes(subject);
  for (let i = 0; i < bytes.length; i++) total = (total + NHASH_PRIMES[i % NHASH_PRIMES.length]! * bytes[i]!) | 0;
  if (m === undefined) return String(total % n);
  total %= n * m;
  return `${Math.trunc(total / m)}/${total % m}`;
}

for (const name of ['nhash', 'nh']) {
  registerOperator({
    name,
    takesParams: true,
    fn(subject, params) {
      const [n, m] = numericParams(name, params, 2);
      return numericHash(subject, n!, m);
    },
  });
}
