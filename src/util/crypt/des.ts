/**
 * A plain DES block cipher with the crypt(3) twist: a "salt" mask that swaps pairs of bits in
 * the expansion step (bit i with bit i+24 of the 48-bit expanded half, for each set mask bit).
 * Permutations that run once per hash work on bit arrays (clear); the rounds work on 32-bit
 * halves with combined S-box/P tables, since BSDi hashes may run thousands of encryptions.
 */
import {
  EXPANSION,
  INITIAL_PERMUTATION,
  KEY_SHIFTS,
  PERMUTED_CHOICE_1,
  PERMUTED_CHOICE_2,
  ROUND_PERMUTATION,
  SBOXES,
} from './des-tables.js';

type Bits = Uint8Array;

const FINAL_PERMUTATION: number[] = (() => {
  const inverse = new Array<number>(64);
  INITIAL_PERMUTATION.forEach((from, to) => {
    inverse[from - 1] = to + 1;
  });
  return inverse;
})();

function permute(input: Bits, table: readonly number[]): Bits {
  const out = new Uint8Array(table.length);
  for (let i = 0; i < table.length; i++) out[i] = input[table[i]! - 1]!;
  return out;
}

export function bytesToBits(bytes: Uint8Array): Bits {
  const bits = new Uint8Array(bytes.length * 8);
  for (let i = 0; i < bits.length; i++) bits[i] = (bytes[i >> 3]! >> (7 - (i & 7))) & 1;
  return bits;
}

export function bitsToBytes(bits: Bits): Uint8Array {
  const bytes = new Uint8Array(bits.length >> 3);
  for (let i = 0; i < bits.length; i++) bytes[i >> 3]! |= bits[i]! << (7 - (i & 7));
  return bytes;
}

/** The 16 round keys (48 bits each) from a 64-bit key whose low bit of every byte is ignored. */
export function keySchedule(key: Uint8Array): Bits[] {
  const cd = permute(bytesToBits(key), PERMUTED_CHOICE_1);
  let c = Array.from(cd.subarray(0, 28));
  let d = Array.from(cd.subarray(28, 56));
  const rounds: Bits[] = [];
  for (const shift of KEY_SHIFTS) {
    c = [...c.slice(shift), ...c.slice(0, shift)];
    d = [...d.slice(shift), ...d.slice(0, shift)];
    rounds.push(permute(Uint8Array.from([...c, ...d]), PERMUTED_CHOICE_2));
  }
  return rounds;
}

/**
 * S-box and P permutation folded into one table per box: SP[box][six input bits] is the
 * 32-bit contribution of that box to f(R, K). Built once from the standard tables.
 */
const SP: Uint32Array[] = SBOXES.map((box, b) => {
  const table = new Uint32Array(64);
  for (let v = 0; v < 64; v++) {
    const row = ((v >> 4) & 2) | (v & 1);
    const col = (v >> 1) & 15;
    const s = box[row * 16 + col]!;
    const pre = new Uint8Array(32);
    for (let k = 0; k < 4; k++) pre[b * 4 + k] = (s >> (3 - k)) & 1;
    table[v] = bitsToUint32(permute(pre, ROUND_PERMUTATION));
  }
  return table;
});

function bitsToUint32(bits: Bits, offset = 0, length = 32): number {
  let v = 0;
  for (let i = 0; i < length; i++) v = (v * 2 + bits[offset + i]!) >>> 0;
  return v;
}

const rotr = (x: number, n: number): number => ((x >>> n) | (x << (32 - n))) >>> 0;

/**
 * f(R, K) on 32-bit halves. The expansion E is read as eight 6-bit windows of R (window j is R
 * rotated so that DES bits 4j..4j+5 are lowest); the salt swaps bit i of the first 24 expanded
 * bits with bit i of the last 24.
 */
function feistel(right: number, keyHi: number, keyLo: number, saltSwap: number): number {
  let hi = 0;
  let lo = 0;
  for (let j = 0; j < 4; j++) hi = (hi << 6) | (rotr(right, (27 - 4 * j + 32) % 32) & 0x3f);
  for (let j = 4; j < 8; j++) lo = (lo << 6) | (rotr(right, (27 - 4 * j + 32) % 32) & 0x3f);
  const t = (hi ^ lo) & saltSwap;
  hi = (hi ^ t ^ keyHi) >>> 0;
  lo = (lo ^ t ^ keyLo) >>> 0;
  return (
    (SP[0]![(hi >>> 18) & 63]! | SP[1]![(hi >>> 12) & 63]! | SP[2]![(hi >>> 6) & 63]! | SP[3]![hi & 63]! |
      SP[4]![(lo >>> 18) & 63]! | SP[5]![(lo >>> 12) & 63]! | SP[6]![(lo >>> 6) & 63]! | SP[7]![lo & 63]!) >>>
    0
  );
}

/** Salt bit i (least significant first) selects expanded bit i, the most significant of 24. */
function saltSwapMask(saltMask: number): number {
  let m = 0;
  for (let i = 0; i < 24; i++) if ((saltMask >> i) & 1) m |= 1 << (23 - i);
  return m;
}

/**
 * Encrypt one 64-bit block (as bits) `count` times in a row with the same keys and salt mask.
 * saltMask bit i (least significant first) swaps bits i and i+24 of every expansion. Between
 * repetitions the final and initial permutations cancel, so they are applied once.
 */
export function desEncryptBits(block: Bits, roundKeys: Bits[], saltMask = 0, count = 1): Bits {
  const keys = roundKeys.map((k) => [bitsToUint32(k, 0, 24), bitsToUint32(k, 24, 24)] as const);
  const swap = saltSwapMask(saltMask);
  const ip = permute(block, INITIAL_PERMUTATION);
  let left = bitsToUint32(ip, 0);
  let right = bitsToUint32(ip, 32);
  for (let n = 0; n < count; n++) {
    for (const [kh, kl] of keys) {
      const next = (left ^ feistel(right, kh, kl, swap)) >>> 0;
      left = right;
      right = next;
    }
    // The pre-output block is R16 L16: swap the halves.
    [left, right] = [right, left];
  }
  const pre = new Uint8Array(64);
  for (let i = 0; i < 32; i++) {
    pre[i] = (left >>> (31 - i)) & 1;
    pre[32 + i] = (right >>> (31 - i)) & 1;
  }
  return permute(pre, FINAL_PERMUTATION);
}

/** Standard DES-ECB of one 8-byte block (no salt), for testing against published vectors. */
export function desEncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  return bitsToBytes(desEncryptBits(bytesToBits(block), keySchedule(key)));
}
