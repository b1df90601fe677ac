/**
 * Queue listing in the shape of `exim -bp` (checked against exim4's output, see
 * test/fixtures/spool/listing.json). Per message: the time on the queue, the size, the id, the
 * sender in angle brackets and " *** frozen ***" when frozen; then one line per recipient,
 * "        D " before delivered ones (-bp, -bpr) or leaving them out (-bpu); -bpa adds the
 * other addresses of the non-recipients tree (generated addresses already delivered) as
 * "       +D ", in address order; a blank line ends each message.
 */
import { byteLength } from '../expand/operators/bytes.js';
import { treeAddressesSorted, treeHas } from './tree.js';
import type { SpoolHeader, SpoolMessage } from './types.js';

export type QueueListMode = 'bp' | 'bpu' | 'bpa';

/**
 * Time on the queue as -bp shows it: whole minutes up to 90, then hours rounded to the nearest
 * up to 72, then days rounded to the nearest; right-aligned in two columns.
 */
export function formatQueueAge(seconds: number): string {
  const minutes = Math.trunc(seconds / 60);
  if (minutes <= 90) return `${pad(minutes, 2)}m`;
  const hours = Math.trunc((minutes + 30) / 60);
  if (hours <= 72) return `${pad(hours, 2)}h`;
  return `${pad(Math.trunc((hours + 12) / 24), 2)}d`;
}

/**
 * Size as -bp shows it, right-aligned in five columns: bytes below 1024, then K and M with one
 * decimal below 10 units and whole (rounded) units above. Exim holds the size in a C int, so
 * sizes of 2 GiB and more wrap around as they do there.
 */
export function formatQueueSize(size: number): string {
  const n = size | 0;
  let s: string;
  if (n < 1024) s = String(n);
  else if (n < 10 * 1024) s = `${oneDecimal(n, 1024)}K`;
  else if (n < 1024 * 1024) s = `${Math.trunc((n + 512) / 1024)}K`;
  else if (n < 10 * 1024 * 1024) s = `${oneDecimal(n, 1024 * 1024)}M`;
  else s = `${Math.trunc((n + 512 * 1024) / (1024 * 1024))}M`;
  return s.padStart(5, ' ');
}

/** n / unit with one decimal, rounded like printf("%.1f"): to nearest, exact halves to even. */
function oneDecimal(n: number, unit: number): string {
  const tenths = Math.trunc((n * 10) / unit);
  const rem = n * 10 - tenths * unit;
  const up = rem * 2 > unit || (rem * 2 === unit && tenths % 2 === 1);
  const t = tenths + (up ? 1 : 0);
  return `${Math.trunc(t / 10)}.${t % 10}`;
}

/** Message size as Exim counts it: the headers still in force (not '*'), the blank line, the body. */
export function spoolMessageSize(headers: readonly SpoolHeader[], bodySize: number): number {
  let size = bodySize + 1;
  for (const h of headers) if (h.type !== '*') size += byteLength(h.text);
  return size;
}

export function formatQueueEntry(m: SpoolMessage, now: number, mode: QueueListMode = 'bp'): string {
  const age = formatQueueAge(now - m.received.seconds);
  let out = `${age} ${formatQueueSize(spoolMessageSize(m.headers, m.bodySize))} ${m.id} <${m.sender}>${m.frozen ? ' *** frozen ***' : ''}\n`;
  for (const r of m.recipients) {
    const delivered = r.delivered === true || treeHas(m.nonRecipients, r.address);
    if (delivered && mode === 'bpu') continue;
    out += `        ${delivered ? 'D' : ' '} ${r.address}\n`;
  }
  if (mode === 'bpa') {
    const listed = new Set(m.recipients.map((r) => r.address));
    for (const a of treeAddressesSorted(m.nonRecipients)) if (!listed.has(a)) out += `       +D ${a}\n`;
  }
  return out + '\n';
}


function pad(n: number, width: number): string {
  return String(n).padStart(width, ' ');
}
