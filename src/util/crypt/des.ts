/**
 * A plain DES block cipher with the crypt(3) twist: a "salt" mask that swaps pairs of bits in
 * the expansion step (bit i with bit i+24 of the 48-bit expanded half, for each set mask bit).
 * Bits are handled one per array element: crypt hashes run a few hundred rounds, so clarity
 * wins over speed here.
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

/** The cipher function f(R, K) with the salt's bit swaps applied to E(R). */
function feistel(right: Bits, roundKey: Bits, saltMask: number): Bits {
  const e = permute(right, EXPANSION);
  for (let i = 0; i < 24; i++) {
    if ((saltMask >> i) & 1) {
      const t = e[i]!;
      e[i] = e[i + 24]!;
      e[i + 24] = t;
    }
  }
  const sOut = new Uint8Array(32);
  for (let box = 0; box < 8; box++) {
    const b = (k: number): number => e[box * 6 + k]! ^ roundKey[box * 6 + k]!;
    const row = (b(0) << 1) | b(5);
    const col = (b(1) << 3) | (b(2) << 2) | (b(3) << 1) | b(4);
    const v = SBOXES[box]![row * 16 + col]!;
    for (let k = 0; k < 4; k++) sOut[box * 4 + k] = (v >> (3 - k)) & 1;
  }
  return permute(sOut, ROUND_PERMUTATION);
}

/**
 * Encrypt one 64-bit block (as bits) `count` times in a row with the same keys and salt mask.
 * saltMask bit i (least significant first) swaps bits i and i+24 of every expansion.
 */
export function desEncryptBits(block: Bits, roundKeys: Bits[], saltMask = 0, count = 1): Bits {
  let data = block;
  for (let n = 0; n < count; n++) {
    const ip = permute(data, INITIAL_PERMUTATION);
    let left = ip.subarray(0, 32);
    let right = ip.subarray(32, 64);
    for (const k of roundKeys) {
      const f = feistel(right, k, saltMask);
      const next = new Uint8Array(32);
      for (let i = 0; i < 32; i++) next[i] = left[i]! ^ f[i]!;
      left = right;
      right = next;
    }
    const preOutput = new Uint8Array(64);
    preOutput.set(right, 0);
    preOutput.set(left, 32);
    data = permute(preOutput, FINAL_PERMUTATION);
  }
  return data;
}

/** Standard DES-ECB of one 8-byte block (no salt), for testing against published vectors. */
export function desEncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  return bitsToBytes(desEncryptBits(bytesToBits(block), keySchedule(key)));
}
