/**
 * -Mset with -be, replayed from exim4 4.96 (test/fixtures/queue-admin/mset.json): the same
 * expansions on the same spool files must print the same text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { createBeSession, runBeArgs } from '../../src/cli/be.js';
import { loadMessageForBe } from '../../src/cli/queue-admin/mset.js';
import { msetArgumentError } from '../../src/cli/queue-admin/mset-cli.js';

interface Step {
  args: string[];
  stdout: string;
  stderr: string;
  status: number;
}

const fixture = JSON.parse(readFileSync('test/fixtures/queue-admin/mset.json', 'utf8')) as { initial: Record<string, string>; steps: Step[] };

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('latin1') };
}

test('-Mset replays of exim4 4.96', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'mw-queue-admin-mset-'));
  const spool = join(root, 'spool');
  for (const [rel, content] of Object.entries(fixture.initial)) {
    mkdirSync(dirname(join(spool, rel)), { recursive: true });
    writeFileSync(join(spool, rel), Buffer.from(content, 'latin1'));
  }
  const conf = join(root, 'conf');
  writeFileSync(conf, `spool_directory = ${spool}\nprimary_hostname = mw.example\n`);
  try {
    for (const step of fixture.steps) {
      await t.test(step.args.join(' ').slice(0, 80), async () => {
        const at = step.args.indexOf('-Mset');
        const id = step.args[at + 1]!;
        const rest = step.args.filter((_, i) => i !== at && i !== at + 1);
        const mode = rest.includes('-be') ? 'be' : undefined;
        const argError = msetArgumentError(id, mode);
        if (argError !== undefined) {
          assert.equal(argError, step.stderr);
          assert.equal(step.status, 1);
          return;
        }
        const out = collector();
        let stdout = '';
        let stderr = '';
        const session = await loadMessageForBe(await createBeSession({ configFile: conf }), id, {
          spoolDirectory: spool,
          splitSpoolDirectory: false,
          bodyVisible: 500,
          bodyNewlines: false,
          out: (s) => (stdout += s),
          err: (s) => (stderr += s),
        });
        await runBeArgs(rest.filter((a) => a !== '-be'), session, out.stream);
        assert.equal(stdout + out.text(), step.stdout);
        const stamp = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /gm;
        assert.equal(stderr.replace(stamp, ''), step.stderr.replace(stamp, ''));
        assert.equal(step.status, 0);
      });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
