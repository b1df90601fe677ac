/**
 * Where appendfile delivers: the expanded `file` or `directory` option, or the path a redirect
 * generated ($address_file). Checks Exim makes before touching the file system: taint, absolute
 * path, create_file containment.
 */
import { promises as fs } from 'node:fs';
import { dirname, normalize } from 'node:path';
import type { DriverOptions } from '../../config/driver-options.js';
import { ExpandError, expand } from '../../expand/index.js';
import type { ExpandContext } from '../../expand/types.js';
import type { AddressItem } from '../../route/types.js';
import { EXIM_ERRNO, deferWith } from '../local-common.js';

export interface Target {
  readonly path: string;
  readonly isDirectory: boolean;
}

export async function deliveryTarget(addr: AddressItem, opts: DriverOptions, ectx: ExpandContext, home?: string): Promise<Target> {
  const fileOpt = opts.str('file');
  const dirOpt = opts.str('directory');
  const raw = fileOpt ?? dirOpt;
  let path: string;
  let tainted = false;
  let isDirectory: boolean;
  if (raw !== undefined) {
    try {
      const r = await expand(raw, ectx);
      path = r.s;
      tainted = r.tainted;
    } catch (e) {
      if (!(e instanceof ExpandError)) throw e;
      deferWith(`Expansion of "${raw}" (file or directory name for ${opts.name} transport) failed: ${e.message}`, { errno: EXIM_ERRNO.taint });
    }
    isDirectory = dirOpt !== undefined && fileOpt === undefined;
  } else if (addr.special === 'file' || addr.special === 'directory') {
    path = addr.address;
    isDirectory = addr.special === 'directory' || path.endsWith('/');
  } else {
    deferWith(`Mandatory file or directory option missing from ${opts.name} transport`);
  }
  if (opts.bool('maildir_format') || opts.bool('mailstore_format')) isDirectory = true;
  const createFile = opts.str('create_file') ?? 'anywhere';
  if (tainted && !(createFile.startsWith('/') && within(path, createFile, true))) {
    deferWith(`Tainted '${path}' (file or directory name for ${opts.name} transport) not permitted`, { errno: EXIM_ERRNO.taint });
  }
  if (!path.startsWith('/')) {
    deferWith(`appendfile: file or directory name "${path}" is not absolute`, { errno: EXIM_ERRNO.notAbsolute });
  }
  if (isDirectory && path.length > 1) path = path.replace(/\/+$/, '');
  checkCreateFile(path, createFile, home, opts.name);
  return { path, isDirectory };
}

function within(path: string, dir: string, below: boolean): boolean {
  const base = dir.replace(/\/+$/, '');
  if (below && /(^|\/)\.\.(\/|$)/.test(path)) return false;
  return path.startsWith(`${base}/`);
}

/** create_file = inhome | belowhome | <path>: where files may be created. */
function checkCreateFile(path: string, createFile: string, home: string | undefined, transport: string): void {
  if (createFile === 'anywhere') return;
  const base = createFile.startsWith('/') ? createFile : home;
  if (base === undefined) deferWith(`No home directory set for ${transport} transport (create_file = ${createFile})`);
  const below = createFile !== 'inhome';
  const ok = createFile === 'inhome' ? dirname(normalize(path)) === normalize(base) || within(path, base, false) : within(path, base, below);
  if (!ok) deferWith(`appendfile: file or directory name "${path}" is not within ${createFile.startsWith('/') ? createFile : 'the home directory'}`);
}

/** Creates missing parent directories (create_directory) with directory_mode. */
export async function ensureDirectory(dir: string, opts: DriverOptions): Promise<void> {
  try {
    await fs.stat(dir);
    return;
  } catch {
    /* missing */
  }
  if (!opts.bool('create_directory')) return;
  await fs.mkdir(dir, { recursive: true, mode: opts.num('directory_mode', 0o700) });
}
