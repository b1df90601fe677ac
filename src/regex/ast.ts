/**
 * Syntax tree of a parsed PCRE2 pattern. Case-insensitivity is resolved at parse time: literal
 * characters and classes under (?i) are already widened to both cases, so the emitter never
 * needs JavaScript's 'i' flag (whose folding is Unicode-wide, unlike PCRE's byte tables).
 */
import type { CharSet } from './charset.js';

export type AssertKind =
  /** ^ without (?m), \A */
  | 'subject-start'
  /** ^ with (?m) */
  | 'line-start'
  /** $ without (?m), \Z: end or before a final newline */
  | 'end-or-final-newline'
  /** $ with (?m) */
  | 'line-end'
  /** \z */
  | 'subject-end'
  | 'word-boundary'
  | 'not-word-boundary'
  /** \G: the match start position */
  | 'match-start';

export type GroupKind = 'capture' | 'noncapture' | 'atomic' | 'lookahead' | 'neg-lookahead' | 'lookbehind' | 'neg-lookbehind';

export type Node =
  | { readonly t: 'empty' }
  | { readonly t: 'set'; readonly set: CharSet; readonly negated: boolean }
  | { readonly t: 'assert'; readonly kind: AssertKind }
  | { readonly t: 'seq'; readonly items: Node[] }
  | { readonly t: 'alt'; readonly alts: Node[] }
  | GroupNode
  | { readonly t: 'repeat'; readonly body: Node; readonly min: number; readonly max: number; readonly mode: RepeatMode }
  | BackrefNode
  /** A fixed piece of JavaScript regex source with no capturing groups (e.g. \R). */
  | { readonly t: 'raw'; readonly js: string; readonly width?: number }
  | { readonly t: 'fail' };

export type RepeatMode = 'greedy' | 'lazy' | 'possessive';

export interface GroupNode {
  readonly t: 'group';
  readonly kind: GroupKind;
  body: Node;
  /** PCRE group number for captures. */
  readonly number?: number;
  readonly name?: string;
  /** Offset of the opening parenthesis (for lookbehind errors). */
  readonly offset: number;
}

export interface BackrefNode {
  readonly t: 'backref';
  /** Resolved after parsing for named and forward references. */
  number: number;
  readonly name?: string;
  readonly caseless: boolean;
  /** Offset PCRE reports when the reference is to a non-existent group. */
  readonly errorOffset: number;
}
