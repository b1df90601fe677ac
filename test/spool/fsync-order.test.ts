// Proves the order of system calls behind each 250: the -D file and the -H temporary are
// fdatasync'ed, then -H is renamed into place, then the directory is fsync'ed by a call that
// started after that rename, and only then is the 250 written. Runs the commit child under
// strace; skipped where strace is missing or not permitted.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'helpers', 'commit-child.ts');

interface Call {
  name: string;
  args: string;
  result: number;
  start: number;
  end: number;
}

/** Joins strace's "<unfinished ...>" / "<... resumed>" halves; start/end are line indexes. */
function parseStrace(text: string): Call[] {
  const calls: Call[] = [];
  const open = new Map<string, { text: string; start: number }>();
  text.split('\n').forEach((line, i) => {
    const m = /^(\d+)\s+(.*)$/.exec(line);
    if (!m) return;
    const [, tid, rest] = m as unknown as [string, string, string];
    let full: string;
    let start = i;
    if (rest.endsWith('<unfinished ...>')) {
      open.set(tid, { text: rest.slice(0, -'<unfinished ...>'.length).trimEnd(), start: i });
      return;
    }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(rest);
    if (resumed) {
      const o = open.get(tid);
      if (!o) return;
      open.delete(tid);
      full = o.text + resumed[1];
      start = o.start;
    } else full = rest;
    const c = /^(\w+)\((.*)\)\s+= (-?\d+)/.exec(full);
    if (c) calls.push({ name: c[1]!, args: c[2]!, result: Number(c[3]), start, end: i });
  });
  return calls;
}

const straceWorks = spawnSync('strace', ['-qq', '-e', 'trace=none', 'true']).status === 0;

describe('fsync ordering before 250', { skip: straceWorks ? false : 'strace not available' }, () => {
  it('every 250 follows fdatasync of both files, the rename, and a later directory fsync', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-spool-strace-'));
    const log = join(dir, 'strace.log');
    try {
      const r = spawnSync('strace', ['-f', '-qq', '-o', log, '-e', 'trace=openat,close,fdatasync,fsync,rename,write', process.execPath, '--import', 'tsx', CHILD, join(dir, 'spool'), '40', '8'], { encoding: 'latin1' });
      assert.equal(r.status, 0, r.stderr);
      const calls = parseStrace(readFileSync(log, 'latin1'));
      // Replay in time order: a descriptor is forgotten when its close() starts (it may be
      // reused before strace prints the close's end), learned when an openat() ends, and read
      // when an fsync/fdatasync starts.
      const events = calls.flatMap((c) => [
        { at: c.start, phase: 'start' as const, c },
        { at: c.end, phase: 'end' as const, c },
      ]);
      events.sort((a, b) => a.at - b.at || (a.phase === 'start' ? -1 : 1));
      const fdPath = new Map<number, string>();
      const pathAtStart = new Map<Call, string>();
      for (const { phase, c } of events) {
        if (phase === 'start' && c.name === 'close') fdPath.delete(Number(c.args));
        if (phase === 'start' && (c.name === 'fsync' || c.name === 'fdatasync')) pathAtStart.set(c, fdPath.get(Number(c.args)) ?? '?');
        const path = /^(?:AT_FDCWD, )?"([^"]*)"/.exec(c.args)?.[1];
        if (phase === 'end' && c.name === 'openat' && c.result >= 0 && path) fdPath.set(c.result, path);
      }
      const syncedAt = new Map<string, number>(); // path -> end index of its fdatasync
      const renamedAt = new Map<string, Call>(); // final -H path -> rename call
      const dirSyncs: Array<{ path: string; start: number; end: number }> = [];
      const acks: Array<{ id: string; start: number }> = [];
      for (const c of calls) {
        if (c.name === 'fdatasync' && c.result === 0) syncedAt.set(pathAtStart.get(c)!, c.end);
        else if (c.name === 'fsync' && c.result === 0) dirSyncs.push({ path: pathAtStart.get(c)!, start: c.start, end: c.end });
        else if (c.name === 'rename' && c.result === 0) renamedAt.set(/, "([^"]*)"$/.exec(c.args)![1]!, c);
        else if (c.name === 'write' && c.args.startsWith('1, "250 ')) acks.push({ id: /^1, "250 (\S+)/.exec(c.args)![1]!, start: c.start });
      }
      assert.equal(acks.length, 40);
      const input = join(dir, 'spool', 'input');
      for (const ack of acks) {
        const rename = renamedAt.get(join(input, `${ack.id}-H`));
        assert.ok(rename, `rename of ${ack.id}-H`);
        assert.ok(rename.args.startsWith(`"${join(input, `hdr.${ack.id}`)}"`), rename.args);
        const dSync = syncedAt.get(join(input, `${ack.id}-D`));
        const hSync = syncedAt.get(join(input, `hdr.${ack.id}`));
        assert.ok(dSync !== undefined && dSync < rename.start, `-D synced before rename (${ack.id})`);
        assert.ok(hSync !== undefined && hSync < rename.start, `-H synced before rename (${ack.id})`);
        assert.ok(
          dirSyncs.some((s) => s.path === input && s.start > rename.end && s.end < ack.start),
          `directory fsync after the rename and before the 250 (${ack.id})`,
        );
      }
      // Group commit: fewer directory fsyncs than messages.
      assert.ok(dirSyncs.filter((s) => s.path === input).length < acks.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
