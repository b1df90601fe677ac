/** `mailwright -brt` end to end (argument parsing, -f, exit codes), against exim4's output in brt.json. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fixture = JSON.parse(readFileSync('test/fixtures/queue/brt.json', 'utf8')) as {
  head: string;
  configs: Record<string, string>;
  cases: { config: string; args: string[]; sender?: string; stdout: string; status: number }[];
};

test('mailwright -brt prints what exim4 -brt printed, with -f and without arguments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-brt-'));
  try {
    const conf = join(dir, 'patterns.conf');
    writeFileSync(conf, fixture.head + fixture.configs['patterns']!);
    const picks = fixture.cases.filter((c) => c.config === 'patterns' && (c.sender !== undefined || c.args.length !== 1 || c.args[0] === 'x.b.c'));
    assert.ok(picks.length >= 10);
    for (const c of picks) {
      const args = ['-C', conf, ...(c.sender !== undefined ? ['-f', c.sender] : []), '-brt', ...c.args];
      const r = spawnSync('bin/mailwright', args, { encoding: 'utf8', env: { ...process.env, MAILWRIGHT_FROM_SOURCE: '1' } });
      assert.equal(r.stdout, c.stdout, JSON.stringify(args));
      assert.equal(r.status, c.status, JSON.stringify(args));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
