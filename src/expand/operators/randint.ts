/** randint: a random integer below the (integer) subject. */
import { randomInt } from 'node:crypto';
import { ExpandError } from '../types.js';
import { registerOperator } from './registry.js';

const MAX = (1n << 63n) - 1n;
const MULTIPLIER: Record<string, bigint> = { k: 1024n, m: 1024n ** 2n, g: 1024n ** 3n };

/**
 * An integer as Exim reads expanded numbers: optional white space and sign, decimal digits,
 * an optional K/M/G multiplier, trailing white space.
 */
export function parseExpandedInteger(text: string): bigint {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(text);
  if (!m) throw new ExpandError(`integer expected but "${text}" found`);
  let value = BigInt(m[2]!);
  if (value > MAX) throw new ExpandError(`absolute value of integer "${text}" is too large (overflow)`);
  let rest = text.slice(m[0].length);
  const mult = MULTIPLIER[rest.charAt(0).toLowerCase()];
  if (mult !== undefined) {
    value *= mult;
    rest = rest.slice(1);
  }
  if (!/^[ \t\n\v\f\r]*$/.test(rest)) throw new ExpandError(`invalid integer "${text}"`);
  return m[1] === '-' ? -value : value;
}

registerOperator({
  name: 'randint',
  takesParams: true,
  fn(subject) {
    const max = parseExpandedInteger(subject);
    if (max < 0n) throw new ExpandError(`non-negative integer expected but "${subject}" found`);
    if (max <= 1n) return '0';
    // crypto.randomInt is limited to ranges below 2^48; larger bounds combine two draws.
    if (max < 1n << 48n) return String(randomInt(Number(max)));
    const wide = (BigInt(randomInt(2 ** 47)) << 32n) | BigInt(randomInt(2 ** 32));
    return String(wide % max);
  },
});
