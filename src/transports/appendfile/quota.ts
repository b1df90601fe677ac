/**
 * Quota settings of appendfile (quota, quota_filecount, quota_warn_threshold, mailbox_size,
 * mailbox_filecount) and the size of a directory tree as Exim counts it.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { DriverOptions } from '../../config/driver-options.js';
import type { ExpandContext } from '../../expand/types.js';
import { deferWith, expandOption, parseSize } from '../local-common.js';

export interface QuotaSettings {
  /** Bytes; 0 means none. */
  readonly quota: number;
  readonly quotaNoCheck: boolean;
  readonly filecount: number;
  readonly filecountNoCheck: boolean;
  /** Bytes; 0 means none. */
  readonly warnThreshold: number;
  readonly inclusive: boolean;
  /** From mailbox_size / mailbox_filecount: externally known current usage (-1 unknown). */
  readonly knownSize: number;
  readonly knownCount: number;
  readonly sizeRegex?: RegExp;
}

async function sizeOption(opts: DriverOptions, name: string, ectx: ExpandContext): Promise<{ value: number; noCheck: boolean; percent: boolean }> {
  const v = await expandOption(opts, name, ectx);
  if (v === undefined || v.s.trim() === '') return { value: 0, noCheck: false, percent: false };
  const [main = '', ...mods] = v.s.split('/');
  const percent = main.trim().endsWith('%');
  const n = percent ? Number(main.trim().slice(0, -1)) : parseSize(main);
  if (Number.isNaN(n)) deferWith(`Expansion for ${opts.name} transport "${name}" option produced an invalid value: ${v.s}`);
  return { value: n, noCheck: mods.some((m) => m.trim() === 'no_check'), percent };
}

export async function readQuotaSettings(opts: DriverOptions, ectx: ExpandContext): Promise<QuotaSettings> {
  const quota = await sizeOption(opts, 'quota', ectx);
  const filecount = await sizeOption(opts, 'quota_filecount', ectx);
  const warn = await sizeOption(opts, 'quota_warn_threshold', ectx);
  const warnThreshold = warn.percent ? (quota.value > 0 ? Math.floor((quota.value * warn.value) / 100) : 0) : warn.value;
  const known = async (name: string): Promise<number> => {
    const v = await expandOption(opts, name, ectx);
    if (v === undefined) return -1;
    const n = parseSize(v.s);
    return Number.isNaN(n) ? -1 : n;
  };
  const regex = opts.str('quota_size_regex');
  return {
    quota: quota.value,
    quotaNoCheck: quota.noCheck,
    filecount: filecount.value,
    filecountNoCheck: filecount.noCheck,
    warnThreshold,
    inclusive: opts.bool('quota_is_inclusive'),
    knownSize: await known('mailbox_size'),
    knownCount: await known('mailbox_filecount'),
    sizeRegex: regex ? new RegExp(regex) : undefined,
  };
}

/** Size of one file by name (quota_size_regex) or by stat. */
async function fileSize(path: string, name: string, sizeRegex?: RegExp): Promise<number> {
  const m = sizeRegex?.exec(name);
  if (m && m[1] !== undefined && /^\d+$/.test(m[1])) return Number(m[1]);
  return (await fs.stat(path)).size;
}

/**
 * Total size and file count under `dir`. At the top level only entries whose names match
 * `topFilter` are counted (maildir_quota_directory_regex); below that everything counts.
 */
export async function directoryUsage(dir: string, sizeRegex?: RegExp, topFilter?: RegExp): Promise<{ size: number; count: number }> {
  let size = 0;
  let count = 0;
  const walk = async (d: string, top: boolean): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (top && topFilter && !topFilter.test(e.name)) continue;
        await walk(p, false);
      } else if (e.isFile()) {
        if (top && topFilter) continue;
        if (e.name === 'maildirsize' || e.name === 'maildirfolder') continue;
        size += await fileSize(p, e.name, sizeRegex).catch(() => 0);
        count += 1;
      }
    }
  };
  await walk(dir, true);
  return { size, count };
}

/** Whether adding `add` bytes (and one file) to `size`/`count` breaks the quota. */
export function overQuota(q: QuotaSettings, size: number, count: number, add: number): 'size' | 'count' | undefined {
  const extra = q.inclusive ? add : 0;
  if (q.quota > 0 && !q.quotaNoCheck && size + extra > q.quota) return 'size';
  if (q.filecount > 0 && !q.filecountNoCheck && count + (q.inclusive ? 1 : 0) > q.filecount) return 'count';
  return undefined;
}

/** Whether this delivery takes the mailbox across the warning threshold. */
export function crossesWarning(q: QuotaSettings, before: number, after: number): boolean {
  return q.warnThreshold > 0 && before < q.warnThreshold && after >= q.warnThreshold;
}
