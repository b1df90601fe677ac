/**
 * The part of lookups common to every type: spec parsing, style checks, file-name taint,
 * partial matching and `*` / `*@` defaults, `ret=key`, `cache=no_rd` and result caching.
 * Drivers only answer "is this exact key there, and with what data".
 */
import type { Stats } from 'node:fs';
import type { ExpandContext, TStr } from '../expand/types.js';
import { EMPTY, untainted } from '../expand/types.js';
import { LookupCache } from './cache.js';
import { then, type MaybePromise } from '../expand/maybe.js';
import { candidateKeys, keyParts } from './candidates.js';
import { identityOf, statQuietly } from './file-util.js';
import { parseLookupSpec, type ParsedLookupSpec } from './spec.js';
import { LookupError, type LookupDriver, type LookupOutcome, type LookupRegistry } from './types.js';

/** Options the registry handles itself and does not pass to drivers. */
const REGISTRY_OPTIONS: ReadonlyArray<readonly [string, string]> = [
  ['ret', 'key'],
  ['cache', 'no_rd'],
];

/**
 * A tainted file or directory name. Exim 4.96 writes this text to its log and the expansion
 * fails with no message (`exim -be` prints "Failed: (null)").
 */
export class TaintedLookupFileError extends LookupError {
  constructor(readonly file: string) {
    super(`Tainted filename for search: '${file}'`);
  }
}

/** Bound on remembered prepared specs (they are few in any real configuration). */
const MAX_PREPARED = 1000;

/** A key found, and its data. */
interface Found {
  readonly key: string;
  readonly value: string;
  /** The candidate key that the source held (differs from `key` for partial or default matches). */
  readonly matched?: string;
}

interface PreparedLookup {
  readonly spec: ParsedLookupSpec;
  readonly driver: LookupDriver;
  readonly retKey: boolean;
  readonly noCacheRead: boolean;
  readonly driverOptions: ReadonlyMap<string, string>;
  /** driverOptions as they appear in result-cache keys. */
  readonly optionsText: string;
}

function driverOptionsOf(options: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(options);
  for (const [name, value] of REGISTRY_OPTIONS) if (out.get(name) === value) out.delete(name);
  return out;
}

export interface LookupRegistryOptions {
  /**
   * true (the default): every lookup in a file stats it, and results cached from an earlier
   * version of the file are not used. false: as Exim, which keeps a lookup file open and its
   * results cached until its end-of-message tidy-up, a file is stat'ed on its first lookup only
   * and cached results are used until clearCache() (exim -be never tidies up, so it answers from
   * the first version of a file for the whole session). Keys not asked before are still looked
   * up in the file as it is now (Exim reads its open file, so a file deleted meanwhile still
   * answers there; here that lookup fails to open).
   */
  readonly revalidateFiles?: boolean;
}

export class DefaultLookupRegistry implements LookupRegistry {
  private readonly revalidateFiles: boolean;
  /** With revalidateFiles false: stat() results of files already used, until clearCache(). */
  private readonly openedFiles = new Map<string, Stats>();

  constructor(options: LookupRegistryOptions = {}) {
    this.revalidateFiles = options.revalidateFiles ?? true;
  }

  private readonly drivers = new Map<string, LookupDriver>();
  private readonly cache = new LookupCache();
  private readonly parsedSpecs = new Map<string, ParsedLookupSpec>();
  /** Files whose open-time checks passed, by driver and name: the version that passed. */
  private readonly checkedFiles = new Map<string, string>();
  /** Prepared lookups by spec text, for calls with and without a file argument. */
  private readonly prepared = [new Map<string, PreparedLookup>(), new Map<string, PreparedLookup>()] as const;

  /** Types registered only for their ${quote_<type>:...} rule: not listed as working lookups. */
  private readonly quoteOnly = new Set<string>();

  register(driver: LookupDriver): void {
    this.drivers.set(driver.name, driver);
    this.quoteOnly.delete(driver.name);
  }

  /** A type Exim has whose lookups are not implemented yet, registered for its quoting rule. */
  registerQuoteOnly(driver: LookupDriver): void {
    this.drivers.set(driver.name, driver);
    this.quoteOnly.add(driver.name);
  }

  get(name: string): LookupDriver | undefined {
    return this.drivers.get(name);
  }

  names(): string[] {
    return [...this.drivers.keys()].filter((n) => !this.quoteOnly.has(n));
  }

  clearCache(): void {
    this.cache.clear();
    this.checkedFiles.clear();
    this.openedFiles.clear();
  }

  /** Number of cached results (for tests and diagnostics). */
  get cacheSize(): number {
    return this.cache.size;
  }

  /** Close every driver's connections or handles. */
  async close(): Promise<void> {
    for (const d of this.drivers.values()) await d.close?.();
  }

  async lookup(specText: string, key: TStr, file: TStr | undefined, ctx: ExpandContext): Promise<LookupOutcome> {
    return this.lookupM(specText, key, file, ctx);
  }

  /**
   * lookup, with the outcome returned directly when no driver had to be called (a cached
   * result of a file whose checks already passed): the expander's hot path.
   */
  lookupM(specText: string, key: TStr, file: TStr | undefined, ctx: ExpandContext): MaybePromise<LookupOutcome> {
    const prep = this.prepare(specText, file !== undefined);
    const found = prep.driver.style === 'single-key' ? this.singleKey(prep, key.s, file!, ctx) : this.query(prep, key.s, ctx);
    return then(found, (f): LookupOutcome => {
      if (f === null) return { found: false, value: EMPTY };
      const value = untainted(prep.retKey ? f.key : f.value);
      const parts = f.matched === undefined ? undefined : keyParts(f.key, f.matched, prep.spec.partial, prep.spec.defaults);
      return parts ? { found: true, value, keyParts: parts } : { found: true, value };
    });
  }

  /** Parse the spec and check it against the driver and the shape of the call (cached when valid). */
  private prepare(specText: string, fileGiven: boolean): PreparedLookup {
    const cache = this.prepared[fileGiven ? 1 : 0];
    let prep = cache.get(specText);
    if (!prep) {
      prep = this.prepareUncached(specText, fileGiven);
      if (cache.size >= MAX_PREPARED) cache.clear();
      cache.set(specText, prep);
    }
    return prep;
  }

  private prepareUncached(specText: string, fileGiven: boolean): PreparedLookup {
    const spec = this.parse(specText);
    const driver = this.drivers.get(spec.type);
    if (!driver) throw new LookupError(`unknown lookup type "${spec.type}"`);
    if (driver.style === 'query') {
      if (spec.partial) throw new LookupError(`"partial" is not permitted for lookup type "${spec.type}"`);
      if (spec.defaults !== 'none') {
        throw new LookupError(`defaults using "*" or "*@" are not permitted for lookup type "${specText}"`);
      }
      if (fileGiven) {
        throw new LookupError(
          `a single key was given for lookup type "${spec.type}", which is not a single-key lookup type`,
        );
      }
    } else if (!fileGiven) {
      throw new LookupError(`missing {key} for single-key "${spec.type}" lookup`);
    }
    const driverOptions = driverOptionsOf(spec.options);
    return {
      spec,
      driver,
      retKey: spec.options.get('ret') === 'key',
      noCacheRead: spec.options.get('cache') === 'no_rd',
      driverOptions,
      optionsText: LookupCache.optionsText(driverOptions),
    };
  }

  private parse(specText: string): ParsedLookupSpec {
    let spec = this.parsedSpecs.get(specText);
    if (!spec) {
      spec = parseLookupSpec(specText);
      this.parsedSpecs.set(specText, spec);
    }
    return spec;
  }

  private singleKey(prep: PreparedLookup, key: string, file: TStr, ctx: ExpandContext): MaybePromise<Found | null> {
    if (file.tainted) throw new TaintedLookupFileError(file.s);
    const st = this.fileStats(file.s);
    const identity = st === undefined ? undefined : identityOf(st);
    const candidates = candidateKeys(key, prep.spec.partial, prep.spec.defaults);
    return then(this.checkFileOnce(prep.driver, file.s, st), () => this.firstFound(prep, key, candidates, 0, file.s, identity, ctx));
  }

  /** The file's stat() results: taken now, or on its first use when files are not revalidated. */
  private fileStats(file: string): Stats | undefined {
    if (this.revalidateFiles) return statQuietly(file);
    let st = this.openedFiles.get(file);
    if (st === undefined) {
      // Files that cannot be stat'ed are not remembered: each lookup fails (or succeeds once the
      // file appears) as Exim's open would.
      st = statQuietly(file);
      if (st !== undefined) {
        if (this.openedFiles.size >= MAX_PREPARED) this.openedFiles.clear();
        this.openedFiles.set(file, st);
      }
    }
    return st;
  }

  /** The first candidate key, from index i on, that the file holds. */
  private firstFound(
    prep: PreparedLookup,
    key: string,
    candidates: readonly string[],
    i: number,
    file: string,
    identity: string | undefined,
    ctx: ExpandContext,
  ): MaybePromise<Found | null> {
    for (let j = i; j < candidates.length; j++) {
      const value = this.findCached(prep, candidates[j]!, file, identity, ctx);
      if (value instanceof Promise) {
        const matched = candidates[j]!;
        return value.then((v) => (v !== null ? { key, value: v, matched } : this.firstFound(prep, key, candidates, j + 1, file, identity, ctx)));
      }
      if (value !== null) return { key, value, matched: candidates[j]! };
    }
    return null;
  }

  /**
   * The driver's open-time checks, skipped when the same file version (identity plus change
   * time, which a chmod or chown updates) already passed them: opening a file per lookup to
   * learn nothing new costs several system calls.
   */
  private checkFileOnce(driver: LookupDriver, file: string, st: Stats | undefined): MaybePromise<void> {
    if (!driver.checkFile) return undefined;
    const which = `${driver.name}\0${file}`;
    const stamp = st === undefined ? undefined : `${identityOf(st)}:${st.ctimeMs}`;
    if (stamp !== undefined && this.checkedFiles.get(which) === stamp) return undefined;
    return then(driver.checkFile(file) as MaybePromise<void>, () => {
      if (stamp === undefined) return;
      if (this.checkedFiles.size >= MAX_PREPARED) this.checkedFiles.clear();
      this.checkedFiles.set(which, stamp);
    });
  }

  private query(prep: PreparedLookup, query: string, ctx: ExpandContext): MaybePromise<Found | null> {
    // Exim skips white space at the start of a query (`${lookup passwd{ root}}` finds root).
    const trimmed = query.replace(/^[ \t\n\r\f\v]+/, '');
    return then(this.findCached(prep, trimmed, undefined, undefined, ctx), (value) => (value === null ? null : { key: trimmed, value }));
  }

  /** A cached result directly, else the driver's answer (cached for next time). */
  private findCached(
    prep: PreparedLookup,
    key: string,
    file: string | undefined,
    identity: string | undefined,
    ctx: ExpandContext,
  ): MaybePromise<string | null> {
    const cacheable = prep.driver.cacheable !== false && (file === undefined || identity !== undefined);
    const cacheKey = LookupCache.keyFrom(prep.driver.name, file, prep.optionsText, key);
    if (cacheable && !prep.noCacheRead) {
      const hit = this.cache.get(cacheKey, identity);
      if (hit) return hit.value;
    }
    return then(prep.driver.find({ file, key, options: prep.driverOptions }, ctx) as MaybePromise<string | null>, (value) => {
      if (cacheable) this.cache.set(cacheKey, identity, value);
      return value;
    });
  }
}
