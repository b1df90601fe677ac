/**
 * -bp, -bpa, -bpc, -bpr, -bpra, -bpru, -bpu (and mailq): the queue listing as exim4 prints it.
 * Without ids every message is listed, in id order (arrival order) unless the "r" variants
 * ask for the spool's directory order; with ids just those, in the order given. -bpc counts
 * the messages (ids are ignored, as in exim4). A message whose -H cannot be read or parsed is
 * shown with Exim's "*** spool read error ***" / "*** spool format error ***" entry, and one
 * whose -D is missing gets a blank size.
 */
import { opendir } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import { formatQueueAge, formatQueueSize, spoolMessageSize } from '../../spool/listing.js';
import { isMessageId } from '../../spool/message-id.js';
import { treeAddressesSorted, treeHas } from '../../spool/tree.js';
import type { SpoolMessage } from '../../spool/types.js';
import { strerrorText } from '../../util/strerror.js';
import type { QueueAdminContext } from './context.js';
import { readHeader } from './spool-files.js';

export type ListFlag = '-bp' | '-bpa' | '-bpc' | '-bpr' | '-bpra' | '-bpru' | '-bpu';
export const LIST_FLAGS: readonly ListFlag[] = ['-bp', '-bpa', '-bpc', '-bpr', '-bpra', '-bpru', '-bpu'];

interface ListStyle {
  /** Leave out delivered recipients. */
  readonly undeliveredOnly: boolean;
  /** Add the delivered generated addresses ("+D"). */
  readonly generated: boolean;
  /** Directory order instead of id order. */
  readonly unsorted: boolean;
}

function styleOf(flag: ListFlag): ListStyle {
  return { undeliveredOnly: flag.endsWith('u'), generated: flag.endsWith('a'), unsorted: flag.startsWith('-bpr') };
}

export interface ListOptions {
  /** queue_list_requires_admin (default true). */
  readonly requiresAdmin: boolean;
}

/** Runs one listing command; returns the exit code. Refusals go to `err`. */
export async function runQueueList(ctx: QueueAdminContext, flag: ListFlag, ids: readonly string[], opts: ListOptions, err: (text: string) => void): Promise<number> {
  if (opts.requiresAdmin && !ctx.caller.admin) {
    err('exim: permission denied\n');
    return 1;
  }
  if (flag === '-bpc') {
    ctx.out(`${(await spoolIds(ctx, false)).length}\n`);
    return 0;
  }
  const style = styleOf(flag);
  const list = ids.length > 0 ? ids : await spoolIds(ctx, style.unsorted);
  for (const id of list) ctx.out(await queueEntry(ctx, id, style));
  return 0;
}

/**
 * Ids of the messages on the spool (names ending in -H), in the flat directory and the split
 * subdirectories; sorted unless `directoryOrder`.
 */
export async function spoolIds(ctx: Pick<QueueAdminContext, 'spoolDirectory'>, directoryOrder: boolean): Promise<string[]> {
  const input = join(ctx.spoolDirectory, 'input');
  const ids: string[] = [];
  const add = (name: string): void => {
    if (name.endsWith('-H') && isMessageId(name.slice(0, -2))) ids.push(name.slice(0, -2));
  };
  for (const e of await entries(input)) {
    if (e.isDirectory() && e.name.length === 1) {
      for (const f of await entries(join(input, e.name))) add(f.name);
    } else add(e.name);
  }
  return directoryOrder ? ids : ids.sort();
}

/** A directory's entries in the order the file system gives them (readdir() would sort them). */
async function entries(dir: string): Promise<Dirent[]> {
  const out: Dirent[] = [];
  try {
    for await (const e of await opendir(dir)) out.push(e);
  } catch {
    // No such directory: an empty queue, as for exim4.
  }
  return out;
}

async function queueEntry(ctx: QueueAdminContext, id: string, style: ListStyle): Promise<string> {
  const read = await readHeader(ctx, id);
  if (!read.ok) {
    const why = read.format ? `spool format error: size=${read.headerFileSize}` : `spool read error: ${strerrorText(read.code) ?? read.code}`;
    return `      ${id}\n    *** ${why} ***\n\n`;
  }
  const m = read.message;
  return firstLine(m, ctx.now()) + recipientLines(m, style) + '\n';
}

function firstLine(m: SpoolMessage, now: number): string {
  const size = m.bodySize < 0 ? '     ' : formatQueueSize(spoolMessageSize(m.headers, m.bodySize));
  const untrusted = m.options.has('sender_set_untrusted') ? ` (${m.owner.login})` : '';
  const frozen = m.frozen ? ' *** frozen ***' : '';
  return `${formatQueueAge(now - m.received.seconds)} ${size} ${m.id} <${m.sender}>${untrusted}${frozen}\n`;
}

function recipientLines(m: SpoolMessage, style: ListStyle): string {
  let out = '';
  for (const r of m.recipients) {
    const delivered = r.delivered === true || treeHas(m.nonRecipients, r.address);
    if (delivered && style.undeliveredOnly) continue;
    out += `        ${delivered ? 'D' : ' '} ${r.address}\n`;
  }
  if (style.generated) {
    const listed = new Set(m.recipients.map((r) => r.address));
    for (const a of treeAddressesSorted(m.nonRecipients)) if (!listed.has(a)) out += `       +D ${a}\n`;
  }
  return out;
}

