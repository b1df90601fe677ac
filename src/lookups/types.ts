/**
 * Lookup registry contract. A lookup type is a small module implementing LookupDriver and
 * registered in src/lookups/index.ts; the registry adds what is common to all types:
 * `partial[n]-` / `*` / `*@` affixes, `ret=key`, `cache=no_rd`, and the per-process cache
 * (invalidated when a file's mtime/size/inode changes).
 */
import type { ExpandContext, TStr } from '../expand/types.js';
import { MailwrightError } from '../util/errors.js';

export type LookupStyle =
  /** `${lookup{key}TYPE{file}}`: a key looked up in a file or directory (lsearch, cdb, dsearch, json, lmdb). */
  | 'single-key'
  /** `${lookup TYPE{query}}`: the whole argument is a query (dnsdb, redis, pgsql, mysql, sqlite...). */
  | 'query';

export interface LookupRequest {
  /** Single-key: the file or directory (already checked for taint by the registry). Query-style: undefined (sqlite may use `file=` option). */
  readonly file?: string;
  /** Single-key: the key. Query-style: the query text. */
  readonly key: string;
  /** Options given after the type name as `,name=value` (e.g. `dsearch,ret=full`, `json,ret=...`) or query-style leading `name=value` options (`servers=`, `file=`), minus the ones the registry itself consumes. */
  readonly options: ReadonlyMap<string, string>;
}

export interface LookupDriver {
  readonly name: string;
  readonly style: LookupStyle;
  /**
   * Find the key. Return the data string when found, null when not found. Throw LookupDefer
   * for a temporary failure (server down...), LookupError for a permanent error (bad query,
   * missing file): the expander turns them into Exim's messages.
   */
  find(req: LookupRequest, ctx: ExpandContext): Promise<string | null>;
  /**
   * Single-key types: open-time checks of the file or directory, run once per lookup before any
   * key is tried (Exim opens the file even when the key is empty). Throw LookupError with
   * Exim's open-failure text. Optional: types without it report problems from find().
   */
  checkFile?(file: string): Promise<void>;
  /** `${quote_NAME:...}` for query-style lookups; absent when the type has no quoting rule. */
  quote?(value: string, option?: string): string;
  /** Whether results may be cached for the life of the process (default true for files; the registry checks file identity). */
  readonly cacheable?: boolean;
  /** Close connections/handles (used by tests and at exit). */
  close?(): Promise<void> | void;
}

/** What the expander and list matcher receive. */
export interface LookupOutcome {
  readonly found: boolean;
  /** The data (or the key with ret=key). Untainted unless the type says otherwise (Exim: lookup results are untainted). */
  readonly value: TStr;
  /**
   * For a single-key lookup found through partial matching or a `*`/`*@` default (or found
   * exactly when partial matching was asked for): the wild and fixed parts of the key, which
   * Exim puts in $1 and $2 while the lookup's yes/no strings are expanded.
   */
  readonly keyParts?: { readonly wild: string; readonly fixed: string };
}

export interface LookupRegistry {
  /** Register a driver; used by the registration index and by tests. */
  register(driver: LookupDriver): void;
  get(name: string): LookupDriver | undefined;
  /** Names of all registered types, for -bV. */
  names(): string[];
  /**
   * Perform a lookup. `spec` is the type with affixes and options exactly as written
   * (e.g. `partial2-lsearch*@`, `dsearch,ret=full`, `json`). For single-key lookups `file`
   * is the expanded file argument; for query-style lookups `key` is the query.
   */
  lookup(spec: string, key: TStr, file: TStr | undefined, ctx: ExpandContext): Promise<LookupOutcome>;
  /**
   * Optional fast form of lookup for the expander: the outcome directly when no I/O was needed
   * (a cached result), else a promise; errors may be thrown directly.
   */
  lookupM?(spec: string, key: TStr, file: TStr | undefined, ctx: ExpandContext): LookupOutcome | Promise<LookupOutcome>;
  /** Drop all cached results (Exim does this at the start of each message/delivery). */
  clearCache(): void;
}

export class LookupError extends MailwrightError {}
/** Temporary failure: callers map this to defer, never to accept. */
export class LookupDefer extends MailwrightError {}
