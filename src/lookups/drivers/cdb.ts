/**
 * cdb: read-only constant database files; keys are compared exactly (case matters) and
 * without a trailing NUL. Open-time and corruption messages follow Exim 4.96.
 */
import { promises as fs } from 'node:fs';
import { bytesToString, stringToBytes } from '../../expand/operators/bytes.js';
import { CDB_HEADER_SIZE, CdbCorrupt, cdbFind, fileSource } from '../cdb-reader.js';
import { strerror } from '../file-util.js';
import { LookupDefer, LookupError, type LookupDriver, type LookupRequest } from '../types.js';

async function openCdb(path: string): Promise<{ handle: fs.FileHandle; size: number }> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (err) {
    throw new LookupError(`failed to open ${path} for cdb lookup: ${strerror(err)}`);
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) {
      throw new LookupError(`failed to open cannot read header from ${path} for cdb lookup: Is a directory`);
    }
    // Exim appends whatever errno holds here; in a fresh process that is "Success".
    if (st.size < CDB_HEADER_SIZE) throw new LookupError(`failed to open ${path} too short for cdb lookup: Success`);
    return { handle, size: st.size };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

export const cdbDriver: LookupDriver = {
  name: 'cdb',
  style: 'single-key',
  async checkFile(path: string): Promise<void> {
    const { handle } = await openCdb(path);
    await handle.close();
  },
  async find(req: LookupRequest): Promise<string | null> {
    const path = req.file!;
    const { handle, size } = await openCdb(path);
    try {
      const data = await cdbFind(fileSource(handle, size), stringToBytes(req.key));
      return data === null ? null : bytesToString(data);
    } catch (err) {
      if (err instanceof CdbCorrupt) throw new LookupDefer(`cdb: corrupt cdb file ${path} (too short)`);
      throw err;
    } finally {
      await handle.close();
    }
  },
};
