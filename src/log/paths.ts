/**
 * log_file_path (spec "Where the logs are written", "Datestamped log files"): a colon list of
 * at most one file path pattern plus `syslog`. An empty item means the build-time default;
 * `%s` becomes main/reject/panic, `%D` yyyymmdd and `%M` yyyymm (never for the panic log);
 * `%%` is a percent sign. Relative paths are taken from the spool directory (Exim works there).
 */
import { isAbsolute, join } from 'node:path';
import type { LogFile } from './types.js';

export interface LogTargets {
  /** The file name pattern, or undefined when only syslog is used. */
  readonly filePattern?: string;
  readonly syslog: boolean;
  /** Problems exim4 reports in the panic log (and on stderr), in its words. */
  readonly warnings: readonly string[];
}

export interface LogPathContext {
  readonly spoolDirectory: string;
  /** Build-time LOG_FILE_PATH; when unset the default is `<spool>/log/%slog`. */
  readonly buildPath?: string;
}

function defaultPattern(ctx: LogPathContext): string {
  const fromBuild = (ctx.buildPath ?? '').split(':').map((s) => s.trim()).find((s) => s !== '' && s !== 'syslog');
  return fromBuild ?? join(ctx.spoolDirectory, 'log', '%slog');
}

/** Interpret an (already expanded) log_file_path; undefined/empty means the default path. */
export function parseLogFilePath(value: string | undefined, ctx: LogPathContext): LogTargets {
  const items = (value ?? '').split(':').map((s) => s.trim());
  let syslog = false;
  const files: string[] = [];
  for (const item of items) {
    if (item === 'syslog') syslog = true;
    else files.push(item === '' ? defaultPattern(ctx) : item);
  }
  if (files.length === 0 && !syslog) files.push(defaultPattern(ctx));
  const warnings: string[] = [];
  const first = files[0];
  if (files.length > 1) warnings.push(`More than one path given in log_file_path: using ${first}`);
  if (first !== undefined) warnings.push(...patternProblems(first));
  return { filePattern: first === undefined ? undefined : resolvePattern(first, ctx), syslog, warnings };
}

function resolvePattern(pattern: string, ctx: LogPathContext): string {
  return isAbsolute(pattern) ? pattern : join(ctx.spoolDirectory, pattern);
}

function patternProblems(pattern: string): string[] {
  const out: string[] = [];
  if (!pattern.includes('%s')) out.push(`log_file_path "${pattern}" does not contain "%s"`);
  if (/%(?![sDM])/.test(pattern)) out.push(`log_file_path "${pattern}" contains unexpected "%" character`);
  return out;
}

/** True when the names change with the date (so files are reopened at midnight / month end). */
export function isDatestamped(pattern: string): boolean {
  return /%[DM]/.test(pattern.replace(/%%/g, ''));
}

/**
 * The file name for one log. `day`/`month` are the %D/%M stamps. For the panic log the stamp
 * is dropped together with one neighbouring non-alphanumeric character: the one after it when
 * the stamp follows a slash, else the one before it.
 */
export function logFileName(pattern: string, file: LogFile, stamps: { day: string; month: string }): string {
  let p = pattern;
  if (file === 'panic') p = dropDatestamp(p);
  return p.replace(/%([%sDM])/g, (_m, c: string) => (c === '%' ? '%' : c === 's' ? file : c === 'D' ? stamps.day : stamps.month));
}

function dropDatestamp(p: string): string {
  const m = /%[DM]/.exec(p);
  if (m === null) return p;
  let start = m.index;
  let end = start + 2;
  const isSep = (c: string | undefined) => c !== undefined && !/[A-Za-z0-9]/.test(c) && c !== '%';
  if (p[start - 1] === '/') {
    if (isSep(p[end])) end++;
  } else if (isSep(p[start - 1])) start--;
  return p.slice(0, start) + p.slice(end);
}
