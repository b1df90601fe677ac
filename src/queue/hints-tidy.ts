/**
 * What exim_tidydb does to one hints table: drop records not updated for `maxAge` seconds
 * (30 days unless -t says otherwise), drop retry records keyed by a message that is no longer
 * on the queue, and remove vanished message ids from wait-<transport> records (deleting the
 * record when none is left). Returns one remark per change, like the utility's output.
 */
import type { HintsDb, HintsRecord, HintsTableName } from './types.js';

export const DEFAULT_TIDY_AGE = 30 * 24 * 60 * 60;

export interface TidyOptions {
  /** Seconds since the last update after which a record is removed (exim_tidydb -t). */
  readonly maxAge?: number;
  /** Current time in seconds. */
  readonly now: number;
  /** Whether a message id is still on the queue; without it message ids are not checked. */
  readonly messageExists?: (id: string) => boolean;
}

/** 16-character (4.96) or 23-character (4.97+) Exim message ids. */
const MESSAGE_ID = /^(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}|[0-9A-Za-z]{6}-[0-9A-Za-z]{11}-[0-9A-Za-z]{4})$/;

/** The message id a retry key ends with (`T:host:ip:port:<id>`), if any. */
export function messageIdOfRetryKey(key: string): string | undefined {
  const last = key.slice(key.lastIndexOf(':') + 1);
  return MESSAGE_ID.test(last) ? last : undefined;
}

interface WaitRecord extends HintsRecord {
  readonly messages?: readonly string[];
}

export async function tidyHints(hints: HintsDb, name: HintsTableName, opts: TidyOptions): Promise<string[]> {
  const table = hints.table(name);
  const maxAge = opts.maxAge ?? DEFAULT_TIDY_AGE;
  const remarks: string[] = [];
  for (const key of [...table.keys()]) {
    const record = table.get<WaitRecord>(key);
    if (!record) continue;
    if (opts.now - record.time > maxAge) {
      await table.delete(key);
      remarks.push(`deleted ${key} (too old)`);
      continue;
    }
    if (!opts.messageExists) continue;
    if (name === 'retry') {
      const id = messageIdOfRetryKey(key);
      if (id !== undefined && !opts.messageExists(id)) {
        await table.delete(key);
        remarks.push(`deleted ${key} (no message)`);
      }
    } else if (name.startsWith('wait-') && Array.isArray(record.messages)) {
      await tidyWaitRecord(key, record, opts.messageExists, remarks, hints, name);
    }
  }
  return remarks;
}

async function tidyWaitRecord(
  key: string,
  record: WaitRecord,
  exists: (id: string) => boolean,
  remarks: string[],
  hints: HintsDb,
  name: HintsTableName,
): Promise<void> {
  const ids = record.messages ?? [];
  const kept = ids.filter((id) => exists(id));
  if (kept.length === ids.length) return;
  for (const id of ids) if (!kept.includes(id)) remarks.push(`${id} removed from ${key}`);
  const table = hints.table(name);
  if (kept.length === 0) {
    await table.delete(key);
    remarks.push(`deleted ${key} (empty)`);
  } else {
    await table.put(key, { ...record, messages: kept });
  }
}
