/**
 * The hints databases (Exim's db/ directory) kept in one LMDB environment,
 * `<spool_directory>/db/hints.lmdb`, with one named sub-database per table.
 *
 * LMDB is copy-on-write with a single writer lock shared across processes, so concurrent
 * delivery processes may read and write it at once, and a crash mid-write leaves the last
 * committed state intact. Values are stored as JSON (records are small and this keeps them
 * readable with any LMDB tool). Writes go through lmdb-js's batched transactions, which are
 * synced to disk before their promise resolves.
 *
 * MemoryHints is the same interface over Maps, for tests and for `-brt`-like tools that
 * must not touch the spool.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import { HintsError, type HintsDb, type HintsRecord, type HintsTable, type HintsTableName } from './types.js';

/** Where the environment lives under the spool directory. */
export function hintsPath(spoolDirectory: string): string {
  return join(spoolDirectory, 'db', 'hints.lmdb');
}

class LmdbTable implements HintsTable {
  constructor(
    private readonly root: RootDatabase,
    private readonly db: Database<HintsRecord, string>,
  ) {}

  get<T extends HintsRecord>(key: string): T | undefined {
    // lmdb-js keeps a read snapshot open; renew it so writes by other processes are seen.
    this.root.resetReadTxn();
    return this.db.get(key) as T | undefined;
  }

  async put(key: string, value: HintsRecord): Promise<void> {
    await this.db.put(key, value);
  }

  async delete(key: string): Promise<void> {
    await this.db.remove(key);
  }

  keys(): Iterable<string> {
    this.root.resetReadTxn();
    return this.db.getKeys() as Iterable<string>;
  }
}

class LmdbHints implements HintsDb {
  private readonly tables = new Map<string, LmdbTable>();

  constructor(private readonly root: RootDatabase) {}

  table(name: HintsTableName): HintsTable {
    let t = this.tables.get(name);
    if (!t) {
      t = new LmdbTable(this.root, this.root.openDB<HintsRecord, string>({ name, encoding: 'json' }));
      this.tables.set(name, t);
    }
    return t;
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}

/**
 * Opens (creating when needed) the hints store of a spool directory. One handle per process is
 * enough; LMDB coordinates processes itself.
 */
export function openHints(spoolDirectory: string): HintsDb {
  const path = hintsPath(spoolDirectory);
  try {
    mkdirSync(join(spoolDirectory, 'db'), { recursive: true, mode: 0o750 });
    // maxDbs: the fixed tables plus a wait-<transport> table for each smtp transport.
    const root = open<HintsRecord, string>({ path, maxDbs: 64, encoding: 'json', noSync: false });
    return new LmdbHints(root);
  } catch (err) {
    throw new HintsError(`failed to open hints database ${path}: ${(err as Error).message}`);
  }
}

class MemoryTable implements HintsTable {
  private readonly rows = new Map<string, HintsRecord>();

  get<T extends HintsRecord>(key: string): T | undefined {
    const v = this.rows.get(key);
    // A copy, so callers cannot change the stored record behind the store's back (as with LMDB).
    return v === undefined ? undefined : (structuredClone(v) as T);
  }

  async put(key: string, value: HintsRecord): Promise<void> {
    this.rows.set(key, structuredClone(value));
  }

  async delete(key: string): Promise<void> {
    this.rows.delete(key);
  }

  keys(): Iterable<string> {
    return [...this.rows.keys()].sort();
  }
}

/** In-memory hints (tests, tools that must not write the spool). */
export class MemoryHints implements HintsDb {
  private readonly tables = new Map<string, MemoryTable>();

  table(name: HintsTableName): HintsTable {
    let t = this.tables.get(name);
    if (!t) {
      t = new MemoryTable();
      this.tables.set(name, t);
    }
    return t;
  }

  async close(): Promise<void> {}
}
