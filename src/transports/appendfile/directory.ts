/**
 * Plain directory delivery (directory set, no maildir/mailstore): the message goes into a file with
 * a temporary name, which is renamed to the expansion of directory_file ($inode is the file's inode).
 */
import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { DriverOptions } from '../../config/driver-options.js';
import { ExpandError, expand } from '../../expand/index.js';
import type { ExpandContext } from '../../expand/types.js';
import { strerror } from '../../util/strerror.js';
import { EXIM_ERRNO, deferWith } from '../local-common.js';
import { errnoOf } from './mbox.js';
import { crossesWarning, directoryUsage, overQuota, type QuotaSettings } from './quota.js';
import { ensureDirectory } from './target.js';

export interface DirectoryDelivery {
  readonly dir: string;
  readonly data: Buffer;
  readonly opts: DriverOptions;
  readonly quota: QuotaSettings;
  readonly primaryHostname: string;
  /** Expansion context with $inode set. */
  nameContext(inode: number): ExpandContext;
  /** Owner of the created file when running as root (the delivery's uid/gid). */
  readonly owner?: { readonly uid: number; readonly gid: number };
}

export async function deliverToDirectory(d: DirectoryDelivery): Promise<{ warn: boolean; file: string }> {
  await ensureDirectory(d.dir, d.opts);
  let usage = { size: 0, count: 0 };
  if (d.quota.quota > 0 || d.quota.filecount > 0 || d.quota.warnThreshold > 0) usage = await directoryUsage(d.dir, d.quota.sizeRegex);
  if (d.quota.knownSize >= 0) usage = { ...usage, size: d.quota.knownSize };
  if (d.quota.knownCount >= 0) usage = { ...usage, count: d.quota.knownCount };
  if (overQuota(d.quota, usage.size, usage.count, d.data.length)) {
    deferWith(`mailbox is full (MTA-imposed quota exceeded while writing to ${d.dir})`, { errno: EXIM_ERRNO.quota, error: 'quota' });
  }
  const tmp = join(d.dir, `temp.${process.pid}.${d.primaryHostname}`);
  let inode: number;
  try {
    const h = await fs.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, d.opts.num('mode', 0o600));
    try {
      if (d.owner && process.geteuid?.() === 0) await h.chown(d.owner.uid, d.owner.gid);
      await h.write(d.data);
      await h.sync();
      inode = (await h.stat()).ino;
    } finally {
      await h.close();
    }
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    deferWith(`${strerror(e)}: while writing ${tmp}`, { errno: errnoOf(e) });
  }
  const raw = d.opts.str('directory_file') ?? 'q${base62:$tod_epoch}-$inode';
  let name: string;
  try {
    name = (await expand(raw, d.nameContext(inode))).s;
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    if (e instanceof ExpandError) deferWith(`Expansion of "${raw}" (directory_file for ${d.opts.name} transport) failed: ${e.message}`);
    throw e;
  }
  const finalPath = join(d.dir, name);
  try {
    await fs.rename(tmp, finalPath);
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    deferWith(`${strerror(e)}: while renaming ${tmp} as ${finalPath}`, { errno: errnoOf(e) });
  }
  return { warn: crossesWarning(d.quota, usage.size, usage.size + d.data.length), file: finalPath };
}
