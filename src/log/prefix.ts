/**
 * The prefix Exim puts before every log line: `YYYY-MM-DD HH:MM:SS`, then `.mmm` with
 * +millisec, then ` +zzzz` with log_timezone, then ` [pid]` with +pid, then a space. The time
 * is local time (the `timezone` option / TZ decide what "local" is).
 */
import type { LogSelectors } from './types.js';

/** Minutes east of UTC at a given instant; the default follows the process's TZ. */
export type UtcOffset = (d: Date) => number;
export const localOffset: UtcOffset = (d) => -d.getTimezoneOffset();

export interface PrefixOptions {
  readonly selectors: LogSelectors;
  readonly logTimezone?: boolean;
  readonly pid?: number;
  readonly offset?: UtcOffset;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** Calendar fields of `d` shifted to the zone: read with the UTC getters. */
export function zoned(d: Date, offset: UtcOffset = localOffset): Date {
  return new Date(d.getTime() + offset(d) * 60_000);
}

export function formatZoneOffset(minutes: number): string {
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${p2(Math.floor(abs / 60))}${p2(abs % 60)}`;
}

/** `YYYY-MM-DD HH:MM:SS[.mmm][ +zzzz]` */
export function logTime(d: Date, opts: { millisec?: boolean; withZone?: boolean; offset?: UtcOffset } = {}): string {
  const offset = opts.offset ?? localOffset;
  const z = zoned(d, offset);
  let s = `${z.getUTCFullYear()}-${p2(z.getUTCMonth() + 1)}-${p2(z.getUTCDate())} ${p2(z.getUTCHours())}:${p2(z.getUTCMinutes())}:${p2(z.getUTCSeconds())}`;
  if (opts.millisec) s += `.${String(z.getUTCMilliseconds()).padStart(3, '0')}`;
  if (opts.withZone) s += ` ${formatZoneOffset(offset(d))}`;
  return s;
}

/** The whole prefix including the trailing space, e.g. `2024-01-02 03:04:05.678 [123] `. */
export function linePrefix(d: Date, opts: PrefixOptions): string {
  let s = logTime(d, { millisec: opts.selectors.has('millisec'), withZone: opts.logTimezone, offset: opts.offset });
  if (opts.selectors.has('pid')) s += ` [${opts.pid ?? process.pid}]`;
  return `${s} `;
}

/** `yyyymmdd` (%D) and `yyyymm` (%M) datestamps for log file names. */
export function dateStamps(d: Date, offset: UtcOffset = localOffset): { day: string; month: string } {
  const z = zoned(d, offset);
  const month = `${z.getUTCFullYear()}${p2(z.getUTCMonth() + 1)}`;
  return { day: `${month}${p2(z.getUTCDate())}`, month };
}

/**
 * The offset function for a named zone (the `timezone` option, e.g. `Europe/Berlin`, `UTC`),
 * computed with Intl so the process's own TZ is left alone. An unknown zone throws RangeError.
 */
export function offsetForZone(zone: string): UtcOffset {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  return (d) => {
    const parts: Record<string, number> = {};
    for (const p of fmt.formatToParts(d)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return Math.round((asUtc - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
  };
}

/** The longest line (prefix, message id and text, without the newline) exim4's log buffer holds. */
export const LOG_LINE_MAX = 8189;
const OVERFLOW_NOTICE = '**** log string overflowed log buffer ****\n';

/**
 * The text to write after the prefix: the body itself, or - when prefix and body do not fit
 * the buffer - exim4's overflow notice, which (as exim4 writes it) ends in a newline of its own
 * and so leaves an empty line after it.
 */
export function fitLogBuffer(prefix: string, body: string): string {
  return Buffer.byteLength(prefix, 'latin1') + Buffer.byteLength(body, /[^\u0000-\u00ff]/.test(body) ? 'utf8' : 'latin1') > LOG_LINE_MAX
    ? OVERFLOW_NOTICE
    : body;
}
