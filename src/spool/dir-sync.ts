/**
 * Group commit of directory fsyncs. A message becomes durable when its directory entries (-D
 * created, -H renamed into place) are on disk, which takes an fsync of the directory. Many
 * messages land in the same directory at once, and one fsync covers every entry made before it
 * started; so requests for a directory join the next fsync that starts after them, and while one
 * fsync runs, all new requests wait together for a single following one.
 */
import { open } from 'node:fs/promises';

interface Batch {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
  waiters: number;
}

interface DirState {
  running: boolean;
  next?: Batch;
}

export interface DirSyncStats {
  /** fsync calls made. */
  syncs: number;
  /** Requests served. */
  requests: number;
}

export class DirectorySyncer {
  private readonly dirs = new Map<string, DirState>();
  readonly stats: DirSyncStats = { syncs: 0, requests: 0 };

  /**
   * @param windowMs extra time a new batch waits for company before its fsync starts (0: only
   *   until the current event-loop turn ends). Batching under load comes mostly from requests
   *   arriving while an fsync runs, so a window is rarely worth its latency.
   * @param syncDir the fsync itself (tests may count or delay it).
   */
  constructor(
    private readonly windowMs = 0,
    private readonly syncDir: (dir: string) => Promise<void> = fsyncDirectory,
  ) {}

  /** Resolves once an fsync of `dir` that started after this call has completed. */
  sync(dir: string): Promise<void> {
    this.stats.requests++;
    let st = this.dirs.get(dir);
    if (!st) {
      st = { running: false };
      this.dirs.set(dir, st);
    }
    if (!st.next) {
      st.next = newBatch();
      if (!st.running) this.schedule(dir, st);
    }
    st.next.waiters++;
    return st.next.promise;
  }

  private schedule(dir: string, st: DirState): void {
    st.running = true;
    const start = (): void => void this.run(dir, st);
    if (this.windowMs > 0) setTimeout(start, this.windowMs);
    else setImmediate(start);
  }

  private async run(dir: string, st: DirState): Promise<void> {
    const batch = st.next!;
    st.next = undefined;
    try {
      this.stats.syncs++;
      await this.syncDir(dir);
      batch.resolve();
    } catch (e) {
      batch.reject(e);
    }
    if (st.next) this.schedule(dir, st);
    else {
      st.running = false;
      this.dirs.delete(dir);
    }
  }
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A rejected batch nobody awaits yet must not crash the process as unhandled.
  promise.catch(() => undefined);
  return { promise, resolve, reject, waiters: 0 };
}

export async function fsyncDirectory(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
