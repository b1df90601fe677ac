/**
 * Contract of Exim-format logging (spec chapter "Log files"). Lines are written without the
 * timestamp/pid prefix by callers; the logger adds `YYYY-MM-DD HH:MM:SS[.mmm][ +zzzz][ [pid]] `
 * as the selectors and log_timezone say. In -bh mode the logger prints `LOG: ...` lines on
 * stderr instead of writing files. Implementations: src/log/file-logger.ts (files and syslog),
 * src/log/bh-logger.ts (-bh), src/log/memory-logger.ts (tests).
 */
export type LogFile = 'main' | 'reject' | 'panic';

export interface LogSelectors {
  /** Whether a selector (name without +/-, e.g. `smtp_connection`, `pipelining`, `proxy`) is on. */
  has(name: string): boolean;
}

/** Extras for one write (added after the first version of this contract; all optional). */
export interface LogWriteOptions {
  /**
   * Text added after the line in the reject log only: the `Envelope-from:`/`Envelope-to:`
   * lines and the header dump of +rejected_header (see lines/reject-detail.ts). Each line
   * ends with "\n".
   */
  readonly rejectDetail?: string;
  /**
   * The log_selector item that governs this line (e.g. `connection_reject`, `size_reject`,
   * `smtp_connection`). As in exim4, when it is off the main-log copy is skipped but the
   * reject and panic copies are still written; -bh shows nothing.
   */
  readonly selector?: string;
}

export interface Logger {
  readonly selectors: LogSelectors;
  /**
   * Write a line to exactly the logs listed, as Exim's log_write does with its LOG_MAIN /
   * LOG_REJECT / LOG_PANIC flags: a rejection is written with ['main', 'reject'], a serious
   * error with ['main', 'panic']; `logwrite = :reject: x` goes to the reject log only.
   * `messageId` (when given) is written after the timestamp prefix.
   */
  write(files: readonly LogFile[], text: string, messageId?: string, options?: LogWriteOptions): void;
  /** Reopen files (SIGHUP; datestamped names are switched automatically at midnight). */
  reopen(): Promise<void>;
  close(): Promise<void>;
}
