/**
 * End to end with a real client: swaks (Debian's package) against `mailwright -bdf` on loopback,
 * one daemon for the file: plain delivery, PIPELINING, STARTTLS with a freshly generated
 * self-signed certificate, AUTH PLAIN and LOGIN against plaintext authenticators. swaks 20201014
 * cannot send BDAT or the SMTPUTF8 parameter, so CHUNKING and SMTPUTF8 use the small client in
 * helpers/smtp-client.ts. Each test checks the replies, the message on the spool and its `<=`
 * line in the main log.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { baseConfig, findProgram, headerNamed, run, skipUnless, startDaemon, type RunningDaemon } from './helpers/daemon.js';
import { SmtpClient } from './helpers/smtp-client.js';

const swaks = findProgram('swaks');
const openssl = findProgram('openssl');
const skip = skipUnless(Boolean(swaks && openssl), 'swaks or openssl');

const AUTHENTICATORS = `
begin authenticators
plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if and{{eq{$auth2}{e2euser}}{eq{$auth3}{s3cret}}}}
  server_set_id = $auth2
login:
  driver = plaintext
  public_name = LOGIN
  server_prompts = Username:: : Password::
  server_condition = \${if and{{eq{$auth1}{e2euser}}{eq{$auth2}{s3cret}}}}
  server_set_id = $auth1
`;

let daemon: RunningDaemon;
let utf8MessageId: string | undefined;

/** Runs fn and returns the id of the one message it added to the spool. */
async function newMessageId(fn: () => Promise<void>): Promise<string> {
  const before = new Set(await daemon.spool.list());
  await fn();
  const added = (await daemon.spool.list()).filter((id) => !before.has(id));
  assert.equal(added.length, 1, `expected one new message, got ${added.join(' ')}`);
  return added[0]!;
}

function arrivalLine(id: string): string {
  const line = daemon.mainLog().split('\n').find((l) => l.includes(` ${id} <= `));
  assert.ok(line, `no <= line for ${id} in:\n${daemon.mainLog()}`);
  return line;
}

async function swaksRun(args: readonly string[]): Promise<string> {
  const r = await run(swaks!, ['-s', '127.0.0.1', '-p', String(daemon.port), '--helo', 'client.example', ...args]);
  assert.equal(r.status, 0, `swaks failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('swaks against mailwright -bdf', { skip }, () => {
  before(async () => {
    daemon = await startDaemon((dir) => {
      const key = join(dir, 'key.pem');
      const cert = join(dir, 'cert.pem');
      const r = makeSelfSignedCert(key, cert);
      assert.equal(r, 0, 'openssl req failed');
      return baseConfig(dir, `tls_certificate = ${cert}\ntls_privatekey = ${key}\ntls_advertise_hosts = *\nauth_advertise_hosts = *`, AUTHENTICATORS);
    });
  });
  after(async () => daemon?.stop());

  test('plain delivery: replies, spool entry, <= line', async () => {
    let out = '';
    const id = await newMessageId(async () => {
      out = await swaksRun(['-f', 'alice@sender.example', '-t', 'bob@test.example', '--header', 'Subject: plain e2e', '--body', 'hello plain']);
    });
    assert.match(out, /^<- {2}220 mail\.test\.example ESMTP/m);
    assert.match(out, /^<- {2}250-mail\.test\.example Hello client\.example \[127\.0\.0\.1\]/m);
    assert.match(out, /^<- {2}250 Accepted$/m);
    assert.match(out, /^<- {2}354 Enter message, ending with "\." on a line by itself$/m);
    assert.match(out, new RegExp(`^<- {2}250 OK id=${id}$`, 'm'));
    assert.match(out, /^<- {2}221 mail\.test\.example closing connection$/m);
    const msg = await daemon.spool.read(id);
    assert.equal(msg.sender, 'alice@sender.example');
    assert.deepEqual(msg.recipients.map((r) => r.address), ['bob@test.example']);
    assert.equal(headerNamed(msg.headers, 'Subject'), 'Subject: plain e2e');
    assert.match(headerNamed(msg.headers, 'Received') ?? '', /^Received: from \[127\.0\.0\.1\] \(helo=client\.example\)\n\tby mail\.test\.example with esmtp \(Exim 4\.96\)\n\t\(envelope-from <alice@sender\.example>\)\n\tid /);
    assert.match((await daemon.spool.readBody(id)).toString(), /hello plain/);
    assert.match(arrivalLine(id), new RegExp(`<= alice@sender\\.example H=\\(client\\.example\\) \\[127\\.0\\.0\\.1\\] P=esmtp S=\\d+ id=`));
  });

  // Known bug (src/smtp/server/message.ts headerType, finish-message.ts receivedHeader): the
  // Received header is flagged 'R' (Exim's flag for Reply-To) and Reply-To 'Y'; exim4 -bd writes
  // 'P' and 'R' (spec, "Format of the -H file"; checked with exim4 4.96 on loopback).
  test('-H header flags as exim4: Received is P, Reply-To is R', async () => {
    const id = await newMessageId(async () => {
      await swaksRun(['-f', 'flags@sender.example', '-t', 'f@test.example', '--header', 'Reply-To: r@sender.example']);
    });
    const flags = (await daemon.spool.read(id)).headers.map((h) => `${h.type}${h.text.slice(0, h.text.indexOf(':'))}`);
    assert.ok(flags.includes('PReceived'), flags.join(' '));
    assert.ok(flags.includes('RReply-To'), flags.join(' '));
  });

  // Known gaps in the -H options against exim4 4.96 -bd for the same session (checked on
  // loopback): exim4 also writes -interface_address [ip]:port, -max_received_linelength,
  // -deliver_firsttime and -tls_resumption, and received_time_usec has microseconds.
  test('-H options as exim4 -bd writes them', async () => {
    const id = await newMessageId(async () => {
      await swaksRun(['-f', 'opts@sender.example', '-t', 'o@test.example']);
    });
    const o = (await daemon.spool.read(id)).options;
    assert.match(String(o.get('host_address')), /^\[127\.0\.0\.1\]:\d+$/);
    assert.equal(o.get('interface_address'), `[127.0.0.1]:${daemon.port}`);
    assert.equal(o.get('deliver_firsttime'), true);
    assert.match(String(o.get('max_received_linelength')), /^\d+$/);
  });

  test('a recipient outside the test domain is refused', async () => {
    const r = await run(swaks!, ['-s', '127.0.0.1', '-p', String(daemon.port), '-f', 'a@sender.example', '-t', 'x@elsewhere.example']);
    assert.notEqual(r.status, 0);
    assert.match(r.stdout, /^<\*\* 550 relay not permitted$/m);
  });

  test('PIPELINING: MAIL, RCPT and DATA sent in one go, replies in order', async () => {
    let out = '';
    const id = await newMessageId(async () => {
      out = await swaksRun(['--pipeline', '-f', 'p@sender.example', '-t', 'one@test.example,two@test.example', '--header', 'Subject: pipelined']);
    });
    // swaks prints all pipelined commands before the replies to them.
    assert.match(out, /^ -> MAIL FROM:<p@sender\.example>\n -> RCPT TO:<one@test\.example>\n -> RCPT TO:<two@test\.example>\n -> DATA\n<- {2}250 OK\n<- {2}250 Accepted\n<- {2}250 Accepted\n<- {2}354 /m);
    const msg = await daemon.spool.read(id);
    assert.deepEqual(msg.recipients.map((r) => r.address), ['one@test.example', 'two@test.example']);
    assert.equal(headerNamed(msg.headers, 'Subject'), 'Subject: pipelined');
    assert.match(arrivalLine(id), /<= p@sender\.example H=\(client\.example\) \[127\.0\.0\.1\] P=esmtp S=\d+/);
  });

  test('STARTTLS with a generated self-signed certificate', async () => {
    let out = '';
    const id = await newMessageId(async () => {
      out = await swaksRun(['-tls', '-f', 't@sender.example', '-t', 'tls@test.example', '--header', 'Subject: over tls']);
    });
    assert.match(out, /^<- {2}220 TLS go ahead$/m);
    assert.match(out, /^=== TLS started with cipher TLSv1\.[23]:/m);
    assert.match(out, /^=== TLS peer DN="\/CN=mail\.test\.example"$/m);
    assert.match(out, new RegExp(`^<~ {2}250 OK id=${id}$`, 'm'));
    const msg = await daemon.spool.read(id);
    assert.equal(msg.options.get('received_protocol'), 'esmtps');
    assert.match(headerNamed(msg.headers, 'Received') ?? '', /by mail\.test\.example with esmtps {2}\(TLS1\.[23]\) tls TLS_\w+\n\t\(Exim 4\.96\)\n/);
    assert.match(arrivalLine(id), /<= t@sender\.example H=\(client\.example\) \[127\.0\.0\.1\] P=esmtps X=TLS1\.[23]:[A-Z0-9_-]+:\d+ CV=no S=\d+/);
  });

  for (const mech of ['PLAIN', 'LOGIN'] as const) {
    test(`AUTH ${mech} against a plaintext authenticator`, async () => {
      let out = '';
      const id = await newMessageId(async () => {
        out = await swaksRun(['-a', mech, '-au', 'e2euser', '-ap', 's3cret', '-f', 'auth@sender.example', '-t', 'a@test.example']);
      });
      assert.match(out, /^<- {2}250-AUTH PLAIN LOGIN$/m);
      assert.match(out, /^<- {2}235 Authentication succeeded$/m);
      if (mech === 'LOGIN') assert.match(out, /^<- {2}334 VXNlcm5hbWU6$/m);
      assert.match(arrivalLine(id), new RegExp(`<= auth@sender\\.example H=\\(client\\.example\\) \\[127\\.0\\.0\\.1\\] P=esmtpa A=${mech.toLowerCase()}:e2euser S=\\d+`));
      const msg = await daemon.spool.read(id);
      assert.match(headerNamed(msg.headers, 'Received') ?? '', /with esmtpa \(Exim 4\.96\)/);

      const bad = await run(swaks!, ['-s', '127.0.0.1', '-p', String(daemon.port), '-a', mech, '-au', 'e2euser', '-ap', 'wrong', '-f', 'a@sender.example', '-t', 'a@test.example']);
      assert.notEqual(bad.status, 0);
      assert.match(bad.stdout, /^<\*\* 535 Incorrect authentication data$/m);
    });
  }

  test('CHUNKING: BDAT chunks and BDAT LAST (node client)', async () => {
    const c = await SmtpClient.connect(daemon.port);
    let last = '';
    const id = await newMessageId(async () => {
      assert.match(await c.reply(), /^220 /);
      assert.match(await c.command('EHLO client.example'), /^250-CHUNKING\r$/m);
      assert.equal(await c.command('MAIL FROM:<chunk@sender.example>'), '250 OK\r\n');
      assert.equal(await c.command('RCPT TO:<c@test.example>'), '250 Accepted\r\n');
      const part1 = 'Subject: chunked\r\nMessage-ID: <chunk1@client.example>\r\n\r\nfirst part, ';
      const part2 = 'second part\r\n';
      c.write(`BDAT ${part1.length}\r\n${part1}`);
      assert.equal(await c.reply(), `250 ${part1.length} byte chunk received\r\n`);
      c.write(`BDAT ${part2.length} LAST\r\n${part2}`);
      last = await c.reply();
    });
    const total = 'Subject: chunked\r\nMessage-ID: <chunk1@client.example>\r\n\r\nfirst part, second part\r\n'.length;
    assert.equal(last, `250- ${'second part\r\n'.length} byte chunk, total ${total}\r\n250 OK id=${id}\r\n`);
    assert.equal(await c.command('QUIT'), '221 mail.test.example closing connection\r\n');
    c.close();
    const msg = await daemon.spool.read(id);
    assert.equal(msg.sender, 'chunk@sender.example');
    assert.equal(headerNamed(msg.headers, 'Subject'), 'Subject: chunked');
    assert.equal((await daemon.spool.readBody(id)).toString(), 'first part, second part\n');
    assert.match(arrivalLine(id), /<= chunk@sender\.example H=\(client\.example\) \[127\.0\.0\.1\] P=esmtp K S=\d+ id=chunk1@client\.example$/);
  });

  test('SMTPUTF8: UTF-8 addresses with MAIL FROM:<...> SMTPUTF8 (node client)', async () => {
    const c = await SmtpClient.connect(daemon.port);
    const id = await newMessageId(async () => {
      assert.match(await c.reply(), /^220 /);
      assert.match(await c.command('EHLO client.example'), /^250-SMTPUTF8\r$/m);
      assert.equal(await c.command('MAIL FROM:<jöran@sender.example> SMTPUTF8'), '250 OK\r\n');
      assert.equal(await c.command('RCPT TO:<δοκιμή@test.example>'), '250 Accepted\r\n');
      assert.match(await c.command('DATA'), /^354 /);
      c.write('Subject: utf8 \u00e9t\u00e9\r\nFrom: jöran@sender.example\r\n\r\nbody ✓\r\n.\r\n');
      assert.match(await c.reply(), /^250 OK id=/);
    });
    await c.command('QUIT');
    c.close();
    const msg = await daemon.spool.read(id);
    assert.equal(msg.sender, 'jöran@sender.example');
    assert.deepEqual(msg.recipients.map((r) => r.address), ['δοκιμή@test.example']);
    assert.equal(headerNamed(msg.headers, 'Subject'), 'Subject: utf8 été');
    assert.ok(msg.options.get('smtputf8'), `no -smtputf8 flag in ${JSON.stringify([...msg.options])}`);
    assert.match(arrivalLine(id).replace(/<= \S+ /, '<= SENDER '), /<= SENDER H=\(client\.example\) \[127\.0\.0\.1\] P=utf8esmtp S=\d+/);
    utf8MessageId = id;
  });

  // Known bug (src/log/file-logger.ts entryBytes): a line whose characters are all <= U+00FF is
  // written as latin1, so "jöran" reaches the log as the byte 0xF6 instead of exim4's UTF-8.
  test('SMTPUTF8: the <= line carries the sender in UTF-8, as exim4 writes it', () => {
    assert.ok(utf8MessageId, 'the SMTPUTF8 test did not run');
    assert.match(arrivalLine(utf8MessageId), /<= jöran@sender\.example H=/);
  });
});

/** A self-signed certificate for mail.test.example, made with openssl for this run. */
function makeSelfSignedCert(key: string, cert: string): number | null {
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=mail.test.example'];
  return spawnSync(openssl!, args, { stdio: 'ignore' }).status;
}
