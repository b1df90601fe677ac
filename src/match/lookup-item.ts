/**
 * List items of the form `TYPE;file` (single-key) or `TYPE;query` (query-style), with the
 * lookup registry's affixes (`partial-`, `*`, `*@`, `,options`). Host lists add `net-`/`netN-`.
 */
import { untainted, type ExpandContext, type TStr } from '../expand/types.js';
import { parseLookupSpec } from '../lookups/spec.js';
import type { LookupStyle } from '../lookups/types.js';
import { LookupError } from '../lookups/types.js';

export interface LookupItem {
  /** The type specification as written before the semicolon (minus any `net-` prefix). */
  readonly spec: string;
  /** Text after the semicolon: the file for single-key types, the query for query-style ones. */
  readonly argument: string;
  readonly style: LookupStyle;
  readonly typeName: string;
  /** Host lists: `net-` (bits undefined) or `netN-` (bits = N) given. */
  readonly net?: { readonly bits: number | undefined };
}

/**
 * Split an item at its first semicolon and identify the lookup type; null when there is no
 * semicolon. An unknown type is an error, as in Exim (any item with `;` is a lookup).
 */
export function parseLookupItem(item: string, ctx: ExpandContext, allowNet: boolean): LookupItem | null {
  const semi = item.indexOf(';');
  if (semi < 0) return null;
  let spec = item.slice(0, semi).trim();
  const argument = item.slice(semi + 1).replace(/^[ \t\n\r\f\v]+/, '');
  let net: LookupItem['net'];
  const netMatch = allowNet ? /^net(\d*)-/.exec(spec) : null;
  if (netMatch) {
    net = { bits: netMatch[1] === '' ? undefined : Number(netMatch[1]) };
    spec = spec.slice(netMatch[0].length);
  }
  const parsed = parseLookupSpec(spec);
  const driver = ctx.services.lookups.get(parsed.type);
  if (!driver) throw new LookupError(`unknown lookup type "${parsed.type}"`);
  return { spec, argument, style: driver.style, typeName: parsed.type, ...(net ? { net } : {}) };
}

/** Spec with any `partial...-` prefix removed (address lists ignore partial matching). */
export function withoutPartial(spec: string): string {
  return spec.replace(/^partial(\d*)(-|\([^)]*\))/, '');
}

/**
 * After a partial lookup matched, the leading components that a wildcard key stood for (Exim
 * puts them in $1): the full key is tried first, then keys with components removed, as the
 * registry does; the lookups repeat ones already made, so they come from its cache.
 */
export async function partialWildPart(li: LookupItem, key: string, ctx: ExpandContext): Promise<string> {
  const parsed = parseLookupSpec(li.spec);
  if (!parsed.partial) return '';
  const plain = withoutPartial(li.spec).replace(/\*@?(?=,|$)/, '');
  const exact = await ctx.services.lookups.lookup(plain, untainted(key), untainted(li.argument), ctx);
  if (exact.found) return '';
  const parts = key.split('.');
  for (let drop = 1; parts.length - drop >= parsed.partial.minComponents; drop++) {
    const candidate = parsed.partial.prefix + parts.slice(drop).join('.');
    const out = await ctx.services.lookups.lookup(plain, untainted(candidate), untainted(li.argument), ctx);
    if (out.found) return parts.slice(0, drop).join('.');
  }
  return '';
}

/**
 * Run the lookup: single-key types look `key` up in the file, query-style types run the
 * query. Returns the data (untainted, as Exim's lookup results) or null.
 */
export async function runLookupItem(li: LookupItem, key: string, ctx: ExpandContext, spec = li.spec): Promise<TStr | null> {
  const lookups = ctx.services.lookups;
  if (li.style === 'query') {
    const out = await lookups.lookup(spec, untainted(li.argument), undefined, ctx);
    return out.found ? out.value : null;
  }
  const out = await lookups.lookup(spec, untainted(key), untainted(li.argument), ctx);
  return out.found ? out.value : null;
}
