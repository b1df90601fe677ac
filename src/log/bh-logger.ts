/**
 * The logger of -bh (host checking) sessions: nothing is written to the log files; every entry
 * is printed once on stderr as `LOG: ` followed by the line. Exim builds the line with its
 * usual prefix and then skips a fixed 20 characters (the length of the plain
 * `YYYY-MM-DD HH:MM:SS ` stamp), so with +millisec the milliseconds (`123 `) and with
 * log_timezone the zone (`+0000 `) remain visible, and +pid shows `[pid] ` - exim4 does exactly
 * this. The reject-log detail (header dump) is not shown, nor are lines whose log_selector item
 * is off.
 */
import type { LogFile, Logger, LogSelectors, LogWriteOptions } from './types.js';
import { fitLogBuffer, linePrefix, type UtcOffset } from './prefix.js';

export interface BhLoggerOptions {
  readonly selectors: LogSelectors;
  readonly logTimezone?: boolean;
  readonly pid?: number;
  readonly now?: () => Date;
  readonly offset?: UtcOffset;
  /** Where output goes (default process.stderr). */
  readonly out?: (text: string) => void;
}

const PLAIN_STAMP_LENGTH = 20;

export class BhLogger implements Logger {
  readonly selectors: LogSelectors;

  constructor(private readonly opts: BhLoggerOptions) {
    this.selectors = opts.selectors;
  }

  write(files: readonly LogFile[], text: string, messageId?: string, options?: LogWriteOptions): void {
    void files;
    // exim4 -bh prints a line only when its main-log copy would be written.
    if (options?.selector !== undefined && !this.selectors.has(options.selector)) return;
    const prefix = linePrefix((this.opts.now ?? (() => new Date()))(), {
      selectors: this.selectors, logTimezone: this.opts.logTimezone, pid: this.opts.pid, offset: this.opts.offset,
    });
    const line = `${prefix}${fitLogBuffer(prefix, `${messageId ? `${messageId} ` : ''}${text}`)}`;
    const out = this.opts.out ?? ((t: string) => void process.stderr.write(t));
    out(`LOG: ${line.slice(PLAIN_STAMP_LENGTH)}\n`);
  }

  async reopen(): Promise<void> {}
  async close(): Promise<void> {}
}
