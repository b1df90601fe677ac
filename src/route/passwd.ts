/**
 * The passwd entries check_local_user needs (Exim calls getpwnam). We read /etc/passwd, which
 * is what getpwnam consults on the systems Mailwright targets; tests swap the source.
 */
import { readFileSync } from 'node:fs';
import type { LocalUser } from './types.js';

export type PasswdSource = (name: string) => LocalUser | undefined;

function parsePasswdLine(line: string): LocalUser | undefined {
  const f = line.split(':');
  if (f.length < 7 || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!)) return undefined;
  return { name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), gecos: f[4]!, home: f[5]!, shell: f[6]! };
}

/** A source reading a passwd-format file on each call (first entry of a name wins). */
export function filePasswdSource(path = '/etc/passwd'): PasswdSource {
  return (name) => {
    let text: string;
    try {
      text = readFileSync(path, 'latin1');
    } catch {
      return undefined;
    }
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}:`)) continue;
      const entry = parsePasswdLine(line);
      if (entry) return entry;
    }
    return undefined;
  };
}

let current: PasswdSource = filePasswdSource();

/** getpwnam: the entry for a login name, or undefined. */
export function getpwnam(name: string): LocalUser | undefined {
  if (name === '' || name.includes(':') || name.includes('\n')) return undefined;
  return current(name);
}

/** Tests replace the source; undefined restores /etc/passwd. */
export function setPasswdSource(source: PasswdSource | undefined): void {
  current = source ?? filePasswdSource();
}
