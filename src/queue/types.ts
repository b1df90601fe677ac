/**
 * Contract of the queue subsystem: the hints databases (Exim's db/ directory: retry, wait-<transport>,
 * callout, ratelimit, tls, misc, seen), retry rules and retry records, and queue runs.
 *
 * Hints live in one embedded store (LMDB, in <spool_directory>/db/hints.lmdb): one named table
 * per Exim database. Writes are transactional and survive a crash; losing hints never loses
 * mail (they are hints), but a torn write must not corrupt the store.
 */
import { MailwrightError } from '../util/errors.js';

/** The hints tables Exim keeps (wait-<transport name> tables are made on demand). */
export type HintsTableName = 'retry' | 'callout' | 'ratelimit' | 'tls' | 'misc' | 'seen' | `wait-${string}`;

/** A stored record: any JSON-serialisable object; `time` is when it was last written (seconds). */
export interface HintsRecord {
  readonly time: number;
  readonly [field: string]: unknown;
}

export interface HintsTable {
  get<T extends HintsRecord>(key: string): T | undefined;
  put(key: string, value: HintsRecord): Promise<void>;
  delete(key: string): Promise<void>;
  /** All keys (for tidying and dumping). */
  keys(): Iterable<string>;
}

export interface HintsDb {
  table(name: HintsTableName): HintsTable;
  close(): Promise<void>;
}

/**
 * A retry record (Exim's dbdata_retry), kept in the `retry` table under keys
 * `R:<domain>`, `R:<local_part>@<domain>`, `T:<host>:<ip>[:<port>]`, `T:<host>:<ip>:<port>:<message id>`.
 */
export interface RetryRecord extends HintsRecord {
  /** Error classification of the last failure (RetryErrorName) and its text. */
  readonly error: string;
  readonly text: string;
  readonly firstFailed: number;
  readonly lastTry: number;
  readonly nextTry: number;
  /** The retry rule's cutoff has passed: further failures are permanent (delay_after_cutoff...). */
  readonly expired: boolean;
}

/**
 * Error names of retry rules (spec "Retry rules"): `*`, `auth_failed`, `data_4xx`, `mail_4xx`,
 * `rcpt_4xx` (optionally `_NNN`-qualified like `rcpt_451`), `lost_connection`, `quota`,
 * `quota_<time>`, `refused`, `refused_A`, `refused_MX`, `timeout`, `timeout_A`, `timeout_MX`,
 * `timeout_connect`, `timeout_connect_A`, `timeout_connect_MX`, `tls_required`.
 */
export type RetryErrorName = string;

/** What a retry computation decided for a destination after a temporary failure. */
export interface RetryDecision {
  readonly record: RetryRecord;
  /** The cutoff has passed: fail the address now (unless a host of it is still within its time). */
  readonly giveUp: boolean;
}

export class HintsError extends MailwrightError {}
