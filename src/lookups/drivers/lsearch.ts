/**
 * lsearch: linear search of a text file for a literal key, compared case-insensitively.
 * Option `ret=full` returns the whole entry (key included) instead of the data.
 * The first line with a key is found through a map built once per file version.
 */
import { checkLinearSearchFile, derivedIndex, loadLinearSearchFile, type LinearSearchFile } from '../file-util.js';
import { asciiLower, entryAt, entryResult, keyLinesOf, type KeyLine } from '../linear-file.js';
import type { LookupDriver, LookupRequest } from '../types.js';

/** Lower-cased key to its first key line. */
function firstKeyLines(file: LinearSearchFile): Map<string, KeyLine> {
  const first = new Map<string, KeyLine>();
  for (const kl of keyLinesOf(file.lines)) {
    const key = asciiLower(kl.field.key);
    if (!first.has(key)) first.set(key, kl);
  }
  return first;
}

export const lsearchDriver: LookupDriver = {
  name: 'lsearch',
  style: 'single-key',
  checkFile: checkLinearSearchFile,
  async find(req: LookupRequest): Promise<string | null> {
    const file = loadLinearSearchFile(req.file!);
    const hit = derivedIndex(file, 'lsearch', firstKeyLines).get(asciiLower(req.key));
    return hit ? entryResult(entryAt(file.lines, hit.n, hit.field), req.options) : null;
  },
};
