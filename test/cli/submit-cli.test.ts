/**
 * The command itself: bin/mailwright (from the sources) receiving on stdin, and the same script
 * called through links named sendmail and mailq.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/mailwright', import.meta.url));

function run(cmd: string, args: string[], stdin: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, MAILWRIGHT_FROM_SOURCE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('latin1')));
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

test('bin/mailwright as sendmail: -t message queued with -odq, listed by mailq', { timeout: 120000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-submit-cli-'));
  try {
    const conf = join(dir, 'conf');
    writeFileSync(conf, `spool_directory = ${dir}/spool\nlog_file_path = ${dir}/%slog\nkeep_environment =\nprimary_hostname = mw.example\nexim_user = root\nexim_group = root\n`);
    symlinkSync(BIN, join(dir, 'sendmail'));
    symlinkSync(BIN, join(dir, 'mailq'));
    const sent = await run(join(dir, 'sendmail'), ['-C', conf, '-odq', '-oi', '-t', '-f', 'me@x.example'], 'To: you@y.example\nSubject: via sendmail\n\nline\n.\nstill body\n');
    assert.equal(sent.status, 0, sent.stderr);
    const ids = readdirSync(join(dir, 'spool', 'input')).filter((f) => f.endsWith('-H'));
    assert.equal(ids.length, 1);
    const body = readFileSync(join(dir, 'spool', 'input', ids[0]!.replace(/-H$/, '-D')), 'latin1');
    assert.match(body, /\nline\n\.\nstill body\n$/);
    assert.match(readFileSync(join(dir, 'mainlog'), 'latin1'), / <= me@x\.example U=\S+ P=local S=\d+\n/);
    const listed = await run(join(dir, 'mailq'), ['-C', conf], '');
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /<me@x\.example>\n\s+you@y\.example\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bin/mailwright -bm with -oep: a bad recipient is reported on stderr with status 1', { timeout: 60000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-submit-cli-'));
  try {
    const conf = join(dir, 'conf');
    writeFileSync(conf, `spool_directory = ${dir}/spool\nlog_file_path = ${dir}/%slog\nkeep_environment =\nprimary_hostname = mw.example\n`);
    const r = await run(BIN, ['-C', conf, '-bm', '-oep', '-odq', 'a@'], 'Subject: x\n\nbody\n');
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'exim: bad recipient address "a@": domain missing or malformed\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bin/mailwright -odi: the message is delivered before the command returns', { timeout: 120000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-submit-cli-'));
  try {
    const conf = join(dir, 'conf');
    writeFileSync(conf, `spool_directory = ${dir}/spool\nlog_file_path = ${dir}/%slog\nkeep_environment =\nprimary_hostname = mw.example\nexim_user = root\nexim_group = root\nbegin routers\nbh:\n  driver = redirect\n  data = :blackhole:\n`);
    const r = await run(BIN, ['-C', conf, '-odi', '-f', 's@x.example', 'rcpt'], 'Subject: x\n\nbody\n');
    assert.equal(r.status, 0, r.stderr);
    const log = readFileSync(join(dir, 'mainlog'), 'latin1');
    assert.match(log, / <= s@x\.example U=\S+ P=local S=\d+\n.* => :blackhole: <rcpt@mw\.example> R=bh\n.* Completed\n$/);
    assert.deepEqual(readdirSync(join(dir, 'spool', 'input')).filter((f) => f.endsWith('-H')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
