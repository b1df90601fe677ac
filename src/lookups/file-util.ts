/**
 * File helpers shared by the file-based lookup types: C-library error texts (Exim prints
 * strerror() in its messages), the "failed to open" errors, and the identity of a file used to
 * invalidate cached results when the file is replaced or modified.
 */
import { promises as fs, type Stats } from 'node:fs';
import { bytesToString } from '../expand/operators/bytes.js';
import { LookupError } from './types.js';

const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  EMFILE: 'Too many open files',
  ENFILE: 'Too many open files in system',
  EIO: 'Input/output error',
  ENXIO: 'No such device or address',
};

/** glibc's strerror() text for a Node.js system error. */
export function strerror(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && STRERROR[code]) return STRERROR[code]!;
  return (err as Error | undefined)?.message ?? 'Unknown error';
}

/** `failed to open <what>: <strerror>` as Exim words open failures of lookup files. */
export function openFailure(what: string, err: unknown): LookupError {
  return new LookupError(`failed to open ${what}: ${strerror(err)}`);
}

/** A string that changes when the file at `path` is replaced or modified; undefined if it cannot be stat'ed. */
export async function fileIdentity(path: string): Promise<string | undefined> {
  let st: Stats;
  try {
    st = await fs.stat(path);
  } catch {
    return undefined;
  }
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
}

/**
 * Open-time checks of the lsearch family (lsearch, wildlsearch, nwildlsearch, iplsearch): the
 * file must be readable and a regular file. All four report themselves as "lsearch".
 */
export async function checkLinearSearchFile(path: string): Promise<void> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (err) {
    throw openFailure(`${path} for linear search`, err);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new LookupError(`${path} is not a regular file (lsearch lookup)`);
  } finally {
    await handle.close();
  }
}

/** Recently read linear-search files, reused while their identity is unchanged. */
const TEXT_CACHE_FILES = 8;
const TEXT_CACHE_MAX_BYTES = 4 * 1024 * 1024;
const textCache = new Map<string, { identity: string; text: string }>();

async function readBytesAsText(path: string): Promise<string> {
  const identity = await fileIdentity(path);
  const hit = identity === undefined ? undefined : textCache.get(path);
  if (hit && hit.identity === identity) return hit.text;
  const buf = await fs.readFile(path);
  const text = bytesToString(buf);
  if (identity !== undefined && buf.length <= TEXT_CACHE_MAX_BYTES) {
    textCache.delete(path);
    textCache.set(path, { identity, text });
    if (textCache.size > TEXT_CACHE_FILES) textCache.delete(textCache.keys().next().value!);
  }
  return text;
}

/**
 * Whole text of a linear-search file (bytes that are not UTF-8 kept as the project's surrogate
 * escapes); open failures are reported as checkLinearSearchFile does.
 */
export async function readLinearSearchFile(path: string): Promise<string> {
  try {
    return await readBytesAsText(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new LookupError(`${path} is not a regular file (lsearch lookup)`);
    throw openFailure(`${path} for linear search`, err);
  }
}
