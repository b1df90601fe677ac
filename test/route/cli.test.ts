/** The mailwright command dispatches -bt / -bv to the address tester (one real process each). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'mw-route-cli-'));
const conf = join(dir, 'test.conf');
writeFileSync(
  conf,
  `primary_hostname = test.ex
qualify_domain = test.ex
spool_directory = ${dir}/spool
begin routers
r0:
  driver = redirect
  local_parts = alias
  data = a, nob
r1:
  driver = accept
  local_parts = ! nob
  transport = t1
begin transports
t1:
  driver = appendfile
  file = ${dir}/mbox
`,
);

function mailwright(args: string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '-C', conf, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

test('mailwright -bt prints routing and exits 2 when an address fails', () => {
  const r = mailwright(['-bt', 'alias@test.ex']);
  assert.equal(r.stdout, 'nob@test.ex is undeliverable: Unrouteable address\n    <-- alias@test.ex\na@test.ex\n    <-- alias@test.ex\n  router = r1, transport = t1\n');
  assert.equal(r.status, 2);
});

test('mailwright -bv reads addresses from stdin with prompts', () => {
  const r = mailwright(['-bv'], 'x@test.ex\n');
  assert.equal(r.stdout, '> x@test.ex verified\n> \n');
  assert.equal(r.status, 0);
});
