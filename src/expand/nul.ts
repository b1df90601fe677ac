import type { TStr } from './types.js';

/** Exim's results are C strings: nothing after a binary zero survives. */
export function truncateAtNul(v: TStr): TStr {
  const i = v.s.indexOf('\0');
  return i < 0 ? v : { s: v.s.slice(0, i), tainted: v.tainted && i > 0 };
}
