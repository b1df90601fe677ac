/**
 * Appending to a single mailbox file (the `file` option): lock file, security checks on the
 * existing file (symlink, fifo, owner, group, mode), quota, append with rollback on error.
 */
import { constants, promises as fs, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import type { DriverOptions } from '../../config/driver-options.js';
import { strerror } from '../../util/strerror.js';
import { EXIM_ERRNO, deferWith } from '../local-common.js';
import { hitchingPost, takeLockFile, LockFailed, type HeldLock } from './lockfile.js';
import { crossesWarning, overQuota, type QuotaSettings } from './quota.js';
import { ensureDirectory } from './target.js';

export interface MboxDelivery {
  readonly path: string;
  /** Renders the text to append; called once the mailbox is locked and open (as exim4 does). */
  readonly data: () => Promise<Buffer>;
  readonly opts: DriverOptions;
  readonly quota: QuotaSettings;
  readonly uid: number;
  readonly gid: number;
  readonly primaryHostname?: string;
}

/** Appends; returns whether the quota warning threshold was crossed. */
export async function appendToMailbox(d: MboxDelivery): Promise<{ warn: boolean; size: number }> {
  await ensureDirectory(dirname(d.path), d.opts);
  const lock = d.opts.bool('use_lockfile') ? await lockMailbox(d) : undefined;
  try {
    const existing = await existingFile(d);
    const before = d.quota.knownSize >= 0 ? d.quota.knownSize : existing?.size ?? 0;
    const handle = await openMailbox(d, existing);
    try {
      const data = await d.data();
      if (overQuota(d.quota, before, 0, data.length) === 'size') {
        deferWith(`mailbox is full (MTA-imposed quota exceeded while writing to ${d.path})`, { errno: EXIM_ERRNO.quota, error: 'quota' });
      }
      const start = (await handle.stat()).size;
      try {
        await handle.write(data, 0, data.length, start);
        await handle.sync();
      } catch (e) {
        // Put the mailbox back as it was, as Exim does after a failed append.
        await handle.truncate(start).catch(() => undefined);
        deferWith(`${strerror(e)}: error while writing to ${d.path}`, { errno: errnoOf(e) });
      }
      return { warn: crossesWarning(d.quota, before, before + data.length), size: before + data.length };
    } finally {
      await handle.close();
    }
  } finally {
    await lock?.release();
  }
}

async function lockMailbox(d: MboxDelivery): Promise<HeldLock> {
  try {
    return await takeLockFile(d.path, {
      retries: d.opts.num('lock_retries', 10),
      interval: d.opts.num('lock_interval', 3),
      timeout: d.opts.num('lockfile_timeout', 1800),
      mode: d.opts.num('lockfile_mode', 0o600),
      primaryHostname: d.primaryHostname,
    });
  } catch (e) {
    if (e instanceof LockFailed) deferWith(e.message, { errno: EXIM_ERRNO.lockFailed });
    const post = hitchingPost(d.path, d.primaryHostname);
    deferWith(`${strerror(e)}: creating lock file hitching post ${post} (euid=${process.geteuid?.()} egid=${process.getegid?.()})`, { errno: errnoOf(e) });
  }
}

async function existingFile(d: MboxDelivery): Promise<Stats | undefined> {
  let st: Stats;
  try {
    st = await fs.lstat(d.path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') deferWith(`${strerror(e)}: checking mailbox ${d.path}`, { errno: errnoOf(e) });
    if (d.opts.bool('file_must_exist')) {
      deferWith(`No such file or directory: mailbox ${d.path} does not exist, but file_must_exist is set`, { errno: 2 });
    }
    return undefined;
  }
  if (st.isSymbolicLink()) {
    // exim4 checks the link's own owner first, then whether links are allowed at all.
    if (d.opts.bool('check_owner') && st.uid !== d.uid) {
      deferWith(`mailbox ${d.path} (symlink) has wrong uid (${st.uid} != ${d.uid})`, { errno: EXIM_ERRNO.badUgid });
    }
    if (!d.opts.bool('allow_symlink')) deferWith(`mailbox ${d.path} is a symbolic link`, { errno: EXIM_ERRNO.notRegular });
    st = await fs.stat(d.path);
  }
  if (d.opts.bool('check_owner') && st.uid !== d.uid) deferWith(`mailbox ${d.path} has wrong uid (${st.uid} != ${d.uid})`, { errno: EXIM_ERRNO.badUgid });
  if (d.opts.bool('check_group') && st.gid !== d.gid) deferWith(`mailbox ${d.path} has wrong gid (${st.gid} != ${d.gid})`, { errno: EXIM_ERRNO.badUgid });
  if (st.nlink > 1) deferWith(`mailbox ${d.path} has too many links (${st.nlink})`, { errno: EXIM_ERRNO.tooManyLinks });
  if (st.isFIFO()) {
    if (!d.opts.bool('allow_fifo')) deferWith(`mailbox ${d.path} is a FIFO`, { errno: EXIM_ERRNO.notRegular });
  } else if (!st.isFile()) {
    deferWith(`mailbox ${d.path} is not a regular file`, { errno: EXIM_ERRNO.notRegular });
  }
  if (st.isFile()) await adjustMode(d, st);
  return st;
}

/** Wider than `mode`: narrowed; narrower: defer when mode_fail_narrower. */
async function adjustMode(d: MboxDelivery, st: Stats): Promise<void> {
  const want = d.opts.num('mode', 0o600);
  const have = st.mode & 0o7777;
  if (have === want) return;
  if ((have & ~want) !== 0) {
    await fs.chmod(d.path, have & want).catch(() => undefined);
  }
  if ((want & ~have) !== 0 && d.opts.bool('mode_fail_narrower')) {
    deferWith(`mailbox ${d.path} has the wrong mode ${have.toString(8)} (${want.toString(8)} expected)`, { errno: EXIM_ERRNO.mailboxWrongMode });
  }
}

async function openMailbox(d: MboxDelivery, existing: Stats | undefined): Promise<fs.FileHandle> {
  if (existing) return fs.open(d.path, constants.O_WRONLY | constants.O_APPEND);
  const mode = d.opts.num('mode', 0o600);
  try {
    const h = await fs.open(d.path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL, mode);
    await h.chmod(mode);
    if (process.geteuid?.() === 0) await h.chown(d.uid, d.gid).catch(() => undefined);
    return h;
  } catch (e) {
    deferWith(`${strerror(e)}: while creating mailbox ${d.path}`, { errno: errnoOf(e) });
  }
}

export function errnoOf(e: unknown): number {
  const code = (e as NodeJS.ErrnoException).errno;
  return typeof code === 'number' ? Math.abs(code) : 0;
}
