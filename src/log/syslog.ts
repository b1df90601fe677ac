/**
 * Syslog output as Exim produces it (spec "Logging to syslog"): the main, reject and panic logs
 * map to LOG_INFO, LOG_NOTICE and LOG_ALERT under syslog_facility (default mail); an entry is
 * cut at internal newlines and every 870 characters, each piece tagged `[n/m] ` (cut for length
 * or last) or `[n\m] ` (cut at a newline). Each piece becomes one datagram in the format the C
 * library's syslog() sends to /dev/log: `<PRI>Mmm dd hh:mm:ss ident[pid]: text` (no host
 * name, no trailing newline).
 */
import { ConfigError } from '../util/errors.js';
import type { LogFile } from './types.js';
import { localOffset, zoned, type UtcOffset } from './prefix.js';

const FACILITIES: Readonly<Record<string, number>> = {
  kern: 0, user: 1, mail: 2, daemon: 3, auth: 4, syslog: 5, lpr: 6, news: 7, uucp: 8, cron: 9, authpriv: 10, ftp: 11,
  local0: 16, local1: 17, local2: 18, local3: 19, local4: 20, local5: 21, local6: 22, local7: 23,
};

/** Severities Exim uses for each log. */
export const SYSLOG_SEVERITY: Readonly<Record<LogFile, number>> = { main: 6, reject: 5, panic: 1 };

export const SYSLOG_SPLIT_LENGTH = 870;

/** Facility code for syslog_facility (unset = mail). A leading `log_` is tolerated. */
export function syslogFacility(name: string | undefined): number {
  if (name === undefined || name === '') return FACILITIES.mail!;
  const key = name.toLowerCase().replace(/^log_/, '');
  const code = FACILITIES[key];
  if (code === undefined) throw new ConfigError(`failed to interpret syslog_facility "${name}"`);
  return code;
}

/** Split an entry into the pieces Exim hands to syslog(), tags included. */
export function splitForSyslog(text: string, maxLength = SYSLOG_SPLIT_LENGTH): string[] {
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines.length === 1 && lines[0]!.length <= maxLength) return [lines[0]!];
  const pieces: { text: string; endsAtNewline: boolean }[] = [];
  lines.forEach((line, li) => {
    const last = li === lines.length - 1;
    if (line.length === 0) {
      pieces.push({ text: '', endsAtNewline: !last });
      return;
    }
    for (let i = 0; i < line.length; i += maxLength) {
      const end = i + maxLength >= line.length;
      pieces.push({ text: line.slice(i, i + maxLength), endsAtNewline: end && !last });
    }
  });
  const m = pieces.length;
  return pieces.map((p, i) => `[${i + 1}${p.endsAtNewline ? '\\' : '/'}${m}] ${p.text}`);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The RFC 3164 time stamp syslog() writes: `Mmm dd hh:mm:ss` with the day padded by a space. */
export function syslogTime(d: Date, offset: UtcOffset = localOffset): string {
  const z = zoned(d, offset);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[z.getUTCMonth()]} ${String(z.getUTCDate()).padStart(2, ' ')} ${p2(z.getUTCHours())}:${p2(z.getUTCMinutes())}:${p2(z.getUTCSeconds())}`;
}

export interface SyslogMessage {
  readonly facility: number;
  readonly severity: number;
  readonly ident: string;
  /** Included as `ident[pid]` (Exim is built with SYSLOG_LOG_PID); omit for no pid. */
  readonly pid?: number;
  readonly time: Date;
  readonly text: string;
  readonly offset?: UtcOffset;
}

/** One datagram's bytes. The text is sent as bytes unchanged (latin1 keeps raw octets). */
export function syslogDatagram(m: SyslogMessage): Buffer {
  const pri = m.facility * 8 + m.severity;
  const tag = m.pid === undefined ? m.ident : `${m.ident}[${m.pid}]`;
  return Buffer.from(`<${pri}>${syslogTime(m.time, m.offset)} ${tag}: ${m.text}`, 'latin1');
}
