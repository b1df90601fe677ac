/** A logger that keeps entries in memory, for tests of code that logs. */
import type { LogFile, Logger, LogSelectors, LogWriteOptions } from './types.js';
import { LogSelectorSet } from './selectors.js';

export interface MemoryLogEntry {
  readonly files: readonly LogFile[];
  readonly text: string;
  readonly messageId?: string;
  readonly options?: LogWriteOptions;
}

export class MemoryLogger implements Logger {
  readonly entries: MemoryLogEntry[] = [];

  constructor(readonly selectors: LogSelectors = LogSelectorSet.defaults()) {}

  write(files: readonly LogFile[], text: string, messageId?: string, options?: LogWriteOptions): void {
    this.entries.push({ files: [...files], text, messageId, options });
  }

  /** Entries of one log as Exim would write them without prefix: `[id ]text`. */
  lines(file: LogFile): string[] {
    const gatedOff = (e: MemoryLogEntry) => file === 'main' && e.options?.selector !== undefined && !this.selectors.has(e.options.selector);
    return this.entries.filter((e) => e.files.includes(file) && !gatedOff(e)).map((e) => `${e.messageId ? `${e.messageId} ` : ''}${e.text}`);
  }

  async reopen(): Promise<void> {}
  async close(): Promise<void> {}
}
