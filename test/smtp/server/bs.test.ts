/**
 * -bs (SMTP from the local caller on stdin/stdout): the message lands on the spool with Exim's
 * local fix-ups (Message-Id, From, Date after the Received header), which
 * `control = suppress_local_fixups` turns off; the log line names the caller (U=). The header
 * sizes and order are those of an exim4 -bs run with the same input (see the -H file in
 * scripts/oracle notes: Received 188, Subject 12, Message-Id 49, From 12, Date 38 with 16-char ids).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/index.js';
import { createAclEngine } from '../../../src/acl/index.js';
import { MemoryLogger } from '../../../src/log/memory-logger.js';
import { FileSpool } from '../../../src/spool/index.js';
import { runStdioSession } from '../../../src/smtp/server/fake-session.js';

async function bsSession(extraAcl: string, input: string) {
  const dir = mkdtempSync(join(tmpdir(), 'mw-bs-'));
  writeFileSync(join(dir, 'c.conf'), `spool_directory = ${dir}\nprimary_hostname = mail.example.com\nacl_smtp_rcpt = r\nbegin acl\nr:\n${extraAcl}  accept\n`);
  const config = loadConfig({ file: join(dir, 'c.conf') });
  const spool = new FileSpool({ directory: dir, noSync: true });
  const log = new MemoryLogger();
  let out = '';
  await runStdioSession({
    mode: 'bs', config, acl: createAclEngine(config), overrides: { callerLogin: 'root' }, spool, log,
    input: Buffer.from(input, 'latin1'), stdout: (t) => (out += t), stderr: () => undefined,
  });
  return { out, spool, log };
}

const SESSION = 'EHLO client.test\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<x@example.com>\r\nDATA\r\nSubject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n';

test('-bs stores the message with the local fix-ups, as exim4 -bs does', async () => {
  const { out, spool, log } = await bsSession('', SESSION);
  assert.match(out, /^220 mail\.example\.com ESMTP Exim 4\.96 /);
  assert.match(out, /250-mail\.example\.com Hello root at client\.test\r\n/);
  assert.doesNotMatch(out, /PIPECONNECT/);
  const id = /250 OK id=(\S+)\r\n/.exec(out)![1]!;
  const m = await spool.read(id);
  assert.deepEqual(m.headers.map((h) => h.type), ['P', ' ', 'I', 'F', ' ']);
  assert.match(m.headers[0]!.text, /^Received: from root \(helo=client\.test\)\n\tby mail\.example\.com with local-esmtp \(Exim 4\.96\)\n\t\(envelope-from <a@b\.c>\)\n\tid \S+\n\tfor x@example\.com;\n\t\w{3}, /);
  assert.equal(m.headers[2]!.text, `Message-Id: <E${id}@mail.example.com>\n`);
  assert.equal(m.headers[3]!.text, 'From: a@b.c\n');
  assert.match(m.headers[4]!.text, /^Date: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}\n$/);
  assert.equal(m.options.get('received_protocol'), 'local-esmtp');
  const line = log.lines('main').find((l) => l.includes('<='))!;
  assert.match(line, new RegExp(`^${id} <= a@b\\.c U=root P=local-esmtp S=\\d+$`));
});

test('control = suppress_local_fixups leaves the message as sent (Received only)', async () => {
  const { out, spool } = await bsSession('  warn control = suppress_local_fixups\n', SESSION);
  const id = /250 OK id=(\S+)\r\n/.exec(out)![1]!;
  const m = await spool.read(id);
  assert.deepEqual(m.headers.map((h) => h.text.split(':')[0]), ['Received', 'Subject']);
});

test('a message the client already dated and identified keeps its own headers', async () => {
  const input = SESSION.replace('Subject: hi\r\n', 'Subject: hi\r\nMessage-ID: <own@id>\r\nFrom: Me <a@b.c>\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n');
  const { out, spool, log } = await bsSession('', input);
  const id = /250 OK id=(\S+)\r\n/.exec(out)![1]!;
  const m = await spool.read(id);
  assert.deepEqual(m.headers.map((h) => h.text.split(':')[0]), ['Received', 'Subject', 'Message-ID', 'From', 'Date']);
  assert.match(log.lines('main').find((l) => l.includes('<='))!, / id=own@id$/);
});

test('a message rejected by the DATA ACL is not left on the spool', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-bs-'));
  writeFileSync(join(dir, 'c.conf'), `spool_directory = ${dir}\nprimary_hostname = mail.example.com\nacl_smtp_rcpt = r\nacl_smtp_data = d\nbegin acl\nr:\n  accept\nd:\n  deny message = no thanks\n`);
  const config = loadConfig({ file: join(dir, 'c.conf') });
  const spool = new FileSpool({ directory: dir, noSync: true });
  let out = '';
  await runStdioSession({
    mode: 'bs', config, acl: createAclEngine(config), overrides: { callerLogin: 'root' }, spool, log: new MemoryLogger(),
    input: Buffer.from(SESSION, 'latin1'), stdout: (t) => (out += t), stderr: () => undefined,
  });
  assert.match(out, /550 no thanks\r\n221 /);
  assert.deepEqual(await spool.list(), []);
});
