/**
 * Per-process cache of lookup results. An entry is keyed by type, file, options and the exact
 * key tried, and remembers the identity (device/inode/size/mtime) of the file it came from, so
 * that a replaced or edited file is read again. Query-style results have no file identity.
 */

interface CacheEntry {
  readonly identity: string | undefined;
  readonly value: string | null;
}

/** Upper bound on entries; the oldest are dropped first (Map keeps insertion order). */
const MAX_ENTRIES = 10_000;

export class LookupCache {
  private readonly entries = new Map<string, CacheEntry>();

  static keyOf(type: string, file: string | undefined, options: ReadonlyMap<string, string>, key: string): string {
    return LookupCache.keyFrom(type, file, LookupCache.optionsText(options), key);
  }

  /** Options as they appear in cache keys (see keyFrom). */
  static optionsText(options: ReadonlyMap<string, string>): string {
    return [...options].map(([n, v]) => `${n}=${v}`).join(',');
  }

  /** keyOf with the options already turned into text by optionsText. */
  static keyFrom(type: string, file: string | undefined, optionsText: string, key: string): string {
    // NUL cannot occur in file names and separates the parts unambiguously.
    return `${type}\0${file ?? ''}\0${optionsText}\0${key}`;
  }

  /** The cached result, or undefined when absent or stale. */
  get(cacheKey: string, identity: string | undefined): { value: string | null } | undefined {
    const hit = this.entries.get(cacheKey);
    if (!hit) return undefined;
    if (hit.identity !== identity) {
      this.entries.delete(cacheKey);
      return undefined;
    }
    return { value: hit.value };
  }

  set(cacheKey: string, identity: string | undefined, value: string | null): void {
    this.entries.delete(cacheKey);
    this.entries.set(cacheKey, { identity, value });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
