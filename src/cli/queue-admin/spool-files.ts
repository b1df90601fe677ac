/**
 * Direct access to one message's spool files for the operator commands. Unlike FileSpool.read,
 * this reports each file's problem separately (a -H without its -D, a damaged -H), because
 * Exim's texts for those cases differ and -Mrm must carry on through them. Files are looked
 * for where split_spool_directory says first, then in the other layout, as Exim does.
 */
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { renderHeaderFile } from '../../spool/header-file-write.js';
import { parseHeaderFile } from '../../spool/header-file-read.js';
import { SpoolFormatError } from '../../spool/errors.js';
import { spoolSubdirectory } from '../../spool/message-id.js';
import type { SpoolMessage } from '../../spool/types.js';
import { strerror } from '../../util/strerror.js';
import type { QueueAdminContext } from './context.js';

type Layout = Pick<QueueAdminContext, 'spoolDirectory' | 'splitSpoolDirectory'>;

/** Candidate directories under `top` (input or msglog), the configured layout first. */
export function candidateDirs(ctx: Layout, top: 'input' | 'msglog', id: string): string[] {
  const flat = join(ctx.spoolDirectory, top);
  // -bp accepts any word as an id; one too short to name a subdirectory is looked for flat only.
  if (id.length < 6) return [flat, flat];
  const split = join(flat, spoolSubdirectory(id));
  return ctx.splitSpoolDirectory ? [split, flat] : [flat, split];
}

export type FileLookup = { readonly path: string; readonly size: number } | { readonly code: string };

/** The first of the candidate files that exists (with its size), else the errno of the last try. */
export async function findFile(ctx: Layout, top: 'input' | 'msglog', id: string, suffix: string): Promise<FileLookup> {
  let code = 'ENOENT';
  for (const dir of candidateDirs(ctx, top, id)) {
    const path = join(dir, `${id}${suffix}`);
    try {
      const st = await stat(path);
      return { path, size: st.size };
    } catch (e) {
      code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    }
  }
  return { code };
}

export type HeaderRead =
  | { readonly ok: true; readonly message: SpoolMessage; readonly path: string; readonly headerFileSize: number }
  | { readonly ok: false; readonly format: false; readonly code: string }
  | { readonly ok: false; readonly format: true; readonly headerFileSize: number };

/**
 * Reads and parses a message's -H. bodySize is the -D file's data size, or -1 when the -D
 * cannot be found (the listing then leaves the size column blank).
 */
export async function readHeader(ctx: Layout, id: string): Promise<HeaderRead> {
  const found = await findFile(ctx, 'input', id, '-H');
  if ('code' in found) return { ok: false, format: false, code: found.code };
  let raw: Buffer;
  try {
    raw = await readFile(found.path);
  } catch (e) {
    return { ok: false, format: false, code: (e as NodeJS.ErrnoException).code ?? 'EIO' };
  }
  let parsed;
  try {
    parsed = parseHeaderFile(raw, found.path);
    if (parsed.id !== id) throw new SpoolFormatError(`names message ${parsed.id}`, found.path);
  } catch (e) {
    if (e instanceof SpoolFormatError) return { ok: false, format: true, headerFileSize: raw.length };
    throw e;
  }
  const data = await findFile(ctx, 'input', id, '-D');
  const bodySize = 'code' in data ? -1 : data.size - (id.length + 3);
  return { ok: true, message: { ...parsed, bodySize }, path: found.path, headerFileSize: raw.length };
}

export interface RemovalResult {
  /** Whether any file was actually deleted. */
  readonly removed: boolean;
  /** "Error while removing <file>: <reason>" texts for failures other than "not there". */
  readonly errors: readonly string[];
}

/**
 * Deletes every file of a message in both layouts: the msglog, then -D, -H and -J (and
 * Mailwright's -L lock file, which Exim does not have).
 */
export async function removeMessageFiles(ctx: Layout, id: string): Promise<RemovalResult> {
  let removed = false;
  const errors: string[] = [];
  const inputs = candidateDirs(ctx, 'input', id);
  const logs = candidateDirs(ctx, 'msglog', id);
  const tryUnlink = async (path: string, counts: boolean): Promise<void> => {
    try {
      await unlink(path);
      if (counts) removed = true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') errors.push(`Error while removing ${path}: ${strerror(e)}`);
    }
  };
  for (let i = 0; i < 2; i++) {
    await tryUnlink(join(logs[i]!, id), true);
    for (const suffix of ['-D', '-H', '-J']) await tryUnlink(join(inputs[i]!, `${id}${suffix}`), true);
    await tryUnlink(join(inputs[i]!, `${id}-L`), false);
  }
  return { removed, errors };
}

/**
 * Replaces a -H file atomically (temporary `hdr.<id>` in the same directory, then rename), as
 * Exim's spool_write_header does when modifying a message.
 */
export async function writeHeader(path: string, message: SpoolMessage): Promise<void> {
  const { id, bodySize: _size, ...content } = message;
  const temp = join(dirname(path), `hdr.${id}`);
  await unlink(temp).catch(() => undefined);
  const fh = await open(temp, 'wx', 0o640);
  try {
    await fh.writeFile(renderHeaderFile(id, content));
    await fh.datasync();
  } finally {
    await fh.close();
  }
  await rename(temp, path);
}
