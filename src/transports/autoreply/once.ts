/**
 * The `once` record of autoreply: who has already had a reply, and when.
 * - once_file_size > 0: Exim's fixed-size file of records, each an 8-byte little-endian time
 *   followed by the address and a NUL; when full, the oldest record goes.
 * - otherwise Exim uses a DBM file. Mailwright keeps a JSON object {address: time} at that path
 *   instead (not readable by exim4's DBM tools; documented difference).
 */
import { promises as fs } from 'node:fs';

export interface OnceStore {
  /** Time of the last reply to `key`, or undefined. */
  lastSent(key: string): Promise<number | undefined>;
  record(key: string, time: number): Promise<void>;
}

export function onceStore(path: string, fileSize: number, mode: number): OnceStore {
  return fileSize > 0 ? new FixedFileStore(path, fileSize, mode) : new JsonStore(path, mode);
}

interface Rec {
  time: number;
  key: string;
}

class FixedFileStore implements OnceStore {
  constructor(private readonly path: string, private readonly size: number, private readonly mode: number) {}

  private async read(): Promise<Rec[]> {
    let buf: Buffer;
    try {
      buf = await fs.readFile(this.path);
    } catch {
      return [];
    }
    const recs: Rec[] = [];
    let i = 0;
    while (i + 8 < buf.length) {
      const time = Number(buf.readBigInt64LE(i));
      const end = buf.indexOf(0, i + 8);
      if (end < 0) break;
      recs.push({ time, key: buf.subarray(i + 8, end).toString('latin1') });
      i = end + 1;
    }
    return recs;
  }

  async lastSent(key: string): Promise<number | undefined> {
    return (await this.read()).find((r) => r.key === key)?.time;
  }

  async record(key: string, time: number): Promise<void> {
    const recs = (await this.read()).filter((r) => r.key !== key);
    recs.push({ key, time });
    const encode = (r: Rec): Buffer => {
      const b = Buffer.alloc(8);
      b.writeBigInt64LE(BigInt(r.time));
      return Buffer.concat([b, Buffer.from(r.key, 'latin1'), Buffer.from([0])]);
    };
    let parts = recs.map(encode);
    // Oldest first in the file; drop from the front until it fits.
    while (parts.length > 1 && parts.reduce((n, p) => n + p.length, 0) > this.size) parts = parts.slice(1);
    await fs.writeFile(this.path, Buffer.concat(parts), { mode: this.mode });
  }
}

class JsonStore implements OnceStore {
  constructor(private readonly path: string, private readonly mode: number) {}

  private async read(): Promise<Record<string, number>> {
    try {
      const v: unknown = JSON.parse(await fs.readFile(this.path, 'utf8'));
      return typeof v === 'object' && v !== null ? (v as Record<string, number>) : {};
    } catch {
      return {};
    }
  }

  async lastSent(key: string): Promise<number | undefined> {
    return (await this.read())[key];
  }

  async record(key: string, time: number): Promise<void> {
    const all = await this.read();
    all[key] = time;
    const tmp = `${this.path}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(all), { mode: this.mode });
    await fs.rename(tmp, this.path);
  }
}
