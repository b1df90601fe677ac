/**
 * Message locks. Exim holds an fcntl() write lock on the -D file while it receives or delivers
 * a message; Node has no fcntl, so Mailwright uses a lock file `<id>-L` next to the message,
 * created with O_EXCL and holding the owner's pid. A lock whose pid is no longer running is
 * stale (its owner crashed) and is taken over. Known limits: Exim processes working on the
 * same spool do not see these locks (and Mailwright does not see Exim's); taking over a stale
 * lock has a small race if two processes do it at the same instant. Exim ignores `-L` files
 * when it scans the spool (it only lists names ending in -H).
 */
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { SpoolError } from './errors.js';

export interface MessageLock {
  readonly id: string;
  readonly path: string;
  release(): Promise<void>;
}

/** Locks held by this process, so a lock file carrying our own pid is told apart from a leftover of an earlier process that had the same pid. */
const heldHere = new Set<string>();
const EMPTY_LOCK_GRACE_MS = 10000;

export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws SpoolError with code LOCKED. */
export async function lockMessage(id: string, path: string): Promise<MessageLock> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o640);
      try {
        await fh.writeFile(`${process.pid}\n`);
      } finally {
        await fh.close();
      }
      heldHere.add(path);
      return {
        id,
        path,
        release: async () => {
          heldHere.delete(path);
          await unlink(path).catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (!(await isStale(path))) throw new SpoolError(`message ${id} is locked`, 'LOCKED');
      await unlink(path).catch(() => undefined);
    }
  }
  throw new SpoolError(`message ${id} is locked`, 'LOCKED');
}

async function isStale(path: string): Promise<boolean> {
  if (heldHere.has(path)) return false;
  let text: string;
  try {
    text = await readFile(path, 'latin1');
  } catch {
    return false; // vanished: the next attempt will find out
  }
  const pid = Number(text.trim());
  // No pid: the owner died between creating and writing the file, or is writing it right now;
  // only an old file is taken to be the former.
  if (!Number.isInteger(pid) || pid <= 0) {
    const st = await stat(path).catch(() => undefined);
    return st !== undefined && Date.now() - st.mtimeMs > EMPTY_LOCK_GRACE_MS;
  }
  return pid === process.pid ? true : !processAlive(pid);
}
