/**
 * The sequence of keys a single-key lookup tries: the key itself, then the partial-matching
 * keys (prefix + key, then prefix + key with leading components removed, down to the minimum
 * component count, and for partial0 a final bare-prefix key), then the `*@` and `*` defaults.
 * The first key found wins; the caller stops there.
 */
import type { DefaultKind, PartialSpec } from './spec.js';

/** The last key partial0 tries once every component has been stripped. */
function partialZeroFinalKey(prefix: string): string | undefined {
  if (prefix.length === 0) return undefined;
  if (prefix.length === 1) return prefix;
  if (prefix.endsWith('.')) return prefix.slice(0, -1);
  return prefix;
}

function partialKeys(key: string, partial: PartialSpec): string[] {
  const out: string[] = [];
  const { prefix, minComponents } = partial;
  if (key !== '') {
    // The prefixed whole key is always tried, whatever its component count.
    if (prefix !== '') out.push(prefix + key);
    const parts = key.split('.');
    const floor = Math.max(minComponents, 1);
    for (let drop = 1; parts.length - drop >= floor; drop++) {
      out.push(prefix + parts.slice(drop).join('.'));
    }
  }
  if (minComponents === 0) {
    const last = partialZeroFinalKey(prefix);
    if (last !== undefined) out.push(last);
  }
  return out;
}

function defaultKeys(key: string, defaults: DefaultKind): string[] {
  if (defaults === 'none') return [];
  const out: string[] = [];
  if (defaults === 'star-at') {
    const at = key.lastIndexOf('@');
    // Exim needs a local part to replace: `@dom` goes straight to `*`.
    if (at > 0) out.push('*' + key.slice(at));
  }
  out.push('*');
  return out;
}

/** All keys to try in order, without duplicates; an empty key itself is never looked up. */
export function candidateKeys(key: string, partial: PartialSpec | undefined, defaults: DefaultKind): string[] {
  const all: string[] = [];
  if (key !== '') all.push(key);
  if (partial) all.push(...partialKeys(key, partial));
  all.push(...defaultKeys(key, defaults));
  return [...new Set(all)];
}

/**
 * How a found candidate relates to the key, as Exim reports it in $1 (wild part) and $2 (fixed
 * part); undefined for an exact match without partial matching. Candidates are classified in
 * the order they are tried (partial keys before defaults), as the first one found wins.
 */
export function keyParts(
  key: string,
  candidate: string,
  partial: PartialSpec | undefined,
  defaults: DefaultKind,
): { wild: string; fixed: string } | undefined {
  if (candidate === key) return partial ? { wild: '', fixed: key } : undefined;
  if (partial && key !== '' && candidate.startsWith(partial.prefix)) {
    const fixed = candidate.slice(partial.prefix.length);
    if (fixed === key) return { wild: '', fixed };
    if (fixed !== '' && key.endsWith('.' + fixed)) return { wild: key.slice(0, key.length - fixed.length - 1), fixed };
  }
  // partial0's bare-prefix key: Exim's wild part is then the key less its last character.
  if (partial && partial.minComponents === 0 && candidate === partialZeroFinalKey(partial.prefix)) {
    return { wild: key.slice(0, -1), fixed: '' };
  }
  if (defaults === 'star-at' && candidate.startsWith('*@')) return { wild: key.slice(0, key.lastIndexOf('@')), fixed: '' };
  if (candidate === '*') return { wild: key, fixed: '' };
  return undefined;
}
