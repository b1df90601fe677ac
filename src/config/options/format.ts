/**
 * Formatting option values the way -bP shows them: times as 1w2d3h, sizes with K/M/G/T,
 * fixed-point with up to three decimals, modes in octal, ids as names, and strings with
 * non-printing characters escaped.
 */
import type { OptionDef, OptionValue } from '../types.js';
import { idDatabase } from './ids.js';

const TIME_PARTS: readonly (readonly [number, string])[] = [
  [604800, 'w'],
  [86400, 'd'],
  [3600, 'h'],
  [60, 'm'],
  [1, 's'],
];

/** Seconds as Exim prints intervals: largest units first, zero parts left out, 0 as "0s". */
export function formatTime(seconds: number): string {
  if (seconds === 0) return '0s';
  let rest = Math.abs(seconds);
  let out = seconds < 0 ? '-' : '';
  for (const [size, unit] of TIME_PARTS) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

/** Byte sizes (mkint): M or K when exact, else plain. */
export function formatMkint(n: number): string {
  if (n === 0) return '0';
  if (n % (1024 * 1024) === 0) return `${n / (1024 * 1024)}M`;
  if (n % 1024 === 0) return `${n / 1024}K`;
  return String(n);
}

/** Sizes held in kilobytes (kint): the largest exact unit from K to T. */
export function formatKint(k: number): string {
  if (k === 0) return '0';
  if (k % 1024 ** 3 === 0) return `${k / 1024 ** 3}T`;
  if (k % 1024 ** 2 === 0) return `${k / 1024 ** 2}G`;
  if (k % 1024 === 0) return `${k / 1024}M`;
  return `${k}K`;
}

/** Fixed-point (value*1000): at least one decimal, trailing zeros dropped. */
export function formatFixed(v: number): string {
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  const frac = String(a % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${sign}${Math.floor(a / 1000)}.${frac === '' ? '0' : frac}`;
}

/** C's "%#o": a leading 0 unless the value is 0. */
export function formatOctal(n: number): string {
  return n === 0 ? '0' : `0${n.toString(8)}`;
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\f': '\\f',
  '\b': '\\b',
};

function octalEscape(byte: number): string {
  return '\\' + byte.toString(8).padStart(3, '0');
}

/**
 * Makes a string printable as Exim does for -bP: printable ASCII as is, common controls as
 * backslash letters, other bytes as three-digit octal. Code units up to 0xff are bytes (the
 * configuration is read byte-transparently); larger ones are encoded as UTF-8 first.
 */
export function printable(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) out += ch;
    else if (NAMED_ESCAPES[ch]) out += NAMED_ESCAPES[ch];
    else if (code <= 0xff) out += octalEscape(code);
    else for (const b of Buffer.from(ch, 'utf8')) out += octalEscape(b);
  }
  return out;
}

function idName(id: number, user: boolean): string {
  const db = idDatabase();
  return (user ? db.userName(id) : db.groupName(id)) ?? String(id);
}

/** Text after "name = " for a set value; undefined values are handled by formatOption. */
export function formatValue(def: OptionDef, value: Exclude<OptionValue, undefined>): string {
  if (Array.isArray(value)) {
    if (def.type === 'timelist') return value.map(formatTime).join(':');
    return value.map((id) => idName(id, def.type === 'uidlist')).join(':');
  }
  if (typeof value === 'number') {
    switch (def.type) {
      case 'time':
        return formatTime(value);
      case 'mkint':
        return formatMkint(value);
      case 'kint':
        return formatKint(value);
      case 'fixed':
        return formatFixed(value);
      case 'octint':
        return formatOctal(value);
      case 'uid':
      case 'gid':
        return idName(value, def.type === 'uid');
      default:
        return String(value);
    }
  }
  return printable(String(value));
}
