/**
 * Building the logger a process needs from the main configuration options: log_selector,
 * log_file_path (expanded by the caller's expander, as Exim expands it), log_timezone,
 * write_rejectlog and the syslog_* options. -bh sessions get the stderr `LOG:` logger.
 */
import type { LoadedConfig } from '../config/types.js';
import type { Logger } from './types.js';
import { parseLogSelector } from './selectors.js';
import { FileLogger } from './file-logger.js';
import { BhLogger } from './bh-logger.js';
import type { SyslogTransport } from './syslog-transport.js';
import { offsetForZone, type UtcOffset } from './prefix.js';

export interface LoggerSetup {
  /** 'bh' for -bh host checking (nothing written to files). */
  readonly mode?: 'files' | 'bh';
  /** Expands log_file_path (default: used as written). */
  readonly expand?: (s: string) => string;
  /** Overrides spool_directory from the configuration. */
  readonly spoolDirectory?: string;
  readonly buildLogFilePath?: string;
  readonly panicToStderr?: boolean;
  readonly now?: () => Date;
  readonly pid?: number;
  readonly offset?: UtcOffset;
  readonly stderr?: (text: string) => void;
  readonly syslogTransport?: SyslogTransport;
}

type Options = Pick<LoadedConfig, 'mainOption'>;

const str = (c: Options, n: string) => {
  const v = c.mainOption(n);
  return typeof v === 'string' ? v : undefined;
};
const bool = (c: Options, n: string, dflt: boolean) => {
  const v = c.mainOption(n);
  return typeof v === 'boolean' ? v : dflt;
};

/** Throws LogSelectorError (a ConfigError) for a bad log_selector, as exim4 refuses to start. */
export function loggerFromConfig(config: Options, setup: LoggerSetup = {}): Logger {
  const selectors = parseLogSelector(str(config, 'log_selector'));
  const logTimezone = bool(config, 'log_timezone', false);
  // The `timezone` option decides what local time is for log stamps (exim4 sets TZ from it).
  const zone = str(config, 'timezone');
  const offset = setup.offset ?? (zone ? offsetForZone(zone) : zone === '' ? () => 0 : undefined);
  if (setup.mode === 'bh') {
    return new BhLogger({ selectors, logTimezone, pid: setup.pid, now: setup.now, offset, out: setup.stderr });
  }
  const rawPath = str(config, 'log_file_path');
  return new FileLogger({
    selectors,
    logTimezone,
    logFilePath: rawPath === undefined ? undefined : (setup.expand ?? ((s) => s))(rawPath),
    spoolDirectory: setup.spoolDirectory ?? str(config, 'spool_directory') ?? '/var/spool/exim4',
    buildLogFilePath: setup.buildLogFilePath,
    writeRejectlog: bool(config, 'write_rejectlog', true),
    panicToStderr: setup.panicToStderr,
    now: setup.now,
    pid: setup.pid,
    offset,
    stderr: setup.stderr,
    syslog: {
      facility: str(config, 'syslog_facility'),
      processname: str(config, 'syslog_processname') ?? 'exim',
      timestamp: bool(config, 'syslog_timestamp', true),
      pid: bool(config, 'syslog_pid', true),
      duplication: bool(config, 'syslog_duplication', true),
      transport: setup.syslogTransport,
    },
  });
}
