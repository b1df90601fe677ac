/**
 * SHA-256-crypt ("$5$") and SHA-512-crypt ("$6$") as specified by Ulrich Drepper:
 * optional "rounds=N$" (1000..999999999, default 5000, no leading zeros: libxcrypt rejects
 * anything else), salt of at most 16 alphabet characters, then the digest sequence below.
 */
import { createHash } from 'node:crypto';
import { crypt64LittleEndian, isCrypt64 } from './crypt64.js';

interface ShaVariant {
  readonly prefix: string;
  readonly algorithm: 'sha256' | 'sha512';
  readonly digestBytes: number;
  /** Output byte triples (most significant first), then the trailing partial group. */
  readonly groups: ReadonlyArray<readonly number[]>;
}

const DEFAULT_ROUNDS = 5000;
const MIN_ROUNDS = 1000;
const MAX_ROUNDS = 999_999_999;
const MAX_SALT = 16;

/**
 * The output order walks the digest in strides (10 for SHA-256, 21 for SHA-512), rotating each
 * triple by one place per group; SHA-256 rotates one way and SHA-512 the other.
 */
function tripleOrder(stride: number, rotateLeft: boolean): number[][] {
  const groups: number[][] = [];
  for (let k = 0; k < stride; k++) {
    const base = [k, k + stride, k + 2 * stride];
    const r = k % 3;
    const shift = rotateLeft ? r : (3 - r) % 3;
    groups.push([...base.slice(shift), ...base.slice(0, shift)]);
  }
  return groups;
}

export const SHA256_CRYPT: ShaVariant = {
  prefix: '$5$',
  algorithm: 'sha256',
  digestBytes: 32,
  groups: [...tripleOrder(10, false), [31, 30]],
};

export const SHA512_CRYPT: ShaVariant = {
  prefix: '$6$',
  algorithm: 'sha512',
  digestBytes: 64,
  groups: [...tripleOrder(21, true), [63]],
};

/** Parse "rounds=N$" at the start of `rest`; undefined when absent, null when malformed. */
function parseRounds(rest: string): { rounds: number; length: number } | undefined | null {
  if (!rest.startsWith('rounds=')) return undefined;
  const m = /^rounds=([1-9]\d{0,9})\$/.exec(rest);
  if (!m) return null;
  const rounds = Number(m[1]);
  if (rounds < MIN_ROUNDS || rounds > MAX_ROUNDS) return null;
  return { rounds, length: m[0].length };
}

/** `source` repeated (and cut) to exactly `length` bytes. */
function repeatTo(source: Uint8Array, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += source.length) out.set(source.subarray(0, Math.min(source.length, length - i)), i);
  return out;
}

function shaCryptDigest(v: ShaVariant, key: Uint8Array, salt: Uint8Array, rounds: number): Buffer {
  const hash = (...parts: Uint8Array[]): Buffer => {
    const h = createHash(v.algorithm);
    for (const p of parts) h.update(p);
    return h.digest();
  };
  const b = hash(key, salt, key);
  const aParts: Uint8Array[] = [key, salt, repeatTo(b, key.length)];
  for (let n = key.length; n > 0; n >>= 1) aParts.push(n & 1 ? b : key);
  const a = hash(...aParts);

  const p = repeatTo(hash(...Array<Uint8Array>(key.length).fill(key)), key.length);
  const s = repeatTo(hash(...Array<Uint8Array>(16 + a[0]!).fill(salt)), salt.length);

  let c = a;
  for (let i = 0; i < rounds; i++) {
    const parts: Uint8Array[] = [i & 1 ? p : c];
    if (i % 3) parts.push(s);
    if (i % 7) parts.push(p);
    parts.push(i & 1 ? c : p);
    c = hash(...parts);
  }
  return c;
}

export function shaCrypt(v: ShaVariant, key: Uint8Array, setting: string): string | null {
  if (!setting.startsWith(v.prefix)) return null;
  let rest = setting.slice(v.prefix.length);
  const roundsSpec = parseRounds(rest);
  if (roundsSpec === null) return null;
  if (roundsSpec) rest = rest.slice(roundsSpec.length);
  const end = rest.indexOf('$');
  const salt = (end < 0 ? rest : rest.slice(0, end)).slice(0, MAX_SALT);
  if (!isCrypt64(salt)) return null;
  const rounds = roundsSpec?.rounds ?? DEFAULT_ROUNDS;
  const digest = shaCryptDigest(v, key, Buffer.from(salt, 'latin1'), rounds);
  let encoded = '';
  for (const group of v.groups) {
    const value = group.reduce((acc, idx) => acc * 256 + digest[idx]!, 0);
    encoded += crypt64LittleEndian(value, group.length === 3 ? 4 : group.length === 2 ? 3 : 2);
  }
  const roundsText = roundsSpec ? `rounds=${rounds}$` : '';
  return `${v.prefix}${roundsText}${salt}$${encoded}`;
}
