/**
 * Per-router preparation of an address, before the preconditions: the loop checks, resetting
 * the local part to its full form, then local_part_prefix / local_part_suffix (tested first,
 * spec 3.12) and lower-casing unless caseful_local_part. After the preconditions: `set` and
 * address_data, which run just before the driver.
 */
import type { TStr } from '../expand/types.js';
import { listItems } from '../util/exim-list.js';
import { matchPrefix, matchSuffix } from './affixes.js';
import { tryExpand, type Router } from './router.js';
import type { ContextMaker } from './preconditions.js';
import type { AddressItem } from './types.js';

/** The whole local part, with RFC 2822 quoting removed (`"a b"@x` routes as `a b`). */
export function fullLocalPart(addr: AddressItem): string {
  const at = addr.address.lastIndexOf('@');
  const raw = at < 0 ? addr.address : addr.address.slice(0, at);
  return raw.includes('"') ? dequote(raw) : raw;
}

function dequote(text: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (c === '\\' && quoted && i + 1 < text.length) out += text[++i];
    else out += c;
  }
  return out;
}

/**
 * Exim skips a router when an ancestor with the same address was handled by it (no loops),
 * and a redirect router with no_repeat_use when any ancestor was.
 */
export function loopSkip(router: Router, addr: AddressItem): boolean {
  const me = addr.address.toLowerCase();
  const repeatUse = router.driverName !== 'redirect' || router.options.bool('repeat_use');
  for (let a = addr.parent; a; a = a.parent) {
    if (a.router !== router.name) continue;
    if (!repeatUse || a.address.toLowerCase() === me) return true;
  }
  return false;
}

/** Reset the parts a previous router may have changed. */
export function resetAddress(addr: AddressItem): void {
  addr.localPart = fullLocalPart(addr);
  addr.originalLocalPart = addr.localPart;
  addr.prefix = addr.suffix = addr.prefixWild = addr.suffixWild = '';
  addr.localUser = undefined;
  addr.homeDir = undefined;
}

/** Apply the router's affixes; false when a mandatory one is missing (router skipped). */
export function applyAffixes(router: Router, addr: AddressItem): boolean {
  const o = router.options;
  const caseless = !o.bool('caseful_local_part');
  const prefixes = o.str('local_part_prefix');
  if (prefixes !== undefined) {
    const m = matchPrefix(addr.localPart, prefixes, caseless);
    if (m) {
      addr.prefix = m.affix;
      addr.prefixWild = m.wild;
      addr.localPart = m.rest;
    } else if (!o.bool('local_part_prefix_optional')) return false;
  }
  const suffixes = o.str('local_part_suffix');
  if (suffixes !== undefined) {
    const m = matchSuffix(addr.localPart, suffixes, caseless);
    if (m) {
      addr.suffix = m.affix;
      addr.suffixWild = m.wild;
      addr.localPart = m.rest;
    } else if (!o.bool('local_part_suffix_optional')) return false;
  }
  if (caseless) addr.localPart = addr.localPart.toLowerCase();
  return true;
}

export type SetupResult = { readonly kind: 'ok' } | { readonly kind: 'decline' } | { readonly kind: 'defer'; readonly message: string };

/** `set = r_name = value; ...`: each value expanded in order and kept with the address. */
async function applySet(router: Router, addr: AddressItem, mk: ContextMaker): Promise<SetupResult> {
  const text = router.options.str('set');
  if (text === undefined) return { kind: 'ok' };
  for (const item of listItems(text, ';')) {
    const m = /^\s*(r_[A-Za-z0-9_]+)\s*=(.*)$/s.exec(item);
    if (!m) return { kind: 'defer', message: `bad "set" item "${item}" in ${router.name} router` };
    const r = await tryExpand(m[2]!.trim(), mk());
    if (!r.ok) return { kind: 'defer', message: `failed to expand "${m[2]!.trim()}" for ${router.name} router: ${r.message}` };
    const vars: Map<string, TStr> = addr.prop.variables ?? new Map();
    vars.set(m[1]!, r.value);
    addr.prop.variables = vars;
  }
  return { kind: 'ok' };
}

/** `set`, then address_data (forced failure declines; other failures defer). */
export async function beforeDriver(router: Router, addr: AddressItem, mk: ContextMaker): Promise<SetupResult> {
  const set = await applySet(router, addr, mk);
  if (set.kind !== 'ok') return set;
  const text = router.options.str('address_data');
  if (text === undefined) return { kind: 'ok' };
  const r = await tryExpand(text, mk());
  if (r.ok) {
    addr.prop.addressData = r.value;
    return { kind: 'ok' };
  }
  if (r.forced) return { kind: 'decline' };
  return { kind: 'defer', message: `expansion of "${text}" failed in ${router.name} router: ${r.message}` };
}
