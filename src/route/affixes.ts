/**
 * local_part_prefix / local_part_suffix matching. The lists are tried left to right and the
 * first affix that matches wins. A prefix starting with `*` (or a suffix ending with `*`)
 * matches the longest run of arbitrary characters there; that run is the `_v` part. Matching
 * is caseless unless the router is caseful. The remaining local part must not be empty.
 */
import { listItems } from '../util/exim-list.js';

export interface AffixMatch {
  /** The whole affix as it appears in the local part. */
  readonly affix: string;
  /** The part matched by the `*` wildcard ('' when the item had none). */
  readonly wild: string;
  /** The local part with the affix removed. */
  readonly rest: string;
}

function eq(a: string, b: string, caseless: boolean): boolean {
  return caseless ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function indexIn(hay: string, needle: string, caseless: boolean, last: boolean): number {
  const h = caseless ? hay.toLowerCase() : hay;
  const n = caseless ? needle.toLowerCase() : needle;
  return last ? h.lastIndexOf(n) : h.indexOf(n);
}

function matchPrefixItem(localPart: string, item: string, caseless: boolean): AffixMatch | undefined {
  if (item.startsWith('*')) {
    const fixed = item.slice(1);
    // Longest wildcard run: the last occurrence of the fixed part that leaves something after it.
    const at = indexIn(localPart.slice(0, Math.max(0, localPart.length - 1)), fixed, caseless, true);
    if (at < 0 || (fixed === '' && localPart.length < 2)) return undefined;
    const end = fixed === '' ? localPart.length - 1 : at + fixed.length;
    return { affix: localPart.slice(0, end), wild: localPart.slice(0, end - fixed.length), rest: localPart.slice(end) };
  }
  if (item.length >= localPart.length || !eq(localPart.slice(0, item.length), item, caseless)) return undefined;
  return { affix: localPart.slice(0, item.length), wild: '', rest: localPart.slice(item.length) };
}

function matchSuffixItem(localPart: string, item: string, caseless: boolean): AffixMatch | undefined {
  if (item.endsWith('*')) {
    const fixed = item.slice(0, -1);
    // Longest wildcard run: the first occurrence of the fixed part after at least one character.
    const idx = indexIn(localPart.slice(1), fixed, caseless, false);
    if (idx < 0 || (fixed === '' && localPart.length < 2)) return undefined;
    const start = fixed === '' ? 1 : idx + 1;
    return { affix: localPart.slice(start), wild: localPart.slice(start + fixed.length), rest: localPart.slice(0, start) };
  }
  if (item.length >= localPart.length || !eq(localPart.slice(localPart.length - item.length), item, caseless)) return undefined;
  return { affix: localPart.slice(localPart.length - item.length), wild: '', rest: localPart.slice(0, localPart.length - item.length) };
}

export function matchPrefix(localPart: string, list: string, caseless: boolean): AffixMatch | undefined {
  for (const item of listItems(list)) {
    const m = matchPrefixItem(localPart, item, caseless);
    if (m) return m;
  }
  return undefined;
}

export function matchSuffix(localPart: string, list: string, caseless: boolean): AffixMatch | undefined {
  for (const item of listItems(list)) {
    const m = matchSuffixItem(localPart, item, caseless);
    if (m) return m;
  }
  return undefined;
}
