/**
 * bool and bool_lax: strings to booleans. bool is strict (true/false/yes/no, integers, empty);
 * bool_lax uses the router `condition` rule (only "", "0", "no", "false" are false).
 */
import { ExpandError } from '../types.js';
import { registerCondition } from './registry.js';
import { isCSpace } from './exim-integer.js';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

function trimCSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isCSpace(s[start])) start++;
  while (end > start && isCSpace(s[end - 1])) end--;
  return s.slice(start, end);
}

/**
 * Exim turns an all-digit value (optionally after "-") into a C int via a saturating 64-bit
 * conversion, so only the low 32 bits decide: "4294967296" is false, "9223372036854775808"
 * (saturated to the maximum) is true. A lone "-" reads as zero.
 */
function numericTruth(digits: string, negative: boolean): boolean {
  let v = digits === '' ? 0n : BigInt(digits);
  if (negative) v = -v;
  if (v > INT64_MAX) v = INT64_MAX;
  if (v < INT64_MIN) v = INT64_MIN;
  return BigInt.asIntN(32, v) !== 0n;
}

/** Optional "-" then only digits (possibly none): Exim's test for a numeric boolean. */
const NUMERIC_FORM = /^(-?)(\d*)$/;

export function strictBool(raw: string): boolean {
  const t = trimCSpace(raw);
  if (t === '') return false;
  const num = NUMERIC_FORM.exec(t);
  if (num) return numericTruth(num[2]!, num[1] === '-');
  const lower = t.toLowerCase();
  if (lower === 'true' || lower === 'yes') return true;
  if (lower === 'false' || lower === 'no') return false;
  throw new ExpandError(`unrecognised boolean value "${t}"`);
}

/**
 * Lax form: numeric-looking values of two or more characters are true ("00", "-0"); a single
 * character goes by its number, so "0" and a lone "-" are false; then "false"/"no" are false
 * and everything else is true.
 */
export function laxBool(raw: string): boolean {
  const t = trimCSpace(raw);
  if (t === '') return false;
  const num = NUMERIC_FORM.exec(t);
  if (num) return t.length > 1 || numericTruth(num[2]!, num[1] === '-');
  const lower = t.toLowerCase();
  return !(lower === 'false' || lower === 'no');
}

registerCondition({ name: 'bool', nargs: 1, fn: ([a]) => strictBool(a!.s) });
registerCondition({ name: 'bool_lax', nargs: 1, fn: ([a]) => laxBool(a!.s) });
