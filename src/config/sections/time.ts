/** Time intervals as written in retry rules: one or more <digits><unit> groups (s m h d w). */

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * Reads an interval starting at `from` (leading white space allowed). Stops after a unit that
 * is not followed by a digit. Returns undefined when there is no number, or a number is not
 * followed by a unit letter.
 */
export function readIntervalAt(text: string, from: number): { seconds: number; end: number } | undefined {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  let seconds = 0;
  let groups = 0;
  while (i < text.length && /[0-9]/.test(text[i]!)) {
    let j = i;
    while (j < text.length && /[0-9]/.test(text[j]!)) j++;
    const unit = UNIT_SECONDS[text.charAt(j)];
    if (unit === undefined) return undefined;
    seconds += Number(text.slice(i, j)) * unit;
    groups++;
    i = j + 1;
  }
  return groups === 0 ? undefined : { seconds, end: i };
}
