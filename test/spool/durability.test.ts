import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FileSpool } from '../../src/spool/file-spool.js';
import { bodyOf } from './helpers/message.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'helpers', 'commit-child.ts');

interface Run {
  acked: Map<string, number>;
  finished: boolean;
}

/** Runs the child until it has acknowledged `killAfter` messages (then SIGKILL) or finished. */
function runChild(dir: string, count: number, killAfter: number, split: boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(count), '8'], {
      env: { ...process.env, SPLIT: split ? '1' : '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acked = new Map<string, number>();
    let finished = false;
    let buf = '';
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = /^250 (\S+) (\d+)$/.exec(line);
        if (m) acked.set(m[1]!, Number(m[2]));
        if (line === 'done') finished = true;
        if (acked.size === killAfter) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ acked, finished }));
  });
}

describe('durability under SIGKILL', () => {
  for (const split of [false, true]) {
    it(`every acknowledged message is complete after a kill at a random point${split ? ' (split spool)' : ''}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mw-spool-kill-'));
      try {
        const count = 400;
        const killAfter = 20 + Math.floor(Math.random() * 300);
        const run = await runChild(dir, count, killAfter, split);
        assert.equal(run.finished, false, 'the child was killed before it finished');
        assert.ok(run.acked.size >= killAfter);

        const spool = new FileSpool({ directory: dir, splitSpoolDirectory: split });
        const listed = new Set(await spool.list());
        for (const [id, n] of run.acked) {
          assert.ok(listed.has(id), `acknowledged ${id} is on the spool`);
          const m = await spool.read(id);
          assert.equal(m.sender, `sender${n}@example.com`);
          assert.deepEqual(m.recipients, [{ address: `rcpt${n}@example.org` }]);
          assert.equal(m.headers[0]!.text, `Subject: test ${n}\n`);
          assert.deepEqual(await spool.readBody(id), bodyOf(n));
        }
        // Messages that got their -H but whose 250 was not seen are complete too: -H appears
        // only after both files are written and synced.
        for (const id of listed) {
          const m = await spool.read(id);
          const n = Number(/^sender(\d+)@/.exec(m.sender)![1]);
          assert.deepEqual(await spool.readBody(id), bodyOf(n));
        }
        // What is left half-done is recognisable and goes away with tidy().
        const removed = await spool.tidy();
        for (const id of removed) assert.equal(listed.has(id), false);
        const leftovers = allFiles(join(dir, 'input')).filter((f) => {
          const id = f.replace(/^hdr\./, '').replace(/-[DH]$/, '');
          return !listed.has(id);
        });
        assert.deepEqual(leftovers, []);
        assert.deepEqual(new Set(await spool.list()), listed);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...allFiles(join(dir, e.name)));
    else out.push(e.name);
  }
  return out;
}
