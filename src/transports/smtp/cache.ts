/**
 * Open sessions kept between runs of one transport instance, so a queue runner can send
 * several messages to a host over one connection (Exim passes the connection to the next
 * delivery process; here the driver object outlives the run). Keyed by address and port.
 */
import type { HostItem } from '../../route/types.js';
import type { OpenSession } from './open.js';

export class SessionCache {
  private readonly sessions = new Map<string, OpenSession>();

  private static key(address: string | undefined, port: number): string {
    return `${address ?? ''}|${port}`;
  }

  /** A live cached session to the host (removed from the cache while in use). */
  take(host: HostItem, port: number): OpenSession | undefined {
    const key = SessionCache.key(host.address, port);
    const s = this.sessions.get(key);
    if (!s) return undefined;
    this.sessions.delete(key);
    if (!s.conn.isOpen) return undefined;
    return { ...s, host, needsReset: s.needsReset } as OpenSession;
  }

  put(s: OpenSession): void {
    const key = SessionCache.key(s.host.address, s.port);
    const old = this.sessions.get(key);
    if (old && old !== s) void old.conn.quit();
    this.sessions.set(key, s);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** QUIT on every cached connection. */
  async closeAll(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.conn.quit()));
  }
}
