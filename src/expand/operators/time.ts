/** Time interval operators: time_eval ("2d4h" -> seconds) and time_interval (seconds -> "2d4h"). */
import { ExpandError } from '../types.js';
import { registerOperator } from './registry.js';

const UNIT_SECONDS: Record<string, bigint> = { s: 1n, m: 60n, h: 3600n, d: 86400n, w: 604800n };
const INT32_MIN = -2147483648;

/**
 * Exim interval syntax: one or more <digits><unit> groups, no spaces. Exim keeps the total in a
 * C int, so large values wrap; a negative outcome is rejected.
 */
export function parseTimeInterval(text: string): number | undefined {
  if (!/^(\d+[smhdw])+$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+)([smhdw])/g)) {
    const part = BigInt.asIntN(32, BigInt(m[1]!) * UNIT_SECONDS[m[2]!]!);
    total = (total + Number(part)) | 0;
    if (part < 0n || total < 0) return undefined;
  }
  return total;
}

/** Seconds as weeks/days/hours/minutes/seconds, omitting zero units ("0s" for zero). */
export function formatTimeInterval(seconds: number): string {
  // Observed Exim output for the one value whose negation overflows a C int.
  if (seconds === INT32_MIN) return '-5d3h14m8s';
  if (seconds < 0) return '-' + formatTimeInterval(-seconds);
  const units: Array<[number, string]> = [[604800, 'w'], [86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
  let rest = seconds;
  let out = '';
  for (const [size, letter] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) out += `${n}${letter}`;
  }
  return out === '' ? '0s' : out;
}

registerOperator({
  name: 'time_eval',
  fn(subject) {
    const seconds = parseTimeInterval(subject);
    if (seconds === undefined) throw new ExpandError(`string "${subject}" is not an Exim time interval in "time_eval" operator`);
    return String(seconds);
  },
});

registerOperator({
  name: 'time_interval',
  fn(subject) {
    if (!/^\d*$/.test(subject)) throw new ExpandError(`string "${subject}" is not a positive number in "time_interval" operator`);
    // Digits accumulate in 64 bits (wrapping) and the value is then used as a C int.
    const wrapped = subject === '' ? 0n : BigInt.asIntN(32, BigInt.asUintN(64, BigInt(subject)));
    return formatTimeInterval(Number(wrapped));
  },
});
