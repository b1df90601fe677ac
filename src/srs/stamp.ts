/**
 * SRS day stamps: the day number since the epoch, modulo 1024, written as two base-32 digits.
 * Exim's native SRS writes them with a lower-case alphabet; the classic scheme (Mail::SRS,
 * libsrs_alt, postsrsd) with an upper-case one.
 */

export const BASE32_LOWER = 'abcdefghijklmnopqrstuvwxyz234567';
export const BASE32_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const DAY_MS = 86_400_000;
/** Two base-32 digits: the stamp repeats every 1024 days. */
export const STAMP_SLOTS = 1024;

/** Whole days since the epoch at the given instant (milliseconds). */
export function dayNumber(nowMs: number): number {
  return Math.floor(nowMs / DAY_MS);
}

/** The two-character stamp of a day. */
export function encodeStamp(day: number, alphabet: string): string {
  const slot = ((day % STAMP_SLOTS) + STAMP_SLOTS) % STAMP_SLOTS;
  return alphabet[slot >> 5]! + alphabet[slot & 31]!;
}

/** The slot (0..1023) a stamp names, or null when it is not two characters of the alphabet. */
export function decodeStamp(stamp: string, alphabet: string): number | null {
  if (stamp.length !== 2) return null;
  const hi = alphabet.indexOf(stamp[0]!);
  const lo = alphabet.indexOf(stamp[1]!);
  return hi < 0 || lo < 0 ? null : hi * 32 + lo;
}

/**
 * Days from the stamp's slot to today's, counted forward around the cycle: 0 for today, and
 * a stamp from the future looks very old (1023 for tomorrow), so it fails any sane age limit.
 */
export function stampAge(slot: number, today: number): number {
  return (((today - slot) % STAMP_SLOTS) + STAMP_SLOTS) % STAMP_SLOTS;
}
