/**
 * Replays exim4 4.96's runs of the queue operator commands (scripts/oracle/gen-queue-admin.mjs,
 * test/fixtures/queue-admin/*.json) on a temporary spool holding the same files: each step
 * must give the same standard output and error, exit code, main-log lines and spool files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MemoryLogger } from '../../src/log/memory-logger.js';
import { runQueueCommand, type QueueAdminContext } from '../../src/cli/queue-admin/index.js';
import { stringToBytes } from '../../src/expand/operators/bytes.js';
import { lockMessage } from '../../src/spool/lock.js';

interface Step {
  args: string[];
  stdout: string;
  stderr: string;
  status: number;
  time: number;
  log: string[];
  changed: Record<string, string>;
  removed: string[];
}

interface Scenario {
  name: string;
  config: string;
  ids: string[];
  initial: Record<string, string>;
  /** Messages another process is delivering (their lock is held while the steps run). */
  locked?: string[];
  steps: Step[];
}

const FIXTURES = 'test/fixtures/queue-admin';
const SCENARIOS = ['listing', 'freeze', 'mark', 'add-recipients', 'edit-sender', 'view', 'remove', 'split', 'generated', 'damaged', 'locked'];

function load(name: string): Scenario {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Scenario;
}

function writeFiles(spool: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(spool, rel)), { recursive: true });
    writeFileSync(join(spool, rel), Buffer.from(content, 'latin1'));
  }
}

/** input/ and msglog/ files by relative path; Mailwright's lock files (`<id>-L`; Exim locks the -D instead) are left out. */
function snapshot(spool: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(join(spool, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else if (!e.name.endsWith('-L')) files[r] = readFileSync(join(spool, r), 'latin1');
    }
  };
  walk('input');
  walk('msglog');
  return files;
}

/** -bpr lists in directory order, which differs between file systems: compare as sets of entries. */
function normaliseOrder(args: string[], stdout: string): string {
  if (!args[0]!.startsWith('-bpr') || args.length > 1) return stdout;
  return stdout.split(/\n\n/).sort().join('\n\n');
}

for (const name of SCENARIOS) {
  test(`exim4 replay: ${name}`, async (t) => {
    const scenario = load(name);
    const root = mkdtempSync(join(tmpdir(), 'mw-queue-admin-'));
    const spool = join(root, 'spool');
    writeFiles(spool, scenario.initial);
    let expectedFiles = { ...scenario.initial };
    const locks = await Promise.all((scenario.locked ?? []).map((id) => lockMessage(id, join(spool, 'input', `${id}-L`))));
    try {
      for (const step of scenario.steps) {
        await t.test(step.args.join(' '), async () => {
          const log = new MemoryLogger();
          const out: Buffer[] = [];
          let err = '';
          const ctx: QueueAdminContext = {
            spoolDirectory: spool,
            splitSpoolDirectory: scenario.config.includes('split_spool_directory = true'),
            messageLogs: true,
            log,
            caller: { uid: 0, login: 'root', admin: true },
            now: () => step.time,
            out: (d) => void out.push(typeof d === 'string' ? stringToBytes(d) : d),
          };
          const status = await runQueueCommand({ ctx, listRequiresAdmin: true, err: (s) => (err += s) }, step.args[0]!, step.args.slice(1));
          const stdout = Buffer.concat(out).toString('latin1');
          assert.equal(normaliseOrder(step.args, stdout), normaliseOrder(step.args, step.stdout), 'stdout');
          assert.equal(err, step.stderr, 'stderr');
          assert.equal(status, step.status, 'exit code');
          assert.deepEqual(log.lines('main'), step.log, 'main log');
          expectedFiles = { ...expectedFiles, ...step.changed };
          for (const r of step.removed) delete expectedFiles[r];
          assert.deepEqual(snapshot(spool), expectedFiles, 'spool files');
        });
      }
    } finally {
      for (const l of locks) await l.release();
      rmSync(root, { recursive: true, force: true });
    }
  });
}
