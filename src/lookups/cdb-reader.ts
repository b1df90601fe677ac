/**
 * Reader for D. J. Bernstein's constant database format: a 2048-byte table of 256
 * (position, slot count) pairs, hash tables of (hash, record position) slots, and records of
 * (key length, data length, key, data); all numbers little-endian 32-bit. The hash is
 * h = ((h << 5) + h) ^ byte starting from 5381.
 * Reads are synchronous: cdb files are local and each probe is a few small reads.
 */
import { readSync } from 'node:fs';

export const CDB_HEADER_SIZE = 2048;

export function cdbHash(key: Uint8Array): number {
  let h = 5381;
  for (const b of key) h = (((h << 5) + h) ^ b) >>> 0;
  return h;
}

/** The file is shorter than its own tables say. */
export class CdbCorrupt extends Error {}

/** Random access to the bytes of a cdb file. */
export interface CdbSource {
  readonly size: number;
  read(pos: number, len: number): Buffer;
}

/** Bytes read on demand from an open file descriptor. */
export function fileSource(fd: number, size: number): CdbSource {
  return {
    size,
    read(pos, len) {
      const buf = Buffer.alloc(len);
      let got = 0;
      while (got < len) {
        const n = readSync(fd, buf, got, len - got, pos + got);
        if (n === 0) break;
        got += n;
      }
      if (got < len) throw new CdbCorrupt();
      return buf;
    },
  };
}

/** Bytes of a cdb file held in memory. */
export function bufferSource(buf: Buffer): CdbSource {
  return {
    size: buf.length,
    read(pos, len) {
      if (pos + len > buf.length) throw new CdbCorrupt();
      return buf.subarray(pos, pos + len);
    },
  };
}

/** Data of the first record with this key, or null. */
export function cdbFind(src: CdbSource, key: Buffer): Buffer | null {
  const hash = cdbHash(key);
  const head = src.read((hash & 0xff) * 8, 8);
  const tablePos = head.readUInt32LE(0);
  const slots = head.readUInt32LE(4);
  if (slots === 0) return null;
  if (tablePos + slots * 8 > src.size) throw new CdbCorrupt();
  let slot = (hash >>> 8) % slots;
  for (let tried = 0; tried < slots; tried++) {
    const entry = src.read(tablePos + slot * 8, 8);
    const recordPos = entry.readUInt32LE(4);
    if (recordPos === 0) return null;
    if (entry.readUInt32LE(0) === hash) {
      const lens = src.read(recordPos, 8);
      const klen = lens.readUInt32LE(0);
      const dlen = lens.readUInt32LE(4);
      if (recordPos + 8 + klen + dlen > src.size) throw new CdbCorrupt();
      if (klen === key.length && src.read(recordPos + 8, klen).equals(key)) {
        return Buffer.from(src.read(recordPos + 8 + klen, dlen));
      }
    }
    slot = (slot + 1) % slots;
  }
  return null;
}
