/**
 * Per-process cache of DNS answers, each entry kept no longer than the smallest TTL of the
 * records it holds (negative answers: the SOA minimum from the authority section), as Exim
 * keeps dnsdb results. Bounded in size; the oldest entry goes first.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly expires: number }>();

  constructor(
    private readonly maxEntries = 4096,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** Store for ttlSec seconds; a TTL of zero is not stored (the answer must not be reused). */
  set(key: string, value: V, ttlSec: number): void {
    if (!(ttlSec > 0)) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + ttlSec * 1000 });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
