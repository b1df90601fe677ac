/**
 * The maildir++ `maildirsize` file: first line `<bytes>S,<count>C` (the quota definition), then
 * lines of `<size delta> <count delta>`. Exim recomputes it from the directory tree when it is
 * missing, its quota line differs from the transport's, or it has grown large.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { directoryUsage } from './quota.js';

/** Past this size the file is rebuilt (maildir++ says 5120 bytes). */
const MAX_SIZE_FILE = 5120;

export interface MaildirUsage {
  readonly size: number;
  readonly count: number;
}

export function quotaLine(quota: number, filecount: number): string {
  return `${quota}S,${filecount}C`;
}

/** Reads (or rebuilds) maildirsize in `quotaDir` and returns the current usage. */
export async function readMaildirSize(
  quotaDir: string,
  quota: number,
  filecount: number,
  dirRegex: RegExp,
  sizeRegex: RegExp | undefined,
  mode: number,
): Promise<MaildirUsage> {
  const file = join(quotaDir, 'maildirsize');
  const wanted = quotaLine(quota, filecount);
  let text: string | undefined;
  try {
    text = await fs.readFile(file, 'latin1');
  } catch {
    text = undefined;
  }
  if (text !== undefined && text.length <= MAX_SIZE_FILE) {
    const lines = text.split('\n');
    if (lines[0] === wanted) {
      const sum = sumLines(lines.slice(1));
      if (sum) return sum;
    }
  }
  const usage = await directoryUsage(quotaDir, sizeRegex, dirRegex);
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${wanted}\n${usage.size} ${usage.count}\n`, { mode });
  await fs.rename(tmp, file);
  return usage;
}

function sumLines(lines: readonly string[]): MaildirUsage | undefined {
  let size = 0;
  let count = 0;
  for (const l of lines) {
    if (l.trim() === '') continue;
    const m = /^\s*(-?\d+)\s+(-?\d+)\s*$/.exec(l);
    if (!m) return undefined;
    size += Number(m[1]);
    count += Number(m[2]);
  }
  return { size, count };
}

/** Records a delivered message: appends `<size> 1`. */
export async function addToMaildirSize(quotaDir: string, size: number): Promise<void> {
  await fs.appendFile(join(quotaDir, 'maildirsize'), `${size} 1\n`);
}
