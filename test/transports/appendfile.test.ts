/** appendfile beyond the oracle scenarios: locking against other writers, quotas, redirect paths. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { untainted } from '../../src/expand/types.js';
import { address, configText, context, deliverOne, spoolMessage, STANDARD_BODY, STANDARD_HEADERS, tempDir, transport } from './helpers.js';

const msg = () => spoolMessage(STANDARD_HEADERS, STANDARD_BODY);

test('mbox: waits for a lock file held by another process, then appends after its message', async () => {
  const dir = tempDir();
  const mbox = join(dir, 'mbox');
  // Another writer: takes <mbox>.lock, appends its message slowly, removes the lock.
  const script = `const fs=require('fs');fs.writeFileSync(${JSON.stringify(`${mbox}.lock`)},'');process.stdout.write('locked\\n');
setTimeout(()=>{fs.appendFileSync(${JSON.stringify(mbox)},'From other@x Mon Jan  1 00:00:00 2024\\nSubject: other\\n\\nother body\\n\\n');fs.unlinkSync(${JSON.stringify(`${mbox}.lock`)});},1500);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const config = configText(`t:\n  driver = appendfile\n  file = ${mbox}\n  lock_interval = 1s\n  lock_retries = 5`);
  const started = Date.now();
  const r = await deliverOne(config, 't', context(config, msg()), address('u@example.com'));
  assert.equal(r.status, 'ok');
  assert.ok(Date.now() - started >= 900, 'delivery waited for the lock');
  const text = readFileSync(mbox, 'latin1');
  assert.ok(text.startsWith('From other@x'), 'the other writer went first');
  assert.match(text, /\n\nFrom sender@example\.org \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\nSubject: hi\n/);
  assert.equal(existsSync(`${mbox}.lock`), false);
});

test('mbox: concurrent deliveries do not interleave', async () => {
  const dir = tempDir();
  const mbox = join(dir, 'mbox');
  const config = configText(`t:\n  driver = appendfile\n  file = ${mbox}\n  lock_interval = 0s\n  lock_retries = 1000`);
  const big = 'line of body text\n'.repeat(5000);
  const results = await Promise.all(
    Array.from({ length: 6 }, (_, i) => deliverOne(config, 't', context(config, spoolMessage([...STANDARD_HEADERS, `X-N: ${i}`], big)), address('u@example.com'))),
  );
  assert.ok(results.every((r) => r.status === 'ok'));
  const messages = readFileSync(mbox, 'latin1').split(/^(?=From sender@example\.org )/m);
  assert.equal(messages.length, 6);
  for (const m of messages) assert.equal(m.slice(m.indexOf('\n\n') + 2), `${big}\n`);
  assert.deepEqual(messages.map((m) => /X-N: (\d)/.exec(m)![1]).sort(), ['0', '1', '2', '3', '4', '5']);
});

test('mbox: a lock file older than lockfile_timeout is removed; a fresh one makes delivery defer', async () => {
  const dir = tempDir();
  const mbox = join(dir, 'mbox');
  writeFileSync(`${mbox}.lock`, '');
  const config = configText(`t:\n  driver = appendfile\n  file = ${mbox}\n  lock_interval = 0s\n  lock_retries = 2\n  lockfile_timeout = 1h`);
  const r = await deliverOne(config, 't', context(config, msg()), address('u@example.com'));
  assert.deepEqual([r.status, r.message], ['defer', `failed to lock mailbox ${mbox} (lock file)`]);
  const old = Date.now() / 1000 - 7200;
  utimesSync(`${mbox}.lock`, old, old);
  const r2 = await deliverOne(config, 't', context(config, msg()), address('u@example.com'));
  assert.equal(r2.status, 'ok');
});

test('mbox: symlinks, wrong mode, wider mode narrowed', async () => {
  const dir = tempDir();
  const real = join(dir, 'real');
  writeFileSync(real, '', { mode: 0o600 });
  const link = join(dir, 'link');
  (await import('node:fs')).symlinkSync(real, link);
  let config = configText(`t:\n  driver = appendfile\n  file = ${link}`);
  let r = await deliverOne(config, 't', context(config, msg()), address('u@example.com'));
  assert.deepEqual([r.status, r.message], ['defer', `mailbox ${link} is a symbolic link`]);
  config = configText(`t:\n  driver = appendfile\n  file = ${link}\n  allow_symlink`);
  r = await deliverOne(config, 't', context(config, msg()), address('u@example.com'));
  assert.equal(r.status, 'ok');
  const narrow = join(dir, 'narrow');
  writeFileSync(narrow, '', { mode: 0o400 });
  (await import('node:fs')).chmodSync(narrow, 0o400);
  config = configText(`t:\n  driver = appendfile\n  file = ${narrow}\n  mode = 0600`);
  r = await deliverOne(config, 't', context(config, msg()), address('u@example.com'));
  assert.equal(r.status, 'defer');
  assert.match(r.message!, /has the wrong mode/);
  const wide = join(dir, 'wide');
  writeFileSync(wide, '');
  (await import('node:fs')).chmodSync(wide, 0o666);
  config = configText(`t:\n  driver = appendfile\n  file = ${wide}`);
  r = await deliverOne(config, 't', context(config, msg()), address('u@example.com'));
  assert.equal(r.status, 'ok');
  assert.equal((await import('node:fs')).statSync(wide).mode & 0o777, 0o600);
});

test('maildir: maildirsize keeps the running total and the quota defers with error "quota"', async () => {
  const dir = tempDir();
  const config = configText(`t:\n  driver = appendfile\n  directory = ${dir}/Maildir\n  maildir_format\n  maildir_use_size_file\n  quota = 200`);
  const sizes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await deliverOne(config, 't', context(config, msg()), address('u@example.com'));
    if (r.status !== 'ok') {
      assert.equal(r.status, 'defer');
      assert.equal(r.error, 'quota');
      assert.equal(r.errno, -22);
      assert.match(r.message!, /^mailbox is full \(MTA-imposed quota exceeded while writing to tmp\/\d+\.M\d+P\d+\.mail\.example\.com\)$/);
      break;
    }
    sizes.push(readFileSync(join(dir, 'Maildir/new', readdirSync(join(dir, 'Maildir/new')).sort().at(-1)!)).length);
  }
  assert.ok(sizes.length >= 1 && sizes.length < 3);
  const lines = readFileSync(join(dir, 'Maildir/maildirsize'), 'latin1').trimEnd().split('\n');
  assert.deepEqual(lines, ['200S,0C', '0 0', ...sizes.map((s) => `${s} 1`)]);
  assert.deepEqual(readdirSync(join(dir, 'Maildir/tmp')), []);
});

test('directory delivery: quota_size_regex reads sizes from names; quota_is_inclusive = false lets the last one in', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'box'));
  writeFileSync(join(dir, 'box', 'old,S=950'), 'x');
  const strict = configText(`t:\n  driver = appendfile\n  directory = ${dir}/box\n  quota = 1000\n  quota_size_regex = ,S=(\\d+)`);
  const r = await deliverOne(strict, 't', context(strict, msg()), address('u@example.com'));
  assert.deepEqual([r.status, r.error], ['defer', 'quota']);
  const loose = configText(`t:\n  driver = appendfile\n  directory = ${dir}/box\n  quota = 1000\n  quota_size_regex = ,S=(\\d+)\n  quota_is_inclusive = false`);
  const r2 = await deliverOne(loose, 't', context(loose, msg()), address('u@example.com'));
  assert.equal(r2.status, 'ok');
  assert.equal(readdirSync(join(dir, 'box')).filter((n) => /^q[0-9A-Za-z]+-\d+$/.test(n)).length, 1);
});

test('a redirect-generated file address is the path when file is unset; a trailing / means a directory', async () => {
  const dir = tempDir();
  const config = configText('address_file:\n  driver = appendfile');
  const parent = address('u@example.com');
  const fileAddr = address(`${dir}/saved`, { special: 'file', parent });
  assert.equal((await deliverOne(config, 'address_file', context(config, msg()), fileAddr)).status, 'ok');
  assert.match(readFileSync(join(dir, 'saved'), 'latin1'), /^From sender@example\.org /);
  const dirAddr = address(`${dir}/folder/`, { special: 'directory', parent });
  assert.equal((await deliverOne(config, 'address_file', context(config, msg()), dirAddr)).status, 'ok');
  assert.equal(readdirSync(join(dir, 'folder')).length, 1);
});

test('create_file = belowhome refuses paths outside the home directory; message_size_limit fails big messages', async () => {
  const home = tempDir();
  const config = configText(`t:\n  driver = appendfile\n  file = ${home}/../elsewhere\n  create_file = belowhome`);
  const a = address('u@example.com', { home });
  const r = await deliverOne(config, 't', context(config, msg()), a);
  assert.equal(r.status, 'defer');
  const limited = configText(`t:\n  driver = appendfile\n  file = ${home}/mbox\n  message_size_limit = 10`);
  const r2 = await deliverOne(limited, 't', context(limited, msg()), address('u@example.com'));
  assert.equal(r2.status, 'fail');
});

test('batch: one mbox write for all addresses, Envelope-to lists each, BSMTP has one RCPT per address', async () => {
  const dir = tempDir();
  const config = configText(`t:\n  driver = appendfile\n  file = ${dir}/bsmtp\n  use_bsmtp\n  envelope_to_add\n  batch_max = 10`);
  const addrs = ['a@example.com', 'b@example.com'].map((x) => address(x));
  const run = await transport(config, 't').deliver(addrs, context(config, msg()));
  assert.deepEqual([...run.results.values()].map((r) => r.status), ['ok', 'ok']);
  const text = readFileSync(join(dir, 'bsmtp'), 'latin1');
  assert.match(text, /^MAIL FROM:<sender@example\.org>\nRCPT TO:<a@example\.com>\nRCPT TO:<b@example\.com>\nDATA\nEnvelope-to: a@example\.com,\n b@example\.com\n/);
  assert.ok(text.endsWith('\n.\n'));
  void untainted;
});
