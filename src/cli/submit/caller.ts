/**
 * Who is submitting: the calling user's login, ids and full name (from the password data), and
 * whether Exim would trust them. Root and the Exim user are always trusted; trusted_users and
 * trusted_groups add more (names or numbers, the groups also matching supplementary groups).
 */
import { readFileSync } from 'node:fs';
import type { LoadedConfig } from '../../config/types.js';

export interface Caller {
  readonly login: string;
  readonly uid: number;
  readonly gid: number;
  /** Supplementary groups (for trusted_groups). */
  readonly groups: readonly number[];
  /** The password entry's gecos field ('' when unknown). */
  readonly gecos: string;
}

interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly gecos: string;
}

function passwdEntries(path: string): PasswdEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch {
    return [];
  }
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 5 && /^\d+$/.test(f[2]!) && /^\d+$/.test(f[3]!)) out.push({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), gecos: f[4]! });
  }
  return out;
}

function groupIds(path: string): Map<string, number> {
  const map = new Map<string, number>();
  let text = '';
  try {
    text = readFileSync(path, 'latin1');
  } catch {
    return map;
  }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 3 && /^\d+$/.test(f[2]!)) map.set(f[0]!, Number(f[2]));
  }
  return map;
}

/**
 * The process's caller. unknown_login / unknown_username stand in when the uid has no
 * password entry, as in Exim; without them the uid number is used as the login.
 */
export function currentCaller(config: LoadedConfig, passwdPath = '/etc/passwd'): Caller {
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  const groups = process.getgroups?.() ?? [];
  const entry = passwdEntries(passwdPath).find((e) => e.uid === uid);
  if (entry) return { login: entry.name, uid, gid, groups, gecos: entry.gecos };
  const unknown = config.mainOption('unknown_login');
  const name = config.mainOption('unknown_username');
  return { login: typeof unknown === 'string' && unknown !== '' ? unknown : String(uid), uid, gid, groups, gecos: typeof name === 'string' ? name : '' };
}

/** Exim's list options come back as a string or a list; numbers for uid/gid lists. */
function listItems(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return String(value).split(':').map((s) => s.trim()).filter((s) => s !== '');
}

function userId(item: string, passwdPath: string): number | undefined {
  if (/^\d+$/.test(item)) return Number(item);
  return passwdEntries(passwdPath).find((e) => e.name === item)?.uid;
}

export function isTrusted(caller: Caller, config: LoadedConfig, paths = { passwd: '/etc/passwd', group: '/etc/group' }): boolean {
  if (caller.uid === 0) return true;
  const eximUser = config.mainOption('exim_user');
  const eximUid = typeof eximUser === 'number' ? eximUser : typeof eximUser === 'string' ? userId(eximUser, paths.passwd) : undefined;
  if (eximUid !== undefined && caller.uid === eximUid) return true;
  for (const item of listItems(config.mainOption('trusted_users'))) {
    if (item === caller.login || userId(item, paths.passwd) === caller.uid) return true;
  }
  const gids = new Set([caller.gid, ...caller.groups]);
  const groups = listItems(config.mainOption('trusted_groups'));
  if (groups.length === 0) return false;
  const byName = groupIds(paths.group);
  return groups.some((g) => gids.has(/^\d+$/.test(g) ? Number(g) : (byName.get(g) ?? -1)));
}

/**
 * The full name Exim puts in From:/Sender: fix-ups: -F when given, else the gecos field with
 * each `&` replaced by the login with its first letter in upper case (the Unix convention).
 */
export function originatorName(caller: Caller, fullName: string | undefined): string {
  if (fullName !== undefined) return fullName;
  const cap = caller.login.charAt(0).toUpperCase() + caller.login.slice(1);
  return caller.gecos.split('&').join(cap);
}

/**
 * The name as an RFC 2822 phrase for From:/Sender: fix-ups: quoted (with `"` and `\` escaped)
 * when it holds characters a phrase may not (gecos fields often carry commas). Unverified
 * against exim4 here: the oracle runs as root, whose gecos is a plain word.
 */
export function quotePhrase(name: string): string {
  if (name === '' || !/[()<>@,;:\\"[\]]/.test(name)) return name;
  return `"${name.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
