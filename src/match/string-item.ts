/**
 * Item forms shared by domain and local part lists (and the halves of address items):
 * `^regex`, `*suffix`, `TYPE;lookup`, and plain text.
 */
import type { ExpandContext, TStr } from '../expand/types.js';
import { compileRegex } from '../regex/index.js';
import { NO_MATCH, type ItemOutcome } from './engine.js';
import { parseLookupItem, partialWildPart, runLookupItem } from './lookup-item.js';

export interface SubjectInfo {
  /** The subject as compared (lowercased when matching caselessly). */
  readonly text: string;
  /** The subject as given: regular expressions run on it (caselessly when required). */
  readonly original?: string;
  readonly tainted: boolean;
  /** Whether a match sets $0.. (domain and local part lists; not address or host lists). */
  readonly setsNumeric?: boolean;
}

/** Exim sets $0.. after a regex or `*` item matched; they stay visible in the ${if} branches. */
export function setNumeric(ctx: ExpandContext, values: ReadonlyArray<string | undefined>, tainted: boolean): void {
  ctx.numeric = values.map((s): TStr => ({ s: s ?? '', tainted }));
}

/**
 * Exim's $0.. after a match: a regex gives the whole (original) subject and its groups, `*suffix`
 * the compared subject and the part before the suffix, other items just the compared subject.
 */
export function matched(subject: SubjectInfo, ctx: ExpandContext, outcome: ItemOutcome, numeric: ReadonlyArray<string | undefined>): ItemOutcome {
  if (subject.setsNumeric) setNumeric(ctx, numeric, subject.tainted);
  return outcome;
}

export async function checkStringItem(subject: SubjectInfo, item: string, caseless: boolean, ctx: ExpandContext): Promise<ItemOutcome> {
  const s = subject.text;
  if (item.startsWith('^')) {
    const original = subject.original ?? s;
    const m = compileRegex(item, { caseless }).exec(original);
    if (!m) return NO_MATCH;
    return matched(subject, ctx, { t: 'match', item }, [original, ...m.groups.slice(1)]);
  }
  if (item.startsWith('*')) {
    const suffix = item.slice(1);
    const tail = s.slice(Math.max(0, s.length - suffix.length));
    if (s.length < suffix.length || !sameText(tail, suffix, caseless)) return NO_MATCH;
    return matched(subject, ctx, { t: 'match', item }, [s, s.slice(0, s.length - suffix.length)]);
  }
  const li = parseLookupItem(item, ctx, false);
  if (li) {
    const data = await runLookupItem(li, s, ctx);
    if (!data) return NO_MATCH;
    const wild = subject.setsNumeric ? await partialWildPart(li, s, ctx) : '';
    return matched(subject, ctx, { t: 'match', data }, wild ? [s, wild] : [s]);
  }
  return sameText(s, item, caseless) ? matched(subject, ctx, { t: 'match', item }, [s]) : NO_MATCH;
}

export function sameText(a: string, b: string, caseless: boolean): boolean {
  return caseless ? asciiLower(a) === asciiLower(b) : a === b;
}

/** Exim lowercases with the C library's tolower(): ASCII letters only. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
