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
