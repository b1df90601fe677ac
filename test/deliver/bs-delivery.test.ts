/**
 * -bs is a local submission: after the session the accepted messages are delivered as -od*
 * says (here -odi: before the command returns), unless -odq / queue_only keep them queued.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '../../bin/mailwright');

function setup(): { dir: string; conf: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mw-bs-deliver-'));
  const conf = join(dir, 'c.conf');
  writeFileSync(
    conf,
    [`primary_hostname = mw.example`, `spool_directory = ${dir}/spool`, `log_file_path = ${dir}/%slog`, 'keep_environment =', 'acl_smtp_rcpt = rcpt', 'begin acl', 'rcpt:', '  accept', 'begin routers', 'local:', '  driver = accept', '  local_parts = bob', '  transport = maildir', 'begin transports', 'maildir:', '  driver = appendfile', `  directory = ${dir}/mail/\${local_part_data}`, '  maildir_format', '  create_directory', ''].join('\n'),
  );
  return { dir, conf };
}

const session = 'HELO me\r\nMAIL FROM:<a@mw.example>\r\nRCPT TO:<bob@mw.example>\r\nDATA\r\nSubject: bs\r\n\r\nhi\r\n.\r\nQUIT\r\n';

function run(conf: string, flag: string) {
  return spawnSync(bin, ['-C', conf, '-bs', flag], { input: session, encoding: 'latin1', env: { ...process.env, MAILWRIGHT_FROM_SOURCE: '1' }, timeout: 60000 });
}

test('-bs -odi delivers the accepted message before returning', () => {
  const { dir, conf } = setup();
  const r = run(conf, '-odi');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /250 OK id=/);
  const box = join(dir, 'mail', 'bob', 'new');
  assert.equal(existsSync(box) ? readdirSync(box).length : 0, 1);
});

test('-bs -odq leaves it on the queue', () => {
  const { dir, conf } = setup();
  const r = run(conf, '-odq');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(existsSync(join(dir, 'mail')), false);
  assert.equal(readdirSync(join(dir, 'spool', 'input')).filter((f) => f.endsWith('-H')).length, 1);
});
