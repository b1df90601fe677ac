/**
 * Parsers for the numeric option types. Each returns the stored value or throws an OptionValueError
 * whose text is Exim's (the caller adds file and line). Behaviour mirrors Exim 4.96, checked with
 * the real binary: integers follow C's strtol with base 0 (so "09" stops at the 9), values wrap at
 * 32 bits where Exim's do, and time values always need a unit letter.
 */
import { MailwrightError } from '../../util/errors.js';

/** A value that does not parse; `message` is Exim's text without the location. */
export class OptionValueError extends MailwrightError {}

const INT_MAX = 2 ** 31 - 1;
const INT64_MAX = 2n ** 63n - 1n;

interface LeadingNumber {
  readonly value: bigint;
  /** Characters consumed (0 when no digits). */
  readonly length: number;
}

/** strtol(s, &end, 0) on the start of s: optional space and sign, 0x hex, leading-0 octal, decimal. */
function readCNumber(s: string): LeadingNumber {
  const m = /^[ \t\n\r\f\v]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) return { value: 0n, length: 0 };
  const digits = m[2]!;
  let value: bigint;
  if (/^0[xX]/.test(digits)) value = BigInt(digits);
  else if (digits.length > 1 && digits.startsWith('0')) value = BigInt('0o' + digits.slice(1));
  else value = BigInt(digits);
  return { value: m[1] === '-' ? -value : value, length: m[0].length };
}

const BINARY_MULTIPLIERS: Readonly<Record<string, bigint>> = { k: 1024n, m: 1024n ** 2n, g: 1024n ** 3n };

function suffixMultiplier(rest: string): { mult: bigint; used: number } {
  const mult = BINARY_MULTIPLIERS[rest.charAt(0).toLowerCase()];
  return mult === undefined ? { mult: 1n, used: 0 } : { mult, used: 1 };
}

function assertOnlySpace(rest: string, message: string): void {
  if (rest.trim() !== '') throw new OptionValueError(message);
}

/** Plain integer option (int, octint, mkint): 32-bit signed, optional K/M/G suffix. */
export function parseInteger(text: string, optionName: string): number {
  const n = readCNumber(text);
  if (n.length === 0) throw new OptionValueError(`integer expected for ${optionName}`);
  const rest = text.slice(n.length);
  const { mult, used } = suffixMultiplier(rest);
  const value = n.value * mult;
  if (value > BigInt(INT_MAX) || value < -BigInt(INT_MAX)) {
    throw new OptionValueError(`absolute value of integer "${text.trim()}" is too large (overflow)`);
  }
  assertOnlySpace(rest.slice(used), `extra characters follow integer value for ${optionName}`);
  return Number(value);
}

const KINT_MULTIPLIERS: Readonly<Record<string, bigint>> = { k: 1n, m: 1024n, g: 1024n ** 2n, t: 1024n ** 3n };

/** Size option stored in kilobytes (check_spool_space...): plain number = K; K/M/G/T suffixes; 64-bit. */
export function parseKInteger(text: string, optionName: string): number {
  const n = readCNumber(text);
  if (n.length === 0) throw new OptionValueError(`integer expected for ${optionName}`);
  const rest = text.slice(n.length);
  const mult = KINT_MULTIPLIERS[rest.charAt(0).toLowerCase()];
  const value = n.value * (mult ?? 1n);
  if (value > INT64_MAX || value < -INT64_MAX) {
    throw new OptionValueError(`absolute value of integer "${text.trim()}" is too large (overflow)`);
  }
  assertOnlySpace(rest.slice(mult === undefined ? 0 : 1), `extra characters follow integer value for ${optionName}`);
  return Number(value);
}

/** Wrap to a signed 32-bit integer, as C arithmetic on int does. */
function wrap32(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

/** Fixed-point number with three decimals (stored *1000); extra decimals are truncated. */
export function parseFixed(text: string, optionName: string): number {
  const m = /^[ \t]*(\d+)(?:\.(\d*))?/.exec(text);
  if (!m) {
    if (/^[ \t]*-\d/.test(text)) {
      throw new OptionValueError(`integer "${text.trim()}" is too large (overflow)`);
    }
    throw new OptionValueError(`fixed-point number expected for ${optionName}`);
  }
  assertOnlySpace(text.slice(m[0].length), `extra characters follow fixed-point value for ${optionName}`);
  const fraction = ((m[2] ?? '') + '000').slice(0, 3);
  return wrap32(BigInt(m[1]!) * 1000n + BigInt(fraction));
}

const TIME_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * Time interval such as 3h50m or 1w2d; every number needs a unit. Returns seconds, or -1 when the
 * text is not a valid interval (the caller words the error).
 */
export function readTime(text: string): number {
  const s = text.trim();
  if (!/^(\d+[smhdw])+$/.test(s)) return -1;
  let total = 0;
  for (const [, digits, unit] of s.matchAll(/(\d+)([smhdw])/g)) {
    total += Number(digits) * TIME_UNITS[unit!]!;
  }
  return total > INT_MAX ? -1 : total;
}

export function parseTime(text: string, optionName: string): number {
  const v = readTime(text);
  if (v < 0) throw new OptionValueError(`invalid time value for ${optionName}`);
  return v;
}

/** Colon-separated list of intervals (delay_warning); empty text is an empty list. */
export function parseTimeListFor(text: string, optionName: string): number[] {
  if (text.trim() === '') return [];
  return text.split(':').map((item) => parseTime(item, optionName));
}

/** Table-building helpers for defaults written as time strings. */
export function parseTimeValue(text: string): number {
  return parseTime(text, '(default)');
}

export function parseTimeList(text: string): number[] {
  return parseTimeListFor(text, '(default)');
}
