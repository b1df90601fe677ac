/**
 * Where redirect's text comes from: the expanded `data` option, or the file named by the
 * expanded `file` option, with Exim's checks on that file (taint, existence and its directory,
 * regular file, modemask, owners/owngroups) and its texts.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { tryExpand } from '../router.js';
import type { DriverOptions } from '../../config/driver-options.js';
import type { AddressItem } from '../types.js';
import type { ExpandContext } from '../../expand/types.js';

export type SourceResult =
  | { readonly kind: 'text'; readonly text: string; readonly tainted: boolean }
  | { readonly kind: 'decline' }
  | { readonly kind: 'defer'; readonly message: string };

const DECLINE: SourceResult = { kind: 'decline' };

export async function redirectSource(o: DriverOptions, addr: AddressItem, ctx: ExpandContext): Promise<SourceResult> {
  const data = o.str('data');
  if (data !== undefined) {
    const r = await tryExpand(data, ctx);
    if (!r.ok) return r.forced ? DECLINE : { kind: 'defer', message: `failed to expand "${data}": ${r.message}` };
    return { kind: 'text', text: r.value.s, tainted: r.value.tainted };
  }
  const file = o.str('file') ?? '';
  const r = await tryExpand(file, ctx);
  if (!r.ok) return r.forced ? DECLINE : { kind: 'defer', message: `failed to expand "${file}": ${r.message}` };
  const path = r.value.s;
  if (r.value.tainted) return { kind: 'defer', message: `Tainted name '${path}' for file read not permitted\n` };
  if (!path.startsWith('/')) return { kind: 'defer', message: `"${path}" is not an absolute path` };
  return readRedirectFile(o, addr, path);
}

function errnoOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? '';
}

function readRedirectFile(o: DriverOptions, addr: AddressItem, path: string): SourceResult {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    const code = errnoOf(e);
    if (code === 'ENOENT') return missingFile(o, path);
    if ((code === 'EACCES' && o.bool('ignore_eacces')) || (code === 'ENOTDIR' && o.bool('ignore_enotdir'))) return DECLINE;
    return { kind: 'defer', message: `failed to stat ${path}: ${code}` };
  }
  if (!st.isFile()) return { kind: 'defer', message: `${path} is not a regular file` };
  const problem = fileProblem(o, addr, path, st);
  if (problem) return { kind: 'defer', message: problem };
  try {
    return { kind: 'text', text: readFileSync(path, 'latin1'), tainted: false };
  } catch (e) {
    if (errnoOf(e) === 'EACCES' && o.bool('ignore_eacces')) return DECLINE;
    return { kind: 'defer', message: `failed to open ${path}: ${errnoOf(e)}` };
  }
}

/** A missing file declines, unless its directory is missing too (an unmounted NFS home?). */
function missingFile(o: DriverOptions, path: string): SourceResult {
  if (o.bool('ignore_enotdir')) return DECLINE;
  try {
    statSync(dirname(path));
    return DECLINE;
  } catch {
    return { kind: 'defer', message: `directory for ${path} does not exist` };
  }
}

/** modemask, then owner and group (their defaults depend on check_local_user). */
function fileProblem(o: DriverOptions, addr: AddressItem, path: string, st: Stats): string | undefined {
  const modemask = o.num('modemask', 0o22);
  const bad = st.mode & modemask;
  if (bad !== 0) return `bad mode (0${st.mode.toString(8)}) for ${path}: 0${bad.toString(8)} bit(s) unexpected`;
  const owners = idList(o.get('owners'));
  const groups = idList(o.get('owngroups'));
  const clu = o.bool('check_local_user');
  const checkOwner = o.isSet('check_owner') ? o.bool('check_owner') : clu || owners.length > 0;
  if (checkOwner) {
    const allowed = [...owners, ...(addr.localUser ? [addr.localUser.uid] : [])];
    if (!allowed.includes(st.uid)) return `bad owner for ${path}`;
  }
  const checkGroup = o.isSet('check_group') ? o.bool('check_group') : (clu && (modemask & 0o20) === 0) || groups.length > 0;
  if (checkGroup) {
    const allowed = [...groups, ...(addr.localUser ? [addr.localUser.gid] : [])];
    if (!allowed.includes(st.gid)) return `bad group for ${path}`;
  }
  return undefined;
}

function idList(v: unknown): number[] {
  if (Array.isArray(v)) return v.filter((x): x is number => typeof x === 'number');
  return typeof v === 'number' ? [v] : [];
}
