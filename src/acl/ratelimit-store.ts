/**
 * The ratelimit hints database: one record per key (time of the last update, smoothed rate,
 * and the unique= values seen in the current period). Kept as a JSON file under
 * <spool>/db/ratelimit.json, rewritten atomically (temporary file + rename). Exim uses a DBM
 * file with a Bloom filter for unique=; this store keeps the values' hashes instead (same
 * counting, no false positives). Not shared safely between concurrent processes yet.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RatelimitRecord {
  /** Seconds (with fraction) of the last update. */
  time: number;
  rate: number;
  /** unique=: start of the current set and the hashes seen in it. */
  uniqueStart?: number;
  unique?: string[];
}

export interface RatelimitStore {
  get(key: string): Promise<RatelimitRecord | undefined>;
  put(key: string, record: RatelimitRecord): Promise<void>;
}

export class MemoryRatelimitStore implements RatelimitStore {
  readonly records = new Map<string, RatelimitRecord>();
  async get(key: string): Promise<RatelimitRecord | undefined> {
    return this.records.get(key);
  }
  async put(key: string, record: RatelimitRecord): Promise<void> {
    this.records.set(key, record);
  }
}

export class JsonFileRatelimitStore implements RatelimitStore {
  private readonly file: string;
  constructor(private readonly spoolDirectory: string) {
    this.file = join(spoolDirectory, 'db', 'ratelimit.json');
  }

  private load(): Record<string, RatelimitRecord> {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, RatelimitRecord>;
    } catch {
      return {};
    }
  }

  async get(key: string): Promise<RatelimitRecord | undefined> {
    return this.load()[key];
  }

  async put(key: string, record: RatelimitRecord): Promise<void> {
    const all = this.load();
    all[key] = record;
    mkdirSync(join(this.spoolDirectory, 'db'), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(all));
    renameSync(tmp, this.file);
  }
}
