/**
 * The queue operator commands through the real command line (bin/mailwright from source): the
 * argument parser, the configuration (spool_directory, log_file_path) and the main log file.
 * The spool holds an exim4-written message (from test/fixtures/queue-admin/freeze.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from '../../src/cli/args.js';
import { extractOperatorAddress } from '../../src/cli/queue-admin/address.js';

const fixture = JSON.parse(readFileSync('test/fixtures/queue-admin/freeze.json', 'utf8')) as { ids: string[]; initial: Record<string, string> };

function mailwright(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync('bin/mailwright', args, { encoding: 'latin1', env: { ...process.env, MAILWRIGHT_FROM_SOURCE: '1' } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

test('mailwright -bpc / -Mf / -bp / -Mrm on a spool, with main log lines', () => {
  const root = mkdtempSync(join(tmpdir(), 'mw-queue-admin-cli-'));
  try {
    const spool = join(root, 'spool');
    for (const [rel, content] of Object.entries(fixture.initial)) {
      mkdirSync(dirname(join(spool, rel)), { recursive: true });
      writeFileSync(join(spool, rel), Buffer.from(content, 'latin1'));
    }
    mkdirSync(join(root, 'log'));
    const conf = join(root, 'conf');
    writeFileSync(conf, `spool_directory = ${spool}\nlog_file_path = ${root}/log/%slog\nprimary_hostname = mw.example\n`);
    const [a, b] = fixture.ids as [string, string];
    assert.deepEqual(mailwright(['-C', conf, '-bpc']), { stdout: '2\n', stderr: '', status: 0 });
    assert.deepEqual(mailwright(['-C', conf, '-Mf', a]), { stdout: `Message ${a} is now frozen\n`, stderr: '', status: 0 });
    const listing = mailwright(['-C', conf, '-bp', a]);
    assert.match(listing.stdout, new RegExp(`^ *\\d+[mhd]   275 ${a} <sender@x\\.example> \\*\\*\\* frozen \\*\\*\\*\\n`));
    assert.deepEqual(mailwright(['-C', conf, '-Mrm', b]), { stdout: `Message ${b} has been removed\n`, stderr: '', status: 0 });
    assert.deepEqual(mailwright(['-C', conf, '-Mf']), { stdout: '', stderr: 'exim: no message ids given after -Mf option\n', status: 1 });
    const log = readFileSync(join(root, 'log', 'mainlog'), 'utf8').replace(/^\S+ \S+ /gm, '');
    const me = userInfo().username;
    assert.equal(log, `${a} frozen by ${me}\n${b} removed by ${me}\n${b} Completed\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('argument parsing: queue flags keep their operands; -Mset takes the message id', () => {
  const o = parseArgs(['-C', '/x', '-Mar', '1xVZYp-0004qc-03', 'a@b.example', 'c@d.example']);
  assert.equal(o.queueAdmin, '-Mar');
  assert.deepEqual(o.operands, ['1xVZYp-0004qc-03', 'a@b.example', 'c@d.example']);
  assert.equal(parseArgs(['-bpra']).queueAdmin, '-bpra');
  const m = parseArgs(['-be', '-Mset', '1xVZYp-0004qc-03', '$message_size']);
  assert.equal(m.mode, 'be');
  assert.equal(m.msetId, '1xVZYp-0004qc-03');
  assert.deepEqual(m.operands, ['$message_size']);
});

test('operator addresses: exim4 4.96 texts for -Mar/-Mes/-Mmd arguments', () => {
  assert.deepEqual(extractOperatorAddress('Rob <r@s.example>', false), { ok: true, address: 'r@s.example', hasDomain: true });
  assert.deepEqual(extractOperatorAddress('bob', false), { ok: true, address: 'bob', hasDomain: false });
  assert.deepEqual(extractOperatorAddress('<>', true), { ok: true, address: '', hasDomain: false });
  assert.deepEqual(extractOperatorAddress('<>', false), { ok: false, error: 'missing or malformed local part' });
  assert.deepEqual(extractOperatorAddress('bad address', false), { ok: false, error: 'missing or malformed local part (expected word or "<")' });
  assert.deepEqual(extractOperatorAddress('a@b>', false), { ok: false, error: 'malformed address: > may not follow a@b' });
});
