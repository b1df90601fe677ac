/**
 * Lexical comparisons eq/lt/le/gt/ge and their caseless `i` forms. Exim compares bytes with
 * strcmp, caseless forms fold ASCII letters to lower case only (C locale). Non-ASCII text is
 * compared as the bytes it stands for (see src/util/crypt/bytes.ts for the convention).
 */
import { registerCondition } from './registry.js';
import { isAscii, textToBytes } from '../../util/crypt/bytes.js';

/** Folds A-Z only, as tolower() in the C locale does. */
export const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** strcmp-style sign (-1, 0, 1) of a against b, bytewise. */
export function compareBytes(a: string, b: string): number {
  if (isAscii(a) && isAscii(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Math.sign(Buffer.compare(textToBytes(a), textToBytes(b)));
}

/**
 * Exim's caseless comparison, faithfully including its quirk: when the first string is a
 * proper (caseless) prefix of the second, the result is "greater", not "less" (so
 * `lti{a}{ab}` is false and `gti{}{a}` is true).
 */
export function compareBytesCaseless(a: string, b: string): number {
  const x = textToBytes(asciiLower(a));
  const y = textToBytes(asciiLower(b));
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return y.length > x.length ? 1 : 0;
}

const tests: Record<string, (cmp: number) => boolean> = {
  eq: (c) => c === 0,
  lt: (c) => c < 0,
  le: (c) => c <= 0,
  gt: (c) => c > 0,
  ge: (c) => c >= 0,
};

for (const [name, test] of Object.entries(tests)) {
  registerCondition({ name, nargs: 2, fn: ([a, b]) => test(compareBytes(a!.s, b!.s)) });
  registerCondition({
    name: `${name}i`,
    nargs: 2,
    fn: ([a, b]) => test(compareBytesCaseless(a!.s, b!.s)),
  });
}
