/**
 * -bt / -bv / -bvs against exim4 4.96 output (test/fixtures/route/bt.json, made by
 * scripts/oracle/gen-route.mjs): the same configurations and files, the same arguments (or
 * stdin), byte-identical stdout and stderr (timestamps masked) and the same exit code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from '../../src/cli/args.js';
import { captureAddressTest } from './address-test-run.js';

interface Run {
  args: string[];
  stdin?: string;
  stdout: string;
  stderr: string;
  status: number;
}
interface Group {
  name: string;
  config: string;
  files: Record<string, string | { content: string; mode: number }>;
  runs: Run[];
}
const fixture = JSON.parse(readFileSync('test/fixtures/route/bt.json', 'utf8')) as { scratch: string; groups: Group[] };
const D = fixture.scratch;
const subst = (t: string): string => t.replaceAll('@D@', D);

function writeFiles(g: Group): string {
  rmSync(D, { recursive: true, force: true });
  mkdirSync(join(D, 'spool'), { recursive: true });
  for (const [rel, spec] of Object.entries(g.files)) {
    const path = join(D, rel);
    mkdirSync(dirname(path), { recursive: true });
    const { content, mode } = typeof spec === 'string' ? { content: spec, mode: 0o644 } : spec;
    writeFileSync(path, subst(content));
    chmodSync(path, mode);
  }
  const conf = join(D, `${g.name}.conf`);
  writeFileSync(conf, subst(g.config));
  return conf;
}

async function replay(conf: string, run: Run): Promise<{ stdout: string; stderr: string; status: number }> {
  const opts = parseArgs(['-C', conf, ...run.args]);
  const got = await captureAddressTest({ mode: opts.addressTest!, configFile: conf, verbose: opts.verbose, sender: opts.sender, operands: opts.operands }, run.stdin ?? '');
  return { ...got, stderr: got.stderr.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /gm, 'TIMESTAMP ') };
}

// One top-level test: the groups share the scratch directory, so they must not overlap.
test('-bt/-bv oracle', async (t) => {
  for (const group of fixture.groups) {
    await t.test(group.name, async (tg) => {
      const conf = writeFiles(group);
      for (const run of group.runs) {
        await tg.test(run.args.join(' ') + (run.stdin !== undefined ? ' <stdin' : ''), async () => {
          const got = await replay(conf, run);
          assert.equal(got.stdout, run.stdout);
          assert.equal(got.stderr, run.stderr);
          assert.equal(got.status, run.status);
        });
      }
    });
  }
});
