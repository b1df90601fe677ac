/**
 * glibc's strerror() texts for the errno codes Node reports. Exim quotes these in its
 * messages (file opens, sockets, logs), so every subsystem uses this one table.
 */
import { constants as osConstants } from 'node:os';

const STRERROR: Readonly<Record<string, string>> = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  EIO: 'Input/output error',
  ENXIO: 'No such device or address',
  EACCES: 'Permission denied',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENFILE: 'Too many open files in system',
  EMFILE: 'Too many open files',
  ENOSPC: 'No space left on device',
  EROFS: 'Read-only file system',
  ENAMETOOLONG: 'File name too long',
  ELOOP: 'Too many levels of symbolic links',
  ENOTSOCK: 'Socket operation on non-socket',
  ENETUNREACH: 'Network is unreachable',
  ECONNRESET: 'Connection reset by peer',
  EPIPE: 'Broken pipe',
  ETIMEDOUT: 'Connection timed out',
  ECONNREFUSED: 'Connection refused',
  EHOSTUNREACH: 'No route to host',
  EDQUOT: 'Disk quota exceeded',
};

/** The text for an errno code, or undefined when the table lacks it. */
export function strerrorText(code: string | undefined): string | undefined {
  return code === undefined ? undefined : STRERROR[code];
}

/** The text for a Node system error; other errors give their own message. */
export function strerror(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return strerrorText(code) ?? (err as Error | undefined)?.message ?? 'Unknown error';
}

/** The text for a numeric errno (Linux numbering), via os.constants.errno. */
export function strerrorNumber(errno: number): string | undefined {
  for (const [code, n] of Object.entries(osConstants.errno)) if (n === errno) return strerrorText(code);
  return undefined;
}
