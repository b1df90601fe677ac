/**
 * lsearch: linear search of a text file for a literal key, compared case-insensitively.
 * Option `ret=full` returns the whole entry (key included) instead of the data.
 */
import { checkLinearSearchFile, readLinearSearchFile } from '../file-util.js';
import { asciiLower, entryResult, findLinearEntry } from '../linear-file.js';
import type { LookupDriver, LookupRequest } from '../types.js';

export const lsearchDriver: LookupDriver = {
  name: 'lsearch',
  style: 'single-key',
  checkFile: checkLinearSearchFile,
  async find(req: LookupRequest): Promise<string | null> {
    const text = await readLinearSearchFile(req.file!);
    const wanted = asciiLower(req.key);
    const entry = await findLinearEntry(text, (field) => asciiLower(field.key) === wanted);
    return entry ? entryResult(entry, req.options) : null;
  },
};
