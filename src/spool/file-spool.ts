/**
 * Exim's spool on disk: `input/` (or `input/<c>/` with split_spool_directory, c being the 6th
 * character of the id), `msglog/` likewise, and `db/` for hints. Reception writes `<id>-D`
 * first (name line, then the body as it arrives), then `<id>-H` under a temporary name that is
 * renamed into place: the message exists once -H exists, as in Exim. commit() resolves only
 * when both files' data and the directory entries are on disk (fdatasync of each file, then a
 * group-committed fsync of the directory), so a 250 sent after it is never a lie.
 *
 * Crash leftovers are recognisable: a `hdr.<id>` temporary, or a -D without -H whose receiving
 * process (the pid inside the id) is gone. tidy() removes them.
 */
import { mkdir, open, readdir, readFile, rename, stat, unlink, appendFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { DirectorySyncer } from './dir-sync.js';
import { SpoolError } from './errors.js';
import { parseHeaderFile } from './header-file-read.js';
import { renderHeaderFile, type SpoolMessageContent } from './header-file-write.js';
import { MessageIdAllocator, wallClockMicros } from './id-allocator.js';
import { lockMessage, processAlive, type MessageLock } from './lock.js';
import { isMessageId, parseMessageId, spoolSubdirectory } from './message-id.js';
import type { PendingSpoolMessage, Spool, SpoolBodyWriter, SpoolMessage } from './types.js';

export interface FileSpoolOptions {
  readonly directory: string;
  /** Main option split_spool_directory. */
  readonly splitSpoolDirectory?: boolean;
  /** Main option localhost_number (affects new ids). */
  readonly localhostNumber?: number;
  /** Main option message_logs (default true): whether msglog files are written. */
  readonly messageLogs?: boolean;
  /** Mode of spool files; Exim uses 0640 (SPOOL_MODE). */
  readonly fileMode?: number;
  /** Skip every fsync (tests of logic only; never for real mail). */
  readonly noSync?: boolean;
  readonly syncer?: DirectorySyncer;
  readonly allocator?: MessageIdAllocator;
}

const DIR_MODE = 0o750;

export class FileSpool implements Spool {
  readonly directory: string;
  readonly syncer: DirectorySyncer;
  private readonly allocator: MessageIdAllocator;
  private readonly madeDirs = new Set<string>();
  /** Ids being received by this process (their -D exists without -H on purpose). */
  private readonly receiving = new Set<string>();

  constructor(private readonly opts: FileSpoolOptions) {
    this.directory = opts.directory;
    this.syncer = opts.syncer ?? new DirectorySyncer();
    this.allocator = opts.allocator ?? new MessageIdAllocator({ localhostNumber: opts.localhostNumber });
  }

  /** Creates input/, msglog/ and db/ if needed. */
  async init(): Promise<void> {
    for (const d of ['input', 'msglog', 'db']) await this.ensureDir(join(this.directory, d));
  }

  /** Directory of a message's input files (where new ones go). */
  inputDir(id: string): string {
    return this.opts.splitSpoolDirectory ? join(this.directory, 'input', spoolSubdirectory(id)) : join(this.directory, 'input');
  }

  msglogPath(id: string): string {
    const base = join(this.directory, 'msglog');
    return join(this.opts.splitSpoolDirectory ? join(base, spoolSubdirectory(id)) : base, id);
  }

  async begin(): Promise<PendingSpoolMessage> {
    for (let attempt = 0; ; attempt++) {
      const { id } = this.allocator.next();
      const dir = this.inputDir(id);
      await this.ensureDir(dir);
      try {
        const fh = await open(join(dir, `${id}-D`), 'wx', this.fileMode);
        this.receiving.add(id);
        return new PendingFileMessage(this, id, dir, fh);
      } catch (e) {
        // Only a leftover from an earlier process with our pid can collide; take another id.
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 5) throw e;
      }
    }
  }

  /** @internal Called by PendingFileMessage when the message is committed or abandoned. */
  finished(id: string): void {
    this.receiving.delete(id);
  }

  get fileMode(): number {
    return this.opts.fileMode ?? 0o640;
  }

  /** @internal */
  sync(): boolean {
    return !this.opts.noSync;
  }

  /** Where a message's -H currently is (the expected directory first, then the other layout). */
  async locate(id: string): Promise<string> {
    if (!isMessageId(id)) throw new SpoolError(`"${id}" is not a message id`);
    const flat = join(this.directory, 'input');
    const split = join(flat, spoolSubdirectory(id));
    for (const dir of this.opts.splitSpoolDirectory ? [split, flat] : [flat, split]) {
      if (await exists(join(dir, `${id}-H`))) return dir;
    }
    throw new SpoolError(`spool file ${id}-H not found`, 'ENOENT');
  }

  async read(id: string): Promise<SpoolMessage> {
    const dir = await this.locate(id);
    const file = join(dir, `${id}-H`);
    const parsed = parseHeaderFile(await readFile(file), file);
    if (parsed.id !== id) throw new SpoolError(`${file}: names message ${parsed.id}`);
    const st = await stat(join(dir, `${id}-D`)).catch(() => undefined);
    if (!st) throw new SpoolError(`spool file ${id}-D not found`, 'ENOENT');
    return { ...parsed, bodySize: st.size - (id.length + 3) };
  }

  async readBody(id: string): Promise<Buffer> {
    const dir = await this.locate(id);
    const data = await readFile(join(dir, `${id}-D`));
    const first = `${id}-D\n`;
    if (data.toString('latin1', 0, first.length) !== first) throw new SpoolError(`${id}-D: first line is not "${id}-D"`);
    return data.subarray(first.length);
  }

  /** Ids of the messages on the spool (those with a -H file), sorted. */
  async list(): Promise<string[]> {
    const ids: string[] = [];
    const input = join(this.directory, 'input');
    for (const e of await readdir(input, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory() && e.name.length === 1) {
        for (const f of await readdir(join(input, e.name)).catch(() => [])) addId(ids, f);
      } else addId(ids, e.name);
    }
    return ids.sort();
  }

  /** Deletes a message: -H first (it stops existing), then -D, -J, the lock and the msglog. */
  async remove(id: string): Promise<void> {
    const dir = await this.locate(id);
    await unlink(join(dir, `${id}-H`));
    for (const f of [`${id}-D`, `${id}-J`, `${id}-L`]) await unlinkIfThere(join(dir, f));
    await unlinkIfThere(this.msglogPath(id));
  }

  /**
   * Replaces a message's -H file after a delivery attempt (delivered addresses in the
   * non-recipients tree, warning count, frozen state): written to a temporary, made durable,
   * renamed over the old one, so a crash leaves either the old or the new file.
   */
  async rewriteHeader(message: SpoolMessage): Promise<void> {
    const dir = await this.locate(message.id);
    const { id, bodySize: _size, ...content } = message;
    const temp = join(dir, `hdr.${id}`);
    await unlinkIfThere(temp);
    await writeFileDurably(temp, renderHeaderFile(id, content), this.sync(), this.fileMode);
    await rename(temp, join(dir, `${id}-H`));
    if (this.sync()) await this.syncer.sync(dir);
  }

  /**
   * The delivery journal (-J): one line per address delivered, appended and made durable as
   * each delivery completes, before the -H file is rewritten. A delivery process that dies
   * between the two leaves the journal; the next attempt treats its addresses as delivered,
   * so nothing is delivered twice.
   */
  async appendJournal(id: string, addresses: readonly string[]): Promise<void> {
    if (addresses.length === 0) return;
    const dir = await this.locate(id);
    const fh = await open(join(dir, `${id}-J`), 'a', this.fileMode);
    try {
      await fh.write(addresses.map((a) => `${a}\n`).join(''));
      if (this.sync()) await fh.datasync();
    } finally {
      await fh.close();
    }
  }

  async readJournal(id: string): Promise<string[]> {
    const dir = await this.locate(id);
    const text = await readFile(join(dir, `${id}-J`), 'utf8').catch(() => '');
    return text.split('\n').filter((l) => l !== '');
  }

  async removeJournal(id: string): Promise<void> {
    await unlinkIfThere(join(await this.locate(id), `${id}-J`));
  }

  /** Locks a message for delivery (see lock.ts); throws SpoolError code LOCKED when taken. */
  async lock(id: string): Promise<MessageLock> {
    const dir = await this.locate(id);
    return lockMessage(id, join(dir, `${id}-L`));
  }

  /** Appends to the per-message log (creating it), unless message_logs is false. */
  async appendMessageLog(id: string, text: string | Buffer): Promise<void> {
    if (this.opts.messageLogs === false) return;
    const path = this.msglogPath(id);
    await this.ensureDir(join(path, '..'));
    await appendFile(path, text, { mode: this.fileMode });
  }

  /**
   * Removes crash leftovers: `hdr.*` temporaries and -D files without -H whose receiving
   * process is gone (the pid is part of the id; our own pid counts as gone unless this object
   * is receiving that id). Returns the ids whose partial files were removed.
   */
  async tidy(): Promise<string[]> {
    const removed: string[] = [];
    const input = join(this.directory, 'input');
    const dirs = [input];
    for (const e of await readdir(input, { withFileTypes: true }).catch(() => [])) if (e.isDirectory() && e.name.length === 1) dirs.push(join(input, e.name));
    for (const dir of dirs) {
      const names = new Set(await readdir(dir).catch(() => []));
      for (const name of names) {
        const id = name.startsWith('hdr.') ? name.slice(4) : name.endsWith('-D') ? name.slice(0, -2) : undefined;
        if (id === undefined || !isMessageId(id) || names.has(`${id}-H`) || this.isReceivingElsewhere(id)) continue;
        await unlinkIfThere(join(dir, name));
        if (!removed.includes(id)) removed.push(id);
      }
    }
    return removed;
  }

  private isReceivingElsewhere(id: string): boolean {
    if (this.receiving.has(id)) return true;
    const { pid } = parseMessageId(id);
    return pid !== process.pid && processAlive(pid);
  }

  /** @internal */
  async ensureDir(dir: string): Promise<void> {
    if (this.madeDirs.has(dir)) return;
    await mkdir(dir, { recursive: true, mode: DIR_MODE });
    this.madeDirs.add(dir);
  }
}

class PendingFileMessage implements PendingSpoolMessage {
  readonly body: FileBodyWriter;
  private done = false;

  constructor(
    private readonly spool: FileSpool,
    readonly id: string,
    private readonly dir: string,
    private readonly fh: FileHandle,
  ) {
    this.body = new FileBodyWriter(fh, Buffer.from(`${id}-D\n`, 'latin1'));
  }

  async commit(message: SpoolMessageContent): Promise<SpoolMessage> {
    if (this.done) throw new SpoolError(`message ${this.id} already committed or abandoned`);
    const content = withCompletionTime(message);
    const header = renderHeaderFile(this.id, content);
    const temp = join(this.dir, `hdr.${this.id}`);
    const final = join(this.dir, `${this.id}-H`);
    const sync = this.spool.sync();
    try {
      // -D and the -H temporary are made durable in parallel; -H appears only after both.
      const results = await Promise.allSettled([this.body.finish(sync), writeFileDurably(temp, header, sync, this.spool.fileMode)]);
      for (const r of results) if (r.status === 'rejected') throw r.reason;
      await rename(temp, final);
      if (sync) await this.spool.syncer.sync(this.dir);
    } catch (e) {
      await this.abandon();
      await unlinkIfThere(final);
      throw e;
    }
    this.done = true;
    this.spool.finished(this.id);
    return { ...content, id: this.id, bodySize: this.body.size };
  }

  async abandon(): Promise<void> {
    this.done = true;
    await this.fh.close().catch(() => undefined);
    await unlinkIfThere(join(this.dir, `hdr.${this.id}`));
    await unlinkIfThere(join(this.dir, `${this.id}-D`));
    this.spool.finished(this.id);
  }
}

class FileBodyWriter implements SpoolBodyWriter {
  private written = 0;
  private pending: Buffer[];
  private pendingBytes: number;
  private closed = false;

  constructor(
    private readonly fh: FileHandle,
    nameLine: Buffer,
  ) {
    this.pending = [nameLine];
    this.pendingBytes = nameLine.length;
  }

  get size(): number {
    return this.written;
  }

  /** Small chunks are gathered and written together (SMTP lines arrive one by one). */
  async write(chunk: Buffer): Promise<void> {
    if (this.closed) throw new SpoolError('body written after commit');
    this.written += chunk.length;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= 65536) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const data = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.fh.write(data, 0, data.length);
  }

  /** Writes what is left, makes it durable and closes the file. */
  async finish(sync: boolean): Promise<void> {
    this.closed = true;
    await this.flush();
    if (sync) await this.fh.datasync();
    await this.fh.close();
  }
}

function withCompletionTime(m: SpoolMessageContent): SpoolMessageContent {
  if (m.options.has('received_time_complete')) return m;
  const now = wallClockMicros();
  const opts = new Map(m.options);
  opts.set('received_time_complete', `${now / 1000000n}.${String(now % 1000000n).padStart(6, '0')}`);
  return { ...m, options: opts };
}

async function writeFileDurably(path: string, data: Buffer, sync: boolean, mode: number): Promise<void> {
  const fh = await open(path, 'wx', mode);
  try {
    await fh.write(data, 0, data.length);
    if (sync) await fh.datasync();
  } finally {
    await fh.close();
  }
}

function addId(ids: string[], name: string): void {
  if (name.endsWith('-H') && isMessageId(name.slice(0, -2))) ids.push(name.slice(0, -2));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function unlinkIfThere(path: string): Promise<void> {
  await unlink(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
}
