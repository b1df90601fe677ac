/**
 * Contract of Exim-format logging (spec chapter "Log files"). Lines are written without the
 * timestamp/pid prefix by callers; the logger adds `YYYY-MM-DD HH:MM:SS[.ffffff] [pid] ` as the
 * selectors say. In -bh mode the logger prints `LOG: ...` lines on stderr instead of writing files.
 */
export type LogFile = 'main' | 'reject' | 'panic';

export interface LogSelectors {
  /** Whether a selector (name without +/-, e.g. `smtp_connection`, `pipelining`, `proxy`) is on. */
  has(name: string): boolean;
}

export interface Logger {
  readonly selectors: LogSelectors;
  /**
   * Write a line. Exim's rule: a reject-log line also goes to the main log; a panic line also
   * goes to the main log. `messageId` (when given) is written after the timestamp.
   */
  write(files: readonly LogFile[], text: string, messageId?: string): void;
  /** Reopen files (SIGHUP, date change for %D). */
  reopen(): Promise<void>;
  close(): Promise<void>;
}
