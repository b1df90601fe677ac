/**
 * Public surface of the logging subsystem.
 *
 * Typical use: `const log = loggerFromConfig(config, { mode: opts.bh ? 'bh' : 'files', expand })`
 * once per process; then build each line with a builder from lines/ and write it where
 * SMTP_LINE_RULES says, e.g.
 *   log.write(['main', 'reject'], rejectedRcptLine(host, log.selectors, sender, rcpt, msg));
 *   log.write(['main'], connectionStartLine(host, log.selectors, count), undefined, { selector: 'smtp_connection' });
 *   log.write(['main'], receptionLine({...}, log.selectors), messageId);
 * Call `reopen()` on SIGHUP and `close()` before exit.
 */
export type { LogFile, Logger, LogSelectors, LogWriteOptions } from './types.js';
export { LOG_SELECTOR_NAMES, DEFAULT_LOG_SELECTORS, LogSelectorSet, LogSelectorError, parseLogSelector, type LogSelectorName } from './selectors.js';
export { linePrefix, logTime, dateStamps, localOffset, type UtcOffset } from './prefix.js';
export { parseLogFilePath, logFileName, isDatestamped, type LogTargets } from './paths.js';
export { FileLogger, type FileLoggerOptions, type SyslogOptions } from './file-logger.js';
export { BhLogger, type BhLoggerOptions } from './bh-logger.js';
export { MemoryLogger } from './memory-logger.js';
export { syslogDatagram, splitForSyslog, syslogFacility, syslogTime } from './syslog.js';
export { UnixDatagramTransport, UdpSyslogTransport, type SyslogTransport } from './syslog-transport.js';
export * from './lines/host.js';
export * from './lines/reception.js';
export * from './lines/smtp.js';
export * from './lines/printing.js';
export * from './lines/duration.js';
export * from './lines/reject-detail.js';
export { loggerFromConfig, type LoggerSetup } from './from-config.js';
export * from './lines/process.js';
