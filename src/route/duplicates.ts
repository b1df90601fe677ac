/**
 * Duplicate elimination after routing (spec 3.11 and 22.7): deliveries to the same address are
 * made once (local parts compared case-sensitively, domains caselessly); pipe and file
 * deliveries are distinct when their immediate parents differ. Delivery uses this on the
 * routed addresses; -bt shows duplicates instead of removing them.
 */
import type { AddressItem } from './types.js';

/** Exim's duplicate key: the address with the domain lower-cased; specials include their parent. */
export function duplicateKey(addr: AddressItem): string {
  const at = addr.address.lastIndexOf('@');
  const base = at < 0 || addr.special ? addr.address : `${addr.address.slice(0, at)}@${addr.address.slice(at + 1).toLowerCase()}`;
  return addr.special && addr.parent ? `${base}:${addr.parent.address}` : base;
}

/** Split addresses into the first of each key and the duplicates; `seen` carries keys across calls. */
export function removeDuplicates(addrs: readonly AddressItem[], seen: Set<string> = new Set()): { unique: AddressItem[]; duplicates: AddressItem[] } {
  const unique: AddressItem[] = [];
  const duplicates: AddressItem[] = [];
  for (const a of addrs) {
    const key = duplicateKey(a);
    if (seen.has(key)) duplicates.push(a);
    else {
      seen.add(key);
      unique.push(a);
    }
  }
  return { unique, duplicates };
}
