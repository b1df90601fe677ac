/**
 * Maildir delivery: write tmp/<sec>.M<usec>P<pid>.<host>, then rename it into new/ with the
 * expanded maildir_tag. Keeps maildirsize up to date when maildir_use_size_file is on and checks
 * the quota (from maildirsize, mailbox_size, or by summing the tree).
 */
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DriverOptions } from '../../config/driver-options.js';
import { ExpandError, expand, stringIsTrue } from '../../expand/index.js';
import type { ExpandContext } from '../../expand/types.js';
import { strerror } from '../../util/strerror.js';
import { EXIM_ERRNO, deferWith } from '../local-common.js';
import { errnoOf } from './mbox.js';
import { addToMaildirSize, readMaildirSize } from './maildirsize.js';
import { crossesWarning, directoryUsage, overQuota, type QuotaSettings } from './quota.js';
import { ensureDirectory } from './target.js';

export interface MaildirDelivery {
  readonly dir: string;
  readonly data: Buffer;
  readonly opts: DriverOptions;
  readonly quota: QuotaSettings;
  readonly primaryHostname: string;
  /** Expansion context for maildir_tag, given $message_size of the written file. */
  tagContext(size: number): ExpandContext;
  readonly ectx: ExpandContext;
  /** Owner of created files when running as root (the delivery's uid/gid). */
  readonly owner?: { readonly uid: number; readonly gid: number };
}

export async function deliverToMaildir(d: MaildirDelivery): Promise<{ warn: boolean; file: string }> {
  const mode = d.opts.num('mode', 0o600);
  await prepareDirectories(d);
  const quotaDir = await quotaDirectory(d);
  const sizeFile = await useSizeFile(d);
  const dirRegex = new RegExp(d.opts.str('maildir_quota_directory_regex') ?? '^(?:cur|new|\\..*)$');
  const counted = sizeFile ? countsTowardsQuota(quotaDir, d.dir, dirRegex) : true;
  let usage = { size: 0, count: 0 };
  if (sizeFile) usage = await readMaildirSize(quotaDir, d.quota.quota, d.quota.filecount, dirRegex, d.quota.sizeRegex, mode);
  else if (d.quota.quota > 0 || d.quota.filecount > 0 || d.quota.warnThreshold > 0) usage = await directoryUsage(quotaDir, d.quota.sizeRegex);
  if (d.quota.knownSize >= 0) usage = { ...usage, size: d.quota.knownSize };
  if (d.quota.knownCount >= 0) usage = { ...usage, count: d.quota.knownCount };

  const name = await uniqueName(d);
  const tmpPath = join(d.dir, 'tmp', name);
  await writeNew(tmpPath, d.data, mode, d.owner);
  const over = counted ? overQuota(d.quota, usage.size, usage.count, d.data.length) : undefined;
  if (over) {
    await fs.unlink(tmpPath).catch(() => undefined);
    const what = over === 'size' ? 'quota' : 'filecount quota';
    deferWith(`mailbox is full (MTA-imposed ${what} exceeded while writing to tmp/${name})`, { errno: EXIM_ERRNO.quota, error: 'quota' });
  }
  const tag = await maildirTag(d, d.data.length);
  const finalPath = join(d.dir, 'new', name + tag);
  try {
    await fs.rename(tmpPath, finalPath);
  } catch (e) {
    await fs.unlink(tmpPath).catch(() => undefined);
    deferWith(`${strerror(e)}: while renaming ${tmpPath} as ${finalPath}`, { errno: errnoOf(e) });
  }
  if (sizeFile && counted) await addToMaildirSize(quotaDir, d.data.length);
  return { warn: crossesWarning(d.quota, usage.size, usage.size + d.data.length), file: finalPath };
}

async function prepareDirectories(d: MaildirDelivery): Promise<void> {
  await ensureDirectory(d.dir, d.opts);
  const dmode = d.opts.num('directory_mode', 0o700);
  for (const sub of ['tmp', 'new', 'cur']) {
    try {
      await fs.mkdir(join(d.dir, sub), { mode: dmode });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') deferWith(`${strerror(e)}: while creating ${join(d.dir, sub)}`, { errno: errnoOf(e) });
    }
  }
  const folderRegex = d.opts.str('maildirfolder_create_regex');
  if (folderRegex && new RegExp(folderRegex).test(d.dir)) {
    const h = await fs.open(join(d.dir, 'maildirfolder'), constants.O_WRONLY | constants.O_CREAT, d.opts.num('mode', 0o600));
    await h.close();
  }
}

/** quota_directory, else the maildir, else its parent when it is a maildir++ folder. */
async function quotaDirectory(d: MaildirDelivery): Promise<string> {
  const raw = d.opts.str('quota_directory');
  if (raw !== undefined) {
    try {
      return (await expand(raw, d.ectx)).s;
    } catch (e) {
      if (e instanceof ExpandError) deferWith(`Expansion of "${raw}" (quota_directory for ${d.opts.name} transport) failed: ${e.message}`);
      throw e;
    }
  }
  try {
    await fs.stat(join(d.dir, 'maildirfolder'));
    return dirname(d.dir);
  } catch {
    return d.dir;
  }
}

async function useSizeFile(d: MaildirDelivery): Promise<boolean> {
  if (!d.opts.isSet('maildir_use_size_file')) return false;
  const v = d.opts.get('maildir_use_size_file');
  if (typeof v === 'boolean') return v;
  try {
    return stringIsTrue((await expand(String(v), d.ectx)).s);
  } catch (e) {
    if (e instanceof ExpandError) deferWith(`Expansion of maildir_use_size_file for ${d.opts.name} transport failed: ${e.message}`);
    throw e;
  }
}

/** A folder excluded by maildir_quota_directory_regex bypasses quota processing. */
function countsTowardsQuota(quotaDir: string, dir: string, regex: RegExp): boolean {
  if (dir === quotaDir) return true;
  const rel = dir.startsWith(`${quotaDir}/`) ? dir.slice(quotaDir.length + 1).split('/')[0]! : basename(dir);
  return regex.test(rel);
}

/** <sec>.M<usec>P<pid>.<host>, unique in tmp/ (a clash waits for the clock to move on). */
async function uniqueName(d: MaildirDelivery): Promise<string> {
  const retries = Math.max(1, d.opts.num('maildir_retries', 10));
  for (let i = 0; i < retries; i++) {
    const us = BigInt(Date.now()) * 1000n + (process.hrtime.bigint() / 1000n) % 1000n;
    const name = `${us / 1000000n}.M${us % 1000000n}P${process.pid}.${d.primaryHostname}`;
    try {
      await fs.stat(join(d.dir, 'tmp', name));
    } catch {
      return name;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  deferWith(`failed to find a unique name for a maildir file in ${d.dir}/tmp`);
}

async function writeNew(path: string, data: Buffer, mode: number, owner?: { uid: number; gid: number }): Promise<void> {
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    if (owner && process.geteuid?.() === 0) await h.chown(owner.uid, owner.gid);
    await h.write(data);
    await h.sync();
  } catch (e) {
    await fs.unlink(path).catch(() => undefined);
    deferWith(`${strerror(e)}: while writing ${path}`, { errno: errnoOf(e) });
  } finally {
    await h?.close();
  }
}

/** maildir_tag expanded with $message_size = bytes written; non-printing and `/` dropped. */
async function maildirTag(d: MaildirDelivery, size: number): Promise<string> {
  const raw = d.opts.str('maildir_tag');
  if (raw === undefined) return '';
  let tag: string;
  try {
    tag = (await expand(raw, d.tagContext(size))).s;
  } catch (e) {
    if (e instanceof ExpandError && e.forced) return '';
    if (e instanceof ExpandError) deferWith(`Expansion of "${raw}" (maildir_tag for ${d.opts.name} transport) failed: ${e.message}`);
    throw e;
  }
  tag = [...tag].filter((c) => c >= ' ' && c <= '~' && c !== '/').join('');
  if (tag === '') return '';
  return /^[A-Za-z0-9]/.test(tag) ? `:${tag}` : tag;
}
