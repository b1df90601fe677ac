/**
 * The logger Exim uses outside -bh: log files named by log_file_path and/or syslog.
 *
 * Files are opened lazily with O_APPEND (mode 0640, directories created 0750 as needed) and each
 * entry is written with a single write() so that concurrent processes interleave whole lines.
 * Before reusing an open main log its name is stat()ed, and the file reopened if it was renamed
 * away (log cycling); datestamped names (%D, %M) switch files when the date changes. When a log
 * cannot be opened the problem goes to the panic log; when the panic log cannot be written the
 * entry goes to stderr.
 */
import { stringToBytes } from '../expand/operators/bytes.js';
import { closeSync, fchmodSync, fchownSync, fstatSync, mkdirSync, openSync, statSync, writeSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import type { LogFile, Logger, LogSelectors, LogWriteOptions } from './types.js';
import { dateStamps, fitLogBuffer, linePrefix, localOffset, type UtcOffset } from './prefix.js';
import { isDatestamped, logFileName, parseLogFilePath, type LogTargets } from './paths.js';
import { SYSLOG_SEVERITY, splitForSyslog, syslogDatagram, syslogFacility } from './syslog.js';
import { UnixDatagramTransport, type SyslogTransport } from './syslog-transport.js';

export interface SyslogOptions {
  readonly facility?: string;
  /** syslog_processname (default "exim"). */
  readonly processname?: string;
  /** syslog_timestamp: false drops Exim's own time stamp from syslog lines. */
  readonly timestamp?: boolean;
  /** syslog_pid: false drops Exim's `[pid]` (from +pid) from syslog lines. */
  readonly pid?: boolean;
  /** syslog_duplication: false sends a main+reject (main+panic) line only once. */
  readonly duplication?: boolean;
  readonly transport?: SyslogTransport;
}

export interface FileLoggerOptions {
  readonly selectors: LogSelectors;
  /** log_file_path after expansion (undefined = unset). */
  readonly logFilePath?: string;
  readonly spoolDirectory: string;
  /** Build-time LOG_FILE_PATH stand-in. */
  readonly buildLogFilePath?: string;
  readonly logTimezone?: boolean;
  /** write_rejectlog (default true). */
  readonly writeRejectlog?: boolean;
  readonly syslog?: SyslogOptions;
  /** Also copy panic entries to stderr (Exim does so when stderr is usable, e.g. -bs, -bm). */
  readonly panicToStderr?: boolean;
  readonly now?: () => Date;
  readonly pid?: number;
  readonly offset?: UtcOffset;
  readonly stderr?: (text: string) => void;
  readonly fileMode?: number;
  /** Owner for files this logger creates (Exim, started as root, gives them to exim_user). */
  readonly fileOwner?: { readonly uid: number; readonly gid: number };
  /**
   * Called when exim4 would give up: an entry could not be written to the panic log (it went
   * to stderr; exim4 then prints "exim: could not open panic log - aborting: see message(s)
   * above") or a write to an open main/reject log failed (reported in the panic log first).
   * exim4 exits 1 in both cases; a caller that wants that does it here.
   */
  readonly onFatal?: (reason: 'panic log' | 'write failed') => void;
}

import { strerror } from '../util/strerror.js';

export { strerror };

interface OpenLog {
  fd: number;
  path: string;
  ino: number;
}

/** Bytes of an entry: strings carry one byte per char (latin1) unless they hold wider chars. */
/** Log text is in the project's byte convention (UTF-8 characters, other bytes as escapes). */
export function entryBytes(text: string): Buffer {
  return stringToBytes(text);
}

export class FileLogger implements Logger {
  readonly selectors: LogSelectors;
  private readonly targets: LogTargets;
  private readonly open = new Map<LogFile, OpenLog>();
  private readonly now: () => Date;
  private readonly offset: UtcOffset;
  private readonly stderr: (text: string) => void;
  private syslogTransport: SyslogTransport | undefined;
  private readonly facility: number;

  constructor(private readonly opts: FileLoggerOptions) {
    this.selectors = opts.selectors;
    this.targets = parseLogFilePath(opts.logFilePath, { spoolDirectory: opts.spoolDirectory, buildPath: opts.buildLogFilePath });
    this.now = opts.now ?? (() => new Date());
    this.offset = opts.offset ?? localOffset;
    this.stderr = opts.stderr ?? ((t) => void process.stderr.write(t));
    this.facility = syslogFacility(opts.syslog?.facility);
    for (const w of this.targets.warnings) this.write(['panic'], w);
  }

  /** The file a log is written to now (undefined when logging to syslog only). */
  pathOf(file: LogFile, at: Date = this.now()): string | undefined {
    const pattern = this.targets.filePattern;
    return pattern === undefined ? undefined : logFileName(pattern, file, dateStamps(at, this.offset));
  }

  write(files: readonly LogFile[], text: string, messageId?: string, options?: LogWriteOptions): void {
    const at = this.now();
    const prefix = linePrefix(at, { selectors: this.selectors, logTimezone: this.opts.logTimezone, pid: this.opts.pid, offset: this.offset });
    const body = fitLogBuffer(prefix, `${messageId ? `${messageId} ` : ''}${text}`);
    const wanted = new Set(files);
    if (this.opts.writeRejectlog === false) wanted.delete('reject');
    if (options?.selector !== undefined && !this.selectors.has(options.selector)) wanted.delete('main');
    if (wanted.size === 0) return;
    const entry = (file: LogFile) => `${prefix}${body}\n${file === 'reject' ? (options?.rejectDetail ?? '') : ''}`;
    if (this.targets.filePattern !== undefined) {
      for (const file of ['main', 'reject'] as const) if (wanted.has(file)) this.writeFile(file, entry(file), at, messageId);
      if (wanted.has('panic')) this.writePanic(entry('panic'), at);
    } else if (wanted.has('panic') && this.opts.panicToStderr) this.stderr(entry('panic'));
    if (this.targets.syslog) this.writeSyslog(wanted, prefix, body, options?.rejectDetail ?? '', at);
  }

  private writeFile(file: 'main' | 'reject', entry: string, at: Date, messageId: string | undefined): void {
    let fd: number;
    try {
      fd = this.fdFor(file, at).fd;
    } catch (e) {
      const ids = process.geteuid && process.getegid ? `: euid=${process.geteuid()} egid=${process.getegid()}` : '';
      this.write(['panic'], `Cannot open ${file} log file "${this.pathOf(file, at)}": ${strerror(e)}${ids}`);
      return;
    }
    const bytes = entryBytes(entry);
    try {
      writeSync(fd, bytes);
    } catch (e) {
      // As exim4: the entry itself and the failure go to the panic log, then it gives up.
      const errno = Math.abs((e as NodeJS.ErrnoException).errno ?? 0);
      this.writePanic(entry, at);
      this.write(['panic'], `failed to write to ${file} log: length=${bytes.length} result=-1 errno=${errno} (${strerror(e)})`, messageId);
      this.opts.onFatal?.('write failed');
    }
  }

  private writePanic(entry: string, at: Date): void {
    try {
      writeSync(this.fdFor('panic', at).fd, entryBytes(entry));
    } catch {
      this.stderr(entry);
      this.opts.onFatal?.('panic log');
      return;
    }
    if (this.opts.panicToStderr) this.stderr(entry);
  }

  /** The open descriptor for a log, (re)opening when the name changed or the file was moved. */
  private fdFor(file: LogFile, at: Date): OpenLog {
    const path = this.pathOf(file, at)!;
    const cur = this.open.get(file);
    if (cur !== undefined) {
      if (cur.path === path && (file !== 'main' || this.sameFile(cur))) return cur;
      closeSync(cur.fd);
      this.open.delete(file);
    }
    const opened = this.openLog(path);
    this.open.set(file, opened);
    return opened;
  }

  private sameFile(cur: OpenLog): boolean {
    try {
      return statSync(cur.path).ino === cur.ino;
    } catch {
      return false;
    }
  }

  private openLog(path: string): OpenLog {
    const fd = this.createLog(path) ?? openSync(path, constants.O_WRONLY | constants.O_APPEND);
    return { fd, path, ino: fstatSync(fd).ino };
  }

  /** Create the file (and its directory) with the log mode and owner; undefined if it exists. */
  private createLog(path: string): number | undefined {
    const mode = this.opts.fileMode ?? 0o640;
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL;
    let fd: number;
    try {
      fd = openSync(path, flags, mode);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return undefined;
      if (code !== 'ENOENT') throw e;
      mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
      try {
        fd = openSync(path, flags, mode);
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
        throw e2;
      }
    }
    fchmodSync(fd, mode); // the umask must not weaken or widen the documented mode
    if (this.opts.fileOwner) fchownSync(fd, this.opts.fileOwner.uid, this.opts.fileOwner.gid);
    return fd;
  }

  private writeSyslog(wanted: ReadonlySet<LogFile>, prefix: string, body: string, rejectDetail: string, at: Date): void {
    const s = this.opts.syslog ?? {};
    const dup = s.duplication !== false;
    const text = this.syslogText(prefix, body);
    const sends: [LogFile, string][] = [];
    if (wanted.has('main') && (dup || (!wanted.has('reject') && !wanted.has('panic')))) sends.push(['main', text]);
    if (wanted.has('reject') && (dup || !wanted.has('panic'))) sends.push(['reject', text + (rejectDetail ? `\n${rejectDetail}` : '')]);
    if (wanted.has('panic')) sends.push(['panic', text]);
    for (const [file, entry] of sends) {
      for (const piece of splitForSyslog(entry)) {
        const datagram = syslogDatagram({
          facility: this.facility, severity: SYSLOG_SEVERITY[file], ident: s.processname ?? 'exim',
          pid: this.opts.pid ?? process.pid, time: at, text: piece, offset: this.offset,
        });
        this.transport().send(datagram);
      }
    }
  }

  /** The entry as sent to syslog: without Exim's time stamp / pid when those options say so. */
  private syslogText(prefix: string, body: string): string {
    const s = this.opts.syslog ?? {};
    let p = prefix;
    if (s.pid === false) p = p.replace(/ \[\d+\] $/, ' ');
    if (s.timestamp === false) p = p.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3})?( [-+]\d{4})? ?/, '');
    return `${p}${body}`;
  }

  private transport(): SyslogTransport {
    this.syslogTransport ??= this.opts.syslog?.transport ?? new UnixDatagramTransport();
    return this.syslogTransport;
  }

  async reopen(): Promise<void> {
    for (const o of this.open.values()) closeSync(o.fd);
    this.open.clear();
  }

  async close(): Promise<void> {
    await this.reopen();
    await this.syslogTransport?.close();
  }

  /** True when file names carry a datestamp (informational; switching is automatic). */
  get datestamped(): boolean {
    return this.targets.filePattern !== undefined && isDatestamped(this.targets.filePattern);
  }
}
