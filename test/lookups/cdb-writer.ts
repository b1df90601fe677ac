/** A small cdb writer for tests (the reader under test must read what any cdbmake writes). */
import { cdbHash } from '../../src/lookups/cdb-reader.js';

export function buildCdb(records: ReadonlyArray<readonly [string | Buffer, string | Buffer]>): Buffer {
  const chunks: Buffer[] = [];
  let pos = 2048;
  const buckets: Array<Array<{ hash: number; pos: number }>> = Array.from({ length: 256 }, () => []);
  for (const [k, v] of records) {
    const key = Buffer.isBuffer(k) ? k : Buffer.from(k);
    const val = Buffer.isBuffer(v) ? v : Buffer.from(v);
    const head = Buffer.alloc(8);
    head.writeUInt32LE(key.length, 0);
    head.writeUInt32LE(val.length, 4);
    const hash = cdbHash(key);
    buckets[hash & 0xff]!.push({ hash, pos });
    chunks.push(head, key, val);
    pos += 8 + key.length + val.length;
  }
  const header = Buffer.alloc(2048);
  buckets.forEach((entries, i) => {
    const slots = entries.length * 2;
    header.writeUInt32LE(pos, i * 8);
    header.writeUInt32LE(slots, i * 8 + 4);
    const table = Buffer.alloc(slots * 8);
    for (const e of entries) {
      let s = (e.hash >>> 8) % slots;
      while (table.readUInt32LE(s * 8 + 4) !== 0) s = (s + 1) % slots;
      table.writeUInt32LE(e.hash, s * 8);
      table.writeUInt32LE(e.pos, s * 8 + 4);
    }
    chunks.push(table);
    pos += table.length;
  });
  return Buffer.concat([header, ...chunks]);
}
