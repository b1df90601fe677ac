/**
 * Mailbox lock files as Exim makes them: a uniquely named "hitching post" file is created and
 * hard-linked to `<mailbox>.lock`; the link count proves the lock is ours (safe over NFS). A lock
 * file older than lockfile_timeout is taken to be stale and removed.
 *
 * Exim also takes an fcntl() (and optionally flock()) lock on the open mailbox. Node has no
 * fcntl/flock binding, so Mailwright relies on the lock file alone: MUAs that lock only with
 * fcntl are not excluded while Mailwright appends (documented difference).
 */
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';

export interface LockSettings {
  readonly retries: number;
  /** Seconds between attempts. */
  readonly interval: number;
  /** Seconds after which an existing lock file is stale. */
  readonly timeout: number;
  readonly mode: number;
  readonly primaryHostname?: string;
}

export interface HeldLock {
  release(): Promise<void>;
}

/** `<file>.lock.<host>.<time hex>.<pid hex>`: unique per host and process. */
export function hitchingPost(file: string, host = hostname()): string {
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return `${file}.lock.${host}.${hex(Math.floor(Date.now() / 1000))}.${hex(process.pid)}`;
}

export class LockFailed extends Error {}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Deliveries to one mailbox from this process queue here first: they would share a hitching
 * post name (Exim runs one delivery per process, so its name is unique per process only).
 */
const inProcess = new Map<string, Promise<void>>();

/** Takes `<file>.lock`, retrying lock_retries times lock_interval apart. */
export async function takeLockFile(file: string, s: LockSettings): Promise<HeldLock> {
  const before = inProcess.get(file) ?? Promise.resolve();
  let releaseTurn!: () => void;
  const turn = new Promise<void>((r) => (releaseTurn = r));
  const chained = before.then(() => turn);
  inProcess.set(file, chained);
  await before;
  const done = (): void => {
    releaseTurn();
    if (inProcess.get(file) === chained) inProcess.delete(file);
  };
  try {
    const held = await takeFileLock(file, s);
    return {
      release: async () => {
        await held.release();
        done();
      },
    };
  } catch (e) {
    done();
    throw e;
  }
}

async function takeFileLock(file: string, s: LockSettings): Promise<HeldLock> {
  const lockName = `${file}.lock`;
  const post = hitchingPost(file, s.primaryHostname);
  const attempts = Math.max(1, s.retries);
  for (let i = 0; i < attempts; i++) {
    if (await tryOnce(lockName, post, s)) {
      return { release: () => fs.unlink(lockName).catch(() => undefined) };
    }
    await removeIfStale(lockName, s.timeout);
    if (i + 1 < attempts) await sleep(s.interval * 1000);
  }
  throw new LockFailed(`failed to lock mailbox ${file} (lock file)`);
}

async function tryOnce(lockName: string, post: string, s: LockSettings): Promise<boolean> {
  // Errors creating the hitching post (missing directory, permissions) are not lock contention.
  const h = await fs.open(post, 'wx', s.mode);
  await h.close();
  try {
    await fs.link(post, lockName);
    return (await fs.stat(post)).nlink === 2;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await fs.unlink(post).catch(() => undefined);
  }
}

async function removeIfStale(lockName: string, timeout: number): Promise<void> {
  try {
    const st = await fs.stat(lockName);
    if (Date.now() - st.mtimeMs > timeout * 1000) await fs.unlink(lockName);
  } catch {
    /* gone already */
  }
}
