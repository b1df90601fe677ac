/**
 * User and group names for uid/gid options. Exim resolves names when it reads the configuration
 * (getpwnam/getgrnam); we read /etc/passwd and /etc/group, which is what those calls consult on the
 * systems Mailwright targets. -bP prints ids back as names when an entry exists.
 */
import { readFileSync } from 'node:fs';

export interface IdDatabase {
  uidOf(name: string): number | undefined;
  gidOf(name: string): number | undefined;
  userName(uid: number): string | undefined;
  groupName(gid: number): string | undefined;
  /** Primary group of a user (queryprogram's command_group default is derived from it). */
  primaryGid(uid: number): number | undefined;
}

interface Entry {
  readonly name: string;
  readonly id: number;
  readonly gid?: number;
}

function readColonFile(path: string, withGid: boolean): Entry[] {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch {
    return [];
  }
  const out: Entry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || f[0] === '' || !/^\d+$/.test(f[2] ?? '')) continue;
    const gid = withGid && /^\d+$/.test(f[3] ?? '') ? Number(f[3]) : undefined;
    out.push(gid === undefined ? { name: f[0]!, id: Number(f[2]) } : { name: f[0]!, id: Number(f[2]), gid });
  }
  return out;
}

/** Id database backed by passwd/group files (first entry wins, as with getpw* on files). */
export function fileIdDatabase(passwdPath = '/etc/passwd', groupPath = '/etc/group'): IdDatabase {
  const users = readColonFile(passwdPath, true);
  const groups = readColonFile(groupPath, false);
  return {
    uidOf: (name) => users.find((u) => u.name === name)?.id,
    gidOf: (name) => groups.find((g) => g.name === name)?.id,
    userName: (uid) => users.find((u) => u.id === uid)?.name,
    groupName: (gid) => groups.find((g) => g.id === gid)?.name,
    primaryGid: (uid) => users.find((u) => u.id === uid)?.gid,
  };
}

let current: IdDatabase | undefined;

/** The database in use (lazily the system files); tests may swap it with setIdDatabase. */
export function idDatabase(): IdDatabase {
  current ??= fileIdDatabase();
  return current;
}

export function setIdDatabase(db: IdDatabase | undefined): void {
  current = db;
}
