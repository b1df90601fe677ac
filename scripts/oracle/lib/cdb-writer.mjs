// Minimal writer for the cdb (constant database) file format, used to build the cdb lookup
// fixture from a readable source file. Format: a 2048-byte header of 256 (position, length)
// pairs, the records (key length, data length, key, data), then 256 open-addressing hash
// tables of (hash, record position) slots. All integers are 32-bit little-endian.
import { readFileSync, writeFileSync } from 'node:fs';

function cdbHash(bytes) {
  let h = 5381;
  for (const c of bytes) h = (((h << 5) + h) >>> 0 ^ c) >>> 0;
  return h;
}

function u32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** Build cdb bytes from [key, value] string pairs (duplicate keys are kept, first wins on lookup). */
export function buildCdb(pairs) {
  const parts = [Buffer.alloc(2048)];
  let pos = 2048;
  const buckets = Array.from({ length: 256 }, () => []);
  for (const [k, v] of pairs) {
    const key = Buffer.from(k, 'utf8');
    const data = Buffer.from(v, 'utf8');
    const h = cdbHash(key);
    buckets[h & 255].push({ h, pos });
    parts.push(u32(key.length), u32(data.length), key, data);
    pos += 8 + key.length + data.length;
  }
  const header = parts[0];
  buckets.forEach((entries, i) => {
    const len = entries.length * 2;
    header.writeUInt32LE(pos, i * 8);
    header.writeUInt32LE(len, i * 8 + 4);
    const slots = Array.from({ length: len }, () => ({ h: 0, pos: 0 }));
    for (const e of entries) {
      let s = (e.h >>> 8) % len;
      while (slots[s].pos !== 0) s = (s + 1) % len;
      slots[s] = e;
    }
    for (const s of slots) parts.push(u32(s.h), u32(s.pos));
    pos += len * 8;
  });
  return Buffer.concat(parts);
}

/** Source format: one "key<TAB>value" per line; blank lines and lines starting with # ignored. */
export function buildCdbFile(sourcePath, outPath) {
  const pairs = [];
  for (const line of readFileSync(sourcePath, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    pairs.push(tab < 0 ? [line, ''] : [line.slice(0, tab), line.slice(tab + 1)]);
  }
  writeFileSync(outPath, buildCdb(pairs));
}
