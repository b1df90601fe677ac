/**
 * End to end over loopback: a message received by one Mailwright daemon is relayed by its smtp
 * transport (manualroute smarthost) to a second Mailwright daemon, which delivers it to a
 * maildir; and to Postfix's smtp-sink. Log lines as exim4 4.96 writes them for such relays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { startDaemon, waitFor } from './helpers/daemon.js';
import { sinkSkip, startSink } from '../smtp-client/live.js';
import { SmtpClient } from './helpers/smtp-client.js';

function common(dir: string): string[] {
  return [`spool_directory = ${dir}/spool`, `log_file_path = ${dir}/%slog`, `keep_environment =`, `acl_smtp_rcpt = acl_rcpt`];
}

function relayConfig(dir: string, port: number): string {
  return [
    `primary_hostname = relay.test.example`,
    ...common(dir),
    `begin acl`,
    `acl_rcpt:`,
    `  accept`,
    `begin routers`,
    `smarthost:`,
    `  driver = manualroute`,
    `  route_list = * 127.0.0.1::${port} byname`,
    `  transport = remote_smtp`,
    `  self = send`,
    `begin transports`,
    `remote_smtp:`,
    `  driver = smtp`,
    `  hosts_try_chunking =`,
    `begin retry`,
    `* * F,1h,10m`,
    '',
  ].join('\n');
}

function finalConfig(dir: string): string {
  return [
    `primary_hostname = final.test.example`,
    ...common(dir),
    `begin acl`,
    `acl_rcpt:`,
    `  accept domains = remote.example`,
    `  deny message = relay not permitted`,
    `begin routers`,
    `local_user:`,
    `  driver = accept`,
    `  transport = maildir`,
    `begin transports`,
    `maildir:`,
    `  driver = appendfile`,
    `  directory = ${dir}/mail/\${local_part_data}`,
    `  maildir_format`,
    `  create_directory`,
    `  return_path_add`,
    '',
  ].join('\n').replace('  driver = accept\n', '  driver = accept\n  local_parts = bob\n');
}

async function send(port: number, from: string, to: string): Promise<string> {
  const c = await SmtpClient.connect(port);
  await c.reply();
  await c.command('EHLO client.example');
  await c.command(`MAIL FROM:<${from}>`);
  await c.command(`RCPT TO:<${to}>`);
  await c.command('DATA');
  const reply = await c.command('Subject: relayed\r\n\r\nover two hops\r\n.');
  await c.command('QUIT');
  return /id=(\S+)/.exec(reply)![1]!;
}

test('relay: Mailwright -> smtp transport -> Mailwright -> maildir', async (t) => {
  const final = await startDaemon((dir) => finalConfig(dir));
  t.after(() => final.stop());
  const relay = await startDaemon((dir) => relayConfig(dir, final.port));
  t.after(() => relay.stop());
  const id = await send(relay.port, 'alice@sender.example', 'bob@remote.example');
  await waitFor(() => relay.mainLog().includes(`${id} Completed`), 30000, 'relay delivery');
  const line = relay.mainLog().split('\n').find((l) => l.includes(`${id} =>`))!;
  // The second daemon offers STARTTLS (its built-in certificate), so the hop is encrypted and,
  // with no tls_verify_certificates, unverified: X= and CV=no, as exim4 logs such a delivery.
  assert.match(line, new RegExp(`${id} => bob@remote\\.example R=smarthost T=remote_smtp H=127\\.0\\.0\\.1 \\[127\\.0\\.0\\.1\\] X=TLS1\\.[23]:\\S+ CV=no C="250 OK id=(\\S+)"$`));
  const remoteId = /id=([^"]+)"/.exec(line)![1]!;
  await waitFor(() => final.mainLog().includes(`${remoteId} Completed`), 30000, 'final delivery');
  const dir = join(final.dir, 'mail', 'bob', 'new');
  const files = existsSync(dir) ? readdirSync(dir) : [];
  assert.equal(files.length, 1);
  const text = readFileSync(join(dir, files[0]!), 'utf8');
  assert.match(text, /^Return-path: <alice@sender\.example>\n/);
  assert.match(text, /Received: from \[127\.0\.0\.1\] .*\n\tby final\.test\.example with esmtp/);
  assert.match(text, /Received: from \[127\.0\.0\.1\] \(helo=client\.example\)\n\tby relay\.test\.example/);
  assert.match(text, /\nSubject: relayed\n\nover two hops\n$/);
});

test('relay to a host that refuses connections: deferred with a host retry record, message kept', async (t) => {
  const closed = await new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
  const relay = await startDaemon((dir) => relayConfig(dir, closed));
  t.after(() => relay.stop());
  const id = await send(relay.port, 'alice@sender.example', 'bob@remote.example');
  await waitFor(() => relay.mainLog().includes(`${id} ==`), 30000, 'deferral');
  assert.match(relay.mainLog(), new RegExp(`${id} H=127\\.0\\.0\\.1 \\[127\\.0\\.0\\.1\\] Connection refused\\n`));
  assert.match(relay.mainLog(), new RegExp(`${id} == bob@remote\\.example R=smarthost T=remote_smtp defer \\(111\\): Connection refused\\n`));
  await waitFor(async () => (await relay.spool.list()).includes(id), 5000, 'message kept');
});

test('relay to Postfix smtp-sink', { skip: sinkSkip }, async (t) => {
  const sink = await startSink();
  t.after(() => sink.stop());
  const relay = await startDaemon((dir) => relayConfig(dir, sink.port));
  t.after(() => relay.stop());
  const id = await send(relay.port, 'alice@sender.example', 'bob@remote.example');
  await waitFor(() => relay.mainLog().includes(`${id} Completed`), 30000, 'delivery to smtp-sink');
  assert.match(relay.mainLog(), new RegExp(`${id} => bob@remote\\.example R=smarthost T=remote_smtp H=127\\.0\\.0\\.1 \\[127\\.0\\.0\\.1\\] C="250 2\\.0\\.0 Ok`));
  await waitFor(() => sink.dumps().length === 1, 10000, 'smtp-sink dump');
  assert.match(sink.dumps()[0]!, /Subject: relayed/);
});
