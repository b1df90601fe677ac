/** stat: file metadata as name=value pairs, in Exim's format. */
import { strerror, strerrorText } from '../../util/strerror.js';
import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { ExpandError } from '../types.js';
import { registerOperator } from './registry.js';

const S_IFMT = 0o170000;
const TYPE_LETTER: Record<number, string> = {
  0o100000: '-',
  0o040000: 'd',
  0o020000: 'c',
  0o060000: 'b',
  0o120000: 'l',
  0o010000: 'p',
  0o140000: 's',
};


/** "ls -l" style mode string, e.g. "drwxrwxrwt". */
export function symbolicMode(mode: number): string {
  const rwx = (bits: number, special: boolean, specialChar: string): string =>
    (bits & 4 ? 'r' : '-') +
    (bits & 2 ? 'w' : '-') +
    (special ? (bits & 1 ? specialChar : specialChar.toUpperCase()) : bits & 1 ? 'x' : '-');
  return (
    (TYPE_LETTER[mode & S_IFMT] ?? '?') +
    rwx((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    rwx((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    rwx(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}

export function formatStat(st: Stats): string {
  // Exim prints the mode without the regular-file type bit but with the other type bits.
  const mode = (st.mode & ~0o100000).toString(8).padStart(4, '0');
  const secs = (d: Date): number => Math.floor(d.getTime() / 1000);
  return (
    `mode=${mode} smode=${symbolicMode(st.mode)} inode=${st.ino} device=${st.dev} links=${st.nlink} ` +
    `uid=${st.uid} gid=${st.gid} size=${st.size} atime=${secs(st.atime)} mtime=${secs(st.mtime)} ctime=${secs(st.ctime)}`
  );
}

registerOperator({
  name: 'stat',
  takesParams: true,
  fn(subject) {
    let st: Stats;
    try {
      st = statSync(subject === '' ? '\0' : subject);
    } catch (err) {
      const reason = subject === '' ? strerrorText('ENOENT')! : strerror(err);
      throw new ExpandError(`stat(${subject}) failed: ${reason}`);
    }
    return formatStat(st);
  },
});
