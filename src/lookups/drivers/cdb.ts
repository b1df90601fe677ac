/**
 * cdb: read-only constant database files; keys are compared exactly (case matters) and
 * without a trailing NUL. Open-time and corruption messages follow Exim 4.96.
 * Blocking reads, as Exim does for local files.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { bytesToString, stringToBytes } from '../../expand/operators/bytes.js';
import { CDB_HEADER_SIZE, CdbCorrupt, cdbFind, fileSource } from '../cdb-reader.js';
import { strerror, withoutStack } from '../file-util.js';
import { LookupDefer, LookupError, type LookupDriver, type LookupRequest } from '../types.js';

/** Open a cdb file and check it as Exim's open does; the caller closes the descriptor. */
function openCdb(path: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = withoutStack(() => openSync(path, 'r'));
  } catch (err) {
    throw new LookupError(`failed to open ${path} for cdb lookup: ${strerror(err)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) {
      throw new LookupError(`failed to open cannot read header from ${path} for cdb lookup: Is a directory`);
    }
    // Exim appends whatever errno holds here; in a fresh process that is "Success".
    if (st.size < CDB_HEADER_SIZE) throw new LookupError(`failed to open ${path} too short for cdb lookup: Success`);
    return { fd, size: st.size };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

export const cdbDriver: LookupDriver = {
  name: 'cdb',
  style: 'single-key',
  async checkFile(path: string): Promise<void> {
    closeSync(openCdb(path).fd);
  },
  async find(req: LookupRequest): Promise<string | null> {
    const path = req.file!;
    const { fd, size } = openCdb(path);
    try {
      const data = cdbFind(fileSource(fd, size), stringToBytes(req.key));
      return data === null ? null : bytesToString(data);
    } catch (err) {
      if (err instanceof CdbCorrupt) throw new LookupDefer(`cdb: corrupt cdb file ${path} (too short)`);
      throw err;
    } finally {
      closeSync(fd);
    }
  },
};
