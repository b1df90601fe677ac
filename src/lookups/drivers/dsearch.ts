/**
 * dsearch: the key is looked up as an entry of the given directory (lstat, so symbolic links
 * are entries of their own). Options: `ret=full` returns `<dir>/<key>` instead of the key;
 * `filter=file|dir|subdir` restricts the entry type (`subdir` excludes `.` and `..`).
 * Unknown option values are ignored, as Exim does. Blocking calls, as Exim makes.
 */
import { lstatSync, opendirSync, type Stats } from 'node:fs';
import { openFailure, withoutStack } from '../file-util.js';
import { LookupDefer, LookupError, type LookupDriver, type LookupRequest } from '../types.js';

function checkDirectorySync(dir: string): void {
  try {
    withoutStack(() => opendirSync(dir)).closeSync();
  } catch (err) {
    throw openFailure(`${dir} for directory search`, err);
  }
  if (!dir.startsWith('/')) throw new LookupError(`dirname '${dir}' for dsearch is not absolute`);
}

function passesFilter(filter: string | undefined, key: string, st: Stats): boolean {
  switch (filter) {
    case 'file':
      return st.isFile();
    case 'dir':
      return st.isDirectory();
    case 'subdir':
      return st.isDirectory() && key !== '.' && key !== '..';
    default:
      return true;
  }
}

export const dsearchDriver: LookupDriver = {
  name: 'dsearch',
  style: 'single-key',
  async checkFile(dir: string): Promise<void> {
    checkDirectorySync(dir);
  },
  async find(req: LookupRequest): Promise<string | null> {
    const dir = req.file!;
    if (req.key.includes('/')) throw new LookupDefer(`key for dsearch lookup contains a slash: ${req.key}`);
    const path = `${dir}/${req.key}`;
    let st: Stats | undefined;
    try {
      st = withoutStack(() => lstatSync(path, { throwIfNoEntry: false }));
    } catch {
      return null;
    }
    if (st === undefined) return null;
    if (!passesFilter(req.options.get('filter'), req.key, st)) return null;
    return req.options.get('ret') === 'full' ? path : req.key;
  },
};
