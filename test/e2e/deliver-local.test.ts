/**
 * End to end: a message received by the daemon is delivered at once — to a maildir through
 * appendfile, to a pipe through a redirect — with Exim's log lines; a message for an unknown
 * user comes back to the sender as a bounce; -q delivers what queue_only kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, run, waitFor } from './helpers/daemon.js';
import { SmtpClient } from './helpers/smtp-client.js';

const repoRoot = join(import.meta.dirname, '../..');

function config(dir: string, extraMain = ''): string {
  return [
    `primary_hostname = mail.test.example`,
    `qualify_domain = test.example`,
    `spool_directory = ${dir}/spool`,
    `log_file_path = ${dir}/%slog`,
    `keep_environment =`,
    `acl_smtp_rcpt = acl_rcpt`,
    extraMain,
    `begin acl`,
    `acl_rcpt:`,
    `  accept domains = test.example`,
    `  deny message = relay not permitted`,
    `begin routers`,
    `piped:`,
    `  driver = redirect`,
    `  local_parts = piped`,
    `  data = |/bin/sh -c 'cat > ${dir}/piped.out'`,
    `  pipe_transport = address_pipe`,
    `local_user:`,
    `  driver = accept`,
    `  local_parts = alice : bob : sender`,
    `  transport = maildir`,
    `begin transports`,
    `maildir:`,
    `  driver = appendfile`,
    `  directory = ${dir}/mail/$local_part_data`,
    `  maildir_format`,
    `  create_directory`,
    `  delivery_date_add`,
    `  envelope_to_add`,
    `  return_path_add`,
    `address_pipe:`,
    `  driver = pipe`,
    `  return_output`,
    `begin retry`,
    `* * F,1h,10m`,
    '',
  ].join('\n');
}

async function send(port: number, from: string, to: string[], body = 'Subject: hello\r\n\r\nhi there\r\n'): Promise<string> {
  const c = await SmtpClient.connect(port);
  await c.reply();
  await c.command('EHLO client.example');
  await c.command(`MAIL FROM:<${from}>`);
  for (const r of to) await c.command(`RCPT TO:<${r}>`);
  await c.command('DATA');
  const reply = await c.command(`${body}.`);
  await c.command('QUIT');
  return reply;
}

function maildirFiles(dir: string, user: string): string[] {
  const d = join(dir, 'mail', user, 'new');
  return existsSync(d) ? readdirSync(d).map((f) => readFileSync(join(d, f), 'utf8')) : [];
}

test('the daemon delivers at once: maildir and pipe, => lines, Completed', async (t) => {
  const d = await startDaemon((dir) => config(dir));
  t.after(() => d.stop());
  mkdirSync(join(d.dir, 'mail'), { recursive: true });
  const reply = await send(d.port, 'sender@test.example', ['alice@test.example', 'piped@test.example']);
  const id = /id=(\S+)/.exec(reply)![1]!;
  await waitFor(() => d.mainLog().includes(`${id} Completed`), 20000, 'delivery');
  const alice = maildirFiles(d.dir, 'alice');
  assert.equal(alice.length, 1);
  assert.match(alice[0]!, /^Return-path: <sender@test.example>\nEnvelope-to: alice@test.example\nDelivery-date: /);
  assert.match(alice[0]!, /\nSubject: hello\n\nhi there\n$/);
  // The pipe transport's default framing, as Exim's: a From_ line first and a blank line last.
  assert.match(readFileSync(join(d.dir, 'piped.out'), 'utf8'), /^From sender@test\.example \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n[^]*\nSubject: hello\n\nhi there\n\n$/);
  const lines = d.mainLog().split('\n').filter((l) => l.includes(` ${id} `)).map((l) => l.replace(/^\S+ \S+ \S+ /, ''));
  assert.deepEqual(lines.slice(1), [
    `=> alice <alice@test.example> R=local_user T=maildir`,
    `=> |/bin/sh -c 'cat > ${d.dir}/piped.out' <piped@test.example> R=piped T=address_pipe`,
    'Completed',
  ]);
  assert.deepEqual(await d.spool.list(), []);
});

test('an unroutable recipient is bounced to the sender', async (t) => {
  const d = await startDaemon((dir) => config(dir));
  t.after(() => d.stop());
  const reply = await send(d.port, 'sender@test.example', ['nobody@test.example']);
  const id = /id=(\S+)/.exec(reply)![1]!;
  await waitFor(() => maildirFiles(d.dir, 'sender').length === 1, 20000, 'bounce delivery');
  assert.match(d.mainLog(), new RegExp(`${id} \\*\\* nobody@test.example: Unrouteable address`));
  assert.match(d.mainLog(), new RegExp(`<= <> R=${id} U=\\S+ P=local S=\\d+`));
  const bounce = maildirFiles(d.dir, 'sender')[0]!;
  assert.match(bounce, /^Return-path: <>\n/);
  assert.match(bounce, /nobody@test\.example/);
});

test('queue_only keeps messages until a queue run (-q) delivers them', async (t) => {
  const d = await startDaemon((dir) => config(dir, 'queue_only = true'));
  t.after(() => d.stop());
  const reply = await send(d.port, 'sender@test.example', ['bob@test.example']);
  const id = /id=(\S+)/.exec(reply)![1]!;
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(await d.spool.list(), [id]);
  const q = await run(join(repoRoot, 'bin/mailwright'), ['-C', join(d.dir, 'test.conf'), '-q'], { env: { ...process.env, MAILWRIGHT_FROM_SOURCE: '1' } });
  assert.equal(q.status, 0, q.stderr);
  assert.equal(maildirFiles(d.dir, 'bob').length, 1);
  assert.match(d.mainLog(), /Start queue run: pid=\d+\n/);
  assert.match(d.mainLog(), new RegExp(`${id} Completed\\n.*End queue run: pid=\\d+`));
});
