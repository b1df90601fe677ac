/**
 * Variables whose value is computed when read: time of day, process identity, values derived
 * from main options, file-system space. ctx.vars overrides all of them.
 */
import { hostname, loadavg } from 'node:os';
import { readFileSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { untainted, type ExpandContext, type TStr } from './types.js';
import { headersVariable } from './headers.js';

/** Version we claim compatibility with (see docs: Mailwright behaves as Exim 4.96). */
export const EXIM_VERSION = '4.96';
export const COMPILE_NUMBER = '1';
/** Fixed "build" time stamp in Exim's $compile_date format (we have no compile step of our own). */
export const COMPILE_DATE = '01-Jan-2024 00:00:00';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** Local-time zone offset as +hhmm / -hhmm. */
export function zoneOffset(d: Date): string {
  const off = -d.getTimezoneOffset();
  const a = Math.abs(off);
  return `${off >= 0 ? '+' : '-'}${p2(Math.floor(a / 60))}${p2(a % 60)}`;
}

const hms = (d: Date): string => `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;

/** The $tod_* formats of one instant. */
export function todFormats(d: Date, micros: bigint): Record<string, string> {
  const ymd = `${d.getFullYear()}${p2(d.getMonth() + 1)}${p2(d.getDate())}`;
  return {
    tod_bsdinbox: `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${p2(d.getDate())} ${hms(d)} ${d.getFullYear()}`,
    tod_epoch: String(Math.floor(d.getTime() / 1000)),
    tod_epoch_l: String(micros),
    tod_full: `${DAYS[d.getDay()]}, ${p2(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${hms(d)} ${zoneOffset(d)}`,
    tod_log: `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${hms(d)}`,
    tod_logfile: ymd,
    tod_zone: zoneOffset(d),
    tod_zulu:
      `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}` +
      `${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}Z`,
  };
}

function nowMicros(): bigint {
  return BigInt(Date.now()) * 1000n + BigInt(Math.floor(Number(process.hrtime.bigint() % 1000n)));
}

/** uid/gid of a system user from /etc/passwd (the exim user), or undefined. */
function passwdIds(user: string): { uid: string; gid: string } | undefined {
  try {
    for (const line of readFileSync('/etc/passwd', 'latin1').split('\n')) {
      const f = line.split(':');
      if (f[0] === user && f.length >= 4) return { uid: f[2]!, gid: f[3]! };
    }
  } catch {
    /* no passwd file: fall through */
  }
  return undefined;
}

export function eximIds(ctx: ExpandContext): { uid: string; gid: string } {
  const opt = ctx.config.mainOption('exim_user');
  if (typeof opt === 'number') return { uid: String(opt), gid: String(ctx.config.mainOption('exim_group') ?? opt) };
  return passwdIds(typeof opt === 'string' ? opt : 'Debian-exim') ?? passwdIds('exim') ?? { uid: '0', gid: '0' };
}

function fsSpace(dir: string, inodes: boolean): string {
  try {
    const st = statfsSync(dir);
    return String(inodes ? st.ffree : Math.floor((st.bavail * st.bsize) / 1024));
  } catch {
    return '-1';
  }
}

const strOpt = (ctx: ExpandContext, name: string): string | undefined => {
  const v = ctx.config.mainOption(name);
  return v === undefined || v === '' ? undefined : String(v);
};

function primaryHostname(ctx: ExpandContext): string {
  return strOpt(ctx, 'primary_hostname') ?? hostname();
}

function spoolDirectory(ctx: ExpandContext): string {
  return strOpt(ctx, 'spool_directory') ?? '/var/spool/exim4';
}

function qualifyDomain(ctx: ExpandContext): string {
  return strOpt(ctx, 'qualify_domain') ?? primaryHostname(ctx);
}

const senderPart = (ctx: ExpandContext, part: 'local' | 'domain'): string => {
  const s = ctx.vars.get('sender_address')?.s ?? '';
  const at = s.lastIndexOf('@');
  if (at < 0) return part === 'local' ? s : '';
  return part === 'local' ? s.slice(0, at) : s.slice(at + 1);
};

type Computer = (ctx: ExpandContext) => string | TStr;

const COMPUTED: Readonly<Record<string, Computer>> = {
  pid: () => String(process.pid),
  primary_hostname: primaryHostname,
  smtp_active_hostname: primaryHostname,
  qualify_domain: qualifyDomain,
  qualify_recipient: (ctx) => strOpt(ctx, 'qualify_recipient') ?? qualifyDomain(ctx),
  exim_path: (ctx) => strOpt(ctx, 'exim_path') ?? '/usr/sbin/exim4',
  exim_version: () => EXIM_VERSION,
  version_number: () => EXIM_VERSION,
  compile_date: () => COMPILE_DATE,
  compile_number: () => COMPILE_NUMBER,
  config_file: () => '',
  config_dir: () => '',
  spool_directory: spoolDirectory,
  exim_uid: (ctx) => eximIds(ctx).uid,
  exim_gid: (ctx) => eximIds(ctx).gid,
  caller_uid: () => String(process.getuid?.() ?? 0),
  caller_gid: () => String(process.getgid?.() ?? 0),
  originator_uid: () => String(process.getuid?.() ?? 0),
  originator_gid: () => String(process.getgid?.() ?? 0),
  initial_cwd: () => process.cwd(),
  load_average: () => String(Math.floor(loadavg()[0]! * 1000)),
  spool_space: (ctx) => fsSpace(spoolDirectory(ctx), false),
  spool_inodes: (ctx) => fsSpace(spoolDirectory(ctx), true),
  log_space: (ctx) => fsSpace(dirname(strOpt(ctx, 'log_file_path')?.split(':')[0] ?? spoolDirectory(ctx) + '/log/x'), false),
  log_inodes: (ctx) => fsSpace(dirname(strOpt(ctx, 'log_file_path')?.split(':')[0] ?? spoolDirectory(ctx) + '/log/x'), true),
  bounce_return_size_limit: (ctx) => strOpt(ctx, 'bounce_return_size_limit') ?? '102400',
  return_size_limit: (ctx) => strOpt(ctx, 'bounce_return_size_limit') ?? '102400',
  sender_address_domain: (ctx) => senderPart(ctx, 'domain'),
  sender_address_local_part: (ctx) => senderPart(ctx, 'local'),
  message_headers: (ctx) => headersVariable(ctx, false),
  message_headers_raw: (ctx) => headersVariable(ctx, true),
};

const TOD_NAMES = ['tod_bsdinbox', 'tod_epoch', 'tod_epoch_l', 'tod_full', 'tod_log', 'tod_logfile', 'tod_zone', 'tod_zulu'];

export const COMPUTED_NAMES: readonly string[] = [...Object.keys(COMPUTED), ...TOD_NAMES];

export function computedVariable(name: string, ctx: ExpandContext): TStr | undefined {
  if (name.startsWith('tod_')) {
    const micros = nowMicros();
    const v = todFormats(new Date(Number(micros / 1000n)), micros)[name];
    return v === undefined ? undefined : untainted(v);
  }
  const fn = COMPUTED[name];
  if (!fn) return undefined;
  const v = fn(ctx);
  return typeof v === 'string' ? untainted(v) : v;
}
