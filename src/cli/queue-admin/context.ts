/**
 * What every queue operator command works with: the spool's layout, the main log, who is
 * calling, the clock and standard output. Built once per command from the configuration
 * (createQueueAdminContext); tests build one by hand around a temporary spool.
 */
import type { Logger } from '../../log/types.js';

export interface Caller {
  readonly uid: number;
  /** Login name of the real uid, as the "by <user>" of log lines shows it. */
  readonly login: string;
  /** root, the Exim user, or a member of the Exim group or of admin_groups. */
  readonly admin: boolean;
}

export interface QueueAdminContext {
  /** spool_directory */
  readonly spoolDirectory: string;
  readonly splitSpoolDirectory: boolean;
  /** message_logs: -Mvl adds a hint when they are off. */
  readonly messageLogs: boolean;
  readonly log: Logger;
  readonly caller: Caller;
  /** Seconds since the epoch (injected so tests replay Exim's runs exactly). */
  now(): number;
  /** Standard output: Exim writes all per-message results there. */
  out(data: string | Buffer): void;
}
