/**
 * File helpers shared by the file-based lookup types: C-library error texts (Exim prints
 * strerror() in its messages), the "failed to open" errors, the identity of a file used to
 * invalidate cached results when the file is replaced or modified, and a cache of file
 * contents keyed by that identity.
 *
 * Local lookup files are read with blocking calls, as Exim does: they are small and local,
 * and a round trip through libuv's thread pool costs far more than the read itself.
 */
import { closeSync, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import { bytesToString } from '../expand/operators/bytes.js';
import { LookupError } from './types.js';

import { strerror } from '../util/strerror.js';

export { strerror };

/**
 * Run a file-system call whose failure is an ordinary outcome (a missing lookup file) without
 * capturing a stack trace for Node's error: that capture costs more than the call itself.
 */
export function withoutStack<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** `failed to open <what>: <strerror>` as Exim words open failures of lookup files. */
export function openFailure(what: string, err: unknown): LookupError {
  return new LookupError(`failed to open ${what}: ${strerror(err)}`);
}

/** The identity string of stat results: changes when the file is replaced or modified. */
export function identityOf(st: Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
}

/** stat() results, or undefined when the file cannot be stat'ed (whatever the reason). */
export function statQuietly(path: string): Stats | undefined {
  try {
    return withoutStack(() => statSync(path, { throwIfNoEntry: false }));
  } catch {
    return undefined;
  }
}

/** A string that changes when the file at `path` is replaced or modified; undefined if it cannot be stat'ed. */
export function fileIdentitySync(path: string): string | undefined {
  const st = statQuietly(path);
  return st === undefined ? undefined : identityOf(st);
}

/** Promise form of fileIdentitySync, kept for callers written against it. */
export async function fileIdentity(path: string): Promise<string | undefined> {
  return fileIdentitySync(path);
}

/**
 * Open-time checks of the lsearch family (lsearch, wildlsearch, nwildlsearch, iplsearch): the
 * file must be readable and a regular file. All four report themselves as "lsearch".
 */
export function checkLinearSearchFileSync(path: string): void {
  let fd: number;
  try {
    fd = withoutStack(() => openSync(path, 'r'));
  } catch (err) {
    throw openFailure(`${path} for linear search`, err);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new LookupError(`${path} is not a regular file (lsearch lookup)`);
  } finally {
    closeSync(fd);
  }
}

export async function checkLinearSearchFile(path: string): Promise<void> {
  checkLinearSearchFileSync(path);
}

/**
 * Recently read files and what was derived from them (text, parsed forms), reused while the
 * file's identity is unchanged. Derived forms are built on first use by `derive`.
 */
export class FileContentCache<T> {
  private readonly entries = new Map<string, { identity: string; value: T }>();

  constructor(
    private readonly maxFiles: number,
    private readonly maxBytes: number,
  ) {}

  /**
   * The value derived from the file's current contents. `read` errors propagate; a file whose
   * identity cannot be taken, or that is too large, is read and derived without caching.
   */
  get(path: string, derive: (bytes: Buffer) => T): T {
    const identity = fileIdentitySync(path);
    const hit = identity === undefined ? undefined : this.entries.get(path);
    if (hit && hit.identity === identity) return hit.value;
    const bytes = withoutStack(() => readFileSync(path));
    const value = derive(bytes);
    if (identity !== undefined && bytes.length <= this.maxBytes) {
      this.entries.delete(path);
      this.entries.set(path, { identity, value });
      if (this.entries.size > this.maxFiles) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** A linear-search file split into lines, with an index of its keys built on demand. */
export interface LinearSearchFile {
  readonly text: string;
  readonly lines: readonly string[];
  /** Drivers' indexes of this file version (e.g. lsearch's key map), by driver; see derivedIndex. */
  readonly derived: Map<string, unknown>;
}

/** A driver's index of a file version, built by `build` on first use. */
export function derivedIndex<T>(file: LinearSearchFile, kind: string, build: (file: LinearSearchFile) => T): T {
  if (file.derived.has(kind)) return file.derived.get(kind) as T;
  const index = build(file);
  file.derived.set(kind, index);
  return index;
}

const linearFiles = new FileContentCache<LinearSearchFile>(16, 4 * 1024 * 1024);

function linearSearchFileOf(bytes: Buffer): LinearSearchFile {
  const text = bytesToString(bytes);
  return { text, lines: text.split('\n'), derived: new Map() };
}

/**
 * A linear-search file (bytes that are not UTF-8 kept as the project's surrogate escapes);
 * open failures are reported as checkLinearSearchFile does.
 */
export function loadLinearSearchFile(path: string): LinearSearchFile {
  try {
    return linearFiles.get(path, linearSearchFileOf);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new LookupError(`${path} is not a regular file (lsearch lookup)`);
    throw openFailure(`${path} for linear search`, err);
  }
}

/** Whole text of a linear-search file; see loadLinearSearchFile. */
export async function readLinearSearchFile(path: string): Promise<string> {
  return loadLinearSearchFile(path).text;
}
