/**
 * The list walk shared by all four list kinds (spec chapter "Domain, host, address, and local
 * part lists"): items in order, first match wins, `!` negation, `+name` named lists, `/file`
 * items, and the rule that reaching the end after a negative item counts as a match.
 * Item syntax specific to a list kind is left to a KindHandler.
 */
import { readFile } from 'node:fs/promises';
import { bytesToString } from '../expand/operators/bytes.js';
import { ExpandError, type ExpandContext, type NamedListKind, type TStr } from '../expand/types.js';
import { LookupDefer } from '../lookups/types.js';
import { listItems } from '../util/exim-list.js';
import { ListFileError, ListMatchError, UnknownNamedListError } from './errors.js';
import type { ListMatch } from './types.js';

/** Mutable settings a list can change as it goes (`+caseful`, `+include_unknown`, ...). */
export interface WalkState {
  caseless: boolean;
  /** What an item does when the host name or address it needs cannot be found. */
  onUnknown: 'fail' | 'include' | 'ignore';
  /** What an item does when a lookup or DNS query defers. */
  onDefer: 'defer' | 'include' | 'ignore';
}

export type ItemOutcome =
  | { readonly t: 'match'; readonly item?: string; readonly data?: TStr }
  | { readonly t: 'nomatch' }
  /** The information the item needs (host name, host address) could not be found. */
  | { readonly t: 'unknown' };

export const NO_MATCH: ItemOutcome = Object.freeze({ t: 'nomatch' });

export interface KindHandler {
  readonly kind: NamedListKind;
  /** Test one plain item (no `!`, not `+name`, not a file name). */
  check(item: string, state: WalkState): Promise<ItemOutcome>;
  /** Handle `+word` items other than named lists; true when consumed. */
  special?(word: string, state: WalkState): boolean;
}

const MAX_NESTING = 50;

export async function walkList(list: string, handler: KindHandler, ctx: ExpandContext, state: WalkState, depth = 0): Promise<ListMatch> {
  if (depth > MAX_NESTING) throw new ListMatchError('named lists nested too deeply (loop?)');
  let endMatches = false;
  for (const raw of listItems(list)) {
    const { negated, item } = splitNegation(raw);
    if (item.startsWith('+') && handler.special?.(item, state)) continue;
    let outcome: ItemOutcome;
    if (item.startsWith('+')) {
      outcome = await namedListOutcome(item.slice(1), handler, ctx, state, depth);
    } else if (item.startsWith('/')) {
      const file = await fileOutcome(item, negated, handler, state);
      if (file.decided) return file.result;
      endMatches = file.endMatches;
      continue;
    } else {
      outcome = await guardedCheck(handler, item, state);
    }
    const decided = decide(outcome, negated, state);
    if (decided) return decided;
    if (outcome.t !== 'unknown') endMatches = negated;
  }
  return endMatches ? { matched: true } : { matched: false };
}

function splitNegation(raw: string): { negated: boolean; item: string } {
  if (!raw.startsWith('!')) return { negated: false, item: raw };
  return { negated: true, item: raw.slice(1).replace(/^[ \t\n\r\f\v]+/, '') };
}

/** A final answer for this item, or null to go on with the next item. */
function decide(outcome: ItemOutcome, negated: boolean, state: WalkState): ListMatch | null {
  if (outcome.t === 'match') {
    if (negated) return { matched: false };
    return { matched: true, ...(outcome.item !== undefined ? { item: outcome.item } : {}), ...(outcome.data ? { data: outcome.data } : {}) };
  }
  if (outcome.t === 'unknown') {
    if (state.onUnknown === 'include') return { matched: true };
    if (state.onUnknown === 'ignore') return null;
    return { matched: false };
  }
  return null;
}

/** Run an item check, applying +include_defer / +ignore_defer to deferred lookups. */
async function guardedCheck(handler: KindHandler, item: string, state: WalkState): Promise<ItemOutcome> {
  try {
    return await handler.check(item, state);
  } catch (err) {
    if (!(err instanceof LookupDefer) || state.onDefer === 'defer') throw err;
    return state.onDefer === 'include' ? { t: 'match' } : NO_MATCH;
  }
}

async function namedListOutcome(name: string, handler: KindHandler, ctx: ExpandContext, state: WalkState, depth: number): Promise<ItemOutcome> {
  const named = ctx.config.namedList(handler.kind, name);
  if (!named) {
    const kinds: NamedListKind[] = ['domain', 'host', 'address', 'localpart'];
    const elsewhere = kinds.some((k) => k !== handler.kind && ctx.config.namedList(k, name) !== undefined);
    throw new UnknownNamedListError(handler.kind, name, elsewhere);
  }
  let value = named.value;
  if (value.includes('$') || value.includes('\\')) {
    try {
      value = (await ctx.services.expand(value, ctx)).s;
    } catch (err) {
      // A forced failure means "not in the list"; anything else cannot be decided.
      if (err instanceof ExpandError && err.forced) return NO_MATCH;
      throw err;
    }
  }
  const result = await walkList(value, handler, ctx, { ...state }, depth + 1);
  if (!result.matched) return NO_MATCH;
  return { t: 'match', item: result.item, data: result.data };
}

interface FileResult {
  readonly decided: boolean;
  readonly result: ListMatch;
  readonly endMatches: boolean;
}

/**
 * A `/path` item: each line is an item (no further files, no expansion). `#` starts a comment
 * anywhere for domain and host lists, only at the start or after white space otherwise.
 * The value of a match is the line itself.
 */
async function fileOutcome(path: string, fileNegated: boolean, handler: KindHandler, state: WalkState): Promise<FileResult> {
  let text: string;
  try {
    text = bytesToString(await readFile(path));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (err as Error).message;
    throw new ListFileError(`failed to open ${path} when checking "${path}": ${reason}`);
  }
  const hashAnywhere = handler.kind === 'domain' || handler.kind === 'host';
  let endMatches = fileNegated;
  for (const rawLine of text.split('\n')) {
    const line = stripComment(rawLine, hashAnywhere).trim();
    if (line === '') continue;
    const { negated: lineNegated, item } = splitNegation(line);
    const negated = lineNegated !== fileNegated;
    const outcome = await guardedCheck(handler, item, state);
    const withLine: ItemOutcome = outcome.t === 'match' ? { t: 'match', item, ...(outcome.data ? { data: outcome.data } : {}) } : outcome;
    const decided = decide(withLine, negated, state);
    if (decided) return { decided: true, result: decided, endMatches };
    if (outcome.t !== 'unknown') endMatches = negated;
  }
  return { decided: false, result: { matched: false }, endMatches };
}

function stripComment(line: string, hashAnywhere: boolean): string {
  if (hashAnywhere) {
    const i = line.indexOf('#');
    return i < 0 ? line : line.slice(0, i);
  }
  const m = /(^|[ \t])#/.exec(line);
  return m ? line.slice(0, m.index) : line;
}
