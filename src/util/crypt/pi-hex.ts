/**
 * Hexadecimal digits of the fractional part of pi, computed (not tabulated) with Machin's
 * formula pi = 16 atan(1/5) - 4 atan(1/239) in fixed-point BigInt arithmetic. Blowfish takes
 * its initial P-array and S-boxes from these digits.
 */

const GUARD_HEX_DIGITS = 16;

/** atan(1/x) scaled by `scale`, by the alternating Taylor series. */
function arctanInverse(x: bigint, scale: bigint): bigint {
  const x2 = x * x;
  let power = scale / x; // scale / x^(2k+1)
  let sum = power;
  for (let k = 1n; power !== 0n; k++) {
    power /= x2;
    const term = power / (2n * k + 1n);
    sum = k % 2n === 1n ? sum - term : sum + term;
  }
  return sum;
}

/** The first `words` 32-bit words of pi's fractional hex expansion (0x243F6A88, 0x85A308D3, ...). */
export function piFractionWords(words: number): Uint32Array {
  const digits = words * 8;
  const scale = 1n << BigInt(4 * (digits + GUARD_HEX_DIGITS));
  const pi = 16n * arctanInverse(5n, scale) - 4n * arctanInverse(239n, scale);
  const hex = (pi - 3n * scale).toString(16).padStart(digits + GUARD_HEX_DIGITS, '0');
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) out[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return out;
}
