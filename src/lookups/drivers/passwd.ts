/**
 * passwd: query-style lookup of a user name in the system password data. The result looks like
 * an /etc/passwd line without the name and with `*` for the password:
 * `*:uid:gid:gecos:home:shell`. Node has no getpwnam(), so the password file is read directly
 * (NSS sources other than files are not consulted).
 */
import { readFileSync } from 'node:fs';
import type { LookupDriver, LookupRequest } from '../types.js';

export const DEFAULT_PASSWD_FILE = '/etc/passwd';

/** The entry for `name` in passwd-format `text`, formatted as Exim returns it. */
export function findPasswdEntry(text: string, name: string): string | null {
  if (name === '') return null;
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length < 7 || fields[0] !== name) continue;
    const [, , uid, gid, gecos, home, shell] = fields;
    return ['*', uid, gid, gecos, home, shell].join(':');
  }
  return null;
}

export function createPasswdDriver(passwdFile = DEFAULT_PASSWD_FILE): LookupDriver {
  return {
    name: 'passwd',
    style: 'query',
    // getpwnam() answers from the live system; Exim still caches within a process.
    async find(req: LookupRequest): Promise<string | null> {
      let text: string;
      try {
        text = readFileSync(passwdFile, 'utf8');
      } catch {
        return null;
      }
      return findPasswdEntry(text, req.key);
    },
  };
}

export const passwdDriver = createPasswdDriver();
