/**
 * Exim message ids. Two layouts exist, both made of base-62 digits (0-9, A-Z, a-z):
 *
 * - Exim 4.97 and later, 23 characters, `TTTTTT-PPPPPPPPPPP-FFFF`: seconds since the epoch (6),
 *   the receiving process id (11, room for 64-bit pids) and the sub-second part (4). Without
 *   localhost_number the sub-second part counts microseconds; with it, the part counts units of
 *   2 us and localhost_number * 500000 is added. This is the layout Mailwright writes.
 * - Exim 4.96 and earlier, 16 characters, `TTTTTT-PPPPPP-FF`: the same seconds, a 6-digit pid
 *   and a 2-digit sub-second part in 1/2000 s (or 1/200 s plus localhost_number * 200).
 *   Mailwright reads it (old spool files, log lines) and can format it for tests.
 *
 * The 6th character, the least significant digit of the seconds, names the input/msglog
 * subdirectory when split_spool_directory is set.
 */
import { SpoolError } from './errors.js';

export const BASE62_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const MESSAGE_ID_LENGTH = 23;
export const OLD_MESSAGE_ID_LENGTH = 16;

const NEW_ID = /^[0-9A-Za-z]{6}-[0-9A-Za-z]{11}-[0-9A-Za-z]{4}$/;
const OLD_ID = /^[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}$/;

/** Base-62 digits of a non-negative integer, left-padded with zeros to `width` (high digits dropped beyond it). */
export function toBase62(value: bigint | number, width: number): string {
  let n = BigInt(value);
  if (n < 0n) throw new SpoolError(`negative value ${n} in a message id`);
  let out = '';
  for (let i = 0; i < width; i++) {
    out = BASE62_DIGITS[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

export function fromBase62(digits: string): bigint {
  let n = 0n;
  for (const ch of digits) {
    const d = BASE62_DIGITS.indexOf(ch);
    if (d < 0) throw new SpoolError(`"${ch}" is not a base-62 digit`);
    n = n * 62n + BigInt(d);
  }
  return n;
}

export type MessageIdFormat = 'current' | 'old';

export interface MessageIdParts {
  readonly format: MessageIdFormat;
  /** Seconds since the epoch when reception started. */
  readonly seconds: number;
  readonly pid: number;
  /** Raw sub-second field (units depend on the format and on localhost_number). */
  readonly fraction: number;
}

export interface MessageIdTime {
  readonly seconds: number;
  readonly pid: number;
  /** Microseconds within the second (0..999999). */
  readonly micros: number;
}

export function isMessageId(s: string): boolean {
  return NEW_ID.test(s) || OLD_ID.test(s);
}

export function messageIdFormat(s: string): MessageIdFormat | undefined {
  if (NEW_ID.test(s)) return 'current';
  if (OLD_ID.test(s)) return 'old';
  return undefined;
}

export function parseMessageId(id: string): MessageIdParts {
  const format = messageIdFormat(id);
  if (format === undefined) throw new SpoolError(`"${id}" is not an Exim message id`);
  const [t, p, f] = id.split('-') as [string, string, string];
  return { format, seconds: Number(fromBase62(t)), pid: Number(fromBase62(p)), fraction: Number(fromBase62(f)) };
}

/**
 * Recovers the reception time from an id. `localhostNumber` must be the value the id was made
 * with (undefined when the option is unset); the old layout only keeps 1/2000 s (500 us) or,
 * with localhost_number, 1/200 s.
 */
export function messageIdTime(id: string, localhostNumber?: number): MessageIdTime {
  const parts = parseMessageId(id);
  let micros: number;
  if (parts.format === 'current') {
    micros = localhostNumber === undefined ? parts.fraction : (parts.fraction - localhostNumber * 500000) * 2;
  } else {
    micros = localhostNumber === undefined ? parts.fraction * 500 : (parts.fraction - localhostNumber * 200) * 5000;
  }
  return { seconds: parts.seconds, pid: parts.pid, micros };
}

/** A 23-character id (Exim 4.97+ layout). */
export function formatMessageId(t: MessageIdTime, localhostNumber?: number): string {
  const fraction = localhostNumber === undefined ? t.micros : localhostNumber * 500000 + Math.floor(t.micros / 2);
  return `${toBase62(t.seconds, 6)}-${toBase62(t.pid, 11)}-${toBase62(fraction, 4)}`;
}

/** A 16-character id (Exim 4.96 layout); the pid must fit 6 base-62 digits. */
export function formatOldMessageId(t: MessageIdTime, localhostNumber?: number): string {
  const fraction = localhostNumber === undefined ? Math.floor(t.micros / 500) : localhostNumber * 200 + Math.floor(t.micros / 5000);
  return `${toBase62(t.seconds, 6)}-${toBase62(t.pid, 6)}-${toBase62(fraction, 2)}`;
}

/** The split_spool_directory subdirectory of a message: the 6th character of its id. */
export function spoolSubdirectory(id: string): string {
  if (id.length < 6) throw new SpoolError(`"${id}" is not an Exim message id`);
  return id[5]!;
}
