/**
 * Exim's reading of an integer argument (numeric `${if}` comparisons): optional leading white
 * space, optional sign, decimal digits, an optional K/M/G multiplier (either case), optional
 * trailing white space. The empty (or all-space) string is zero. Values are 64-bit signed; the
 * three error texts are Exim's.
 */
import { ExpandError } from '../types.js';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const MULTIPLIERS: Record<string, bigint> = { k: 1024n, m: 1024n * 1024n, g: 1024n * 1024n * 1024n };

/** C isspace() in the C locale. */
export const isCSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';

export function parseEximInteger(text: string): bigint {
  let i = 0;
  while (isCSpace(text[i])) i++;
  const rest = text.slice(i);
  if (rest === '') return 0n;
  const m = /^[+-]?\d+/.exec(rest);
  if (!m) throw new ExpandError(`integer expected but "${rest}" found`);
  let value = BigInt(m[0]);
  const overflow = (): ExpandError => new ExpandError(`absolute value of integer "${rest}" is too large (overflow)`);
  if (value > INT64_MAX || value < INT64_MIN) throw overflow();
  let j = m[0].length;
  const mult = MULTIPLIERS[(rest[j] ?? '').toLowerCase()];
  if (mult !== undefined) {
    value *= mult;
    if (value > INT64_MAX || value < INT64_MIN) throw overflow();
    j++;
  }
  while (isCSpace(rest[j])) j++;
  if (j < rest.length) throw new ExpandError(`invalid integer "${rest}"`);
  return value;
}
