/**
 * Local submission pieces the exim4 oracle cannot show here (it runs only as root): untrusted
 * callers (-f ignored, untrusted_set_sender, Sender: handling), the delivery decision
 * (-od*, queue_only*), option parsing, sendmail/mailq names, input decoding and refolding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { parseArgs } from '../../src/cli/args.js';
import { argvAsInvoked } from '../../src/cli/submit/flags.js';
import { decodeLocalInput } from '../../src/cli/submit/read-input.js';
import { qualifyHeaderText } from '../../src/cli/submit/header-qualify.js';
import { queueOnly, runSubmit } from '../../src/cli/submit/index.js';
import { receiveLocalMessage, type SubmitMessage } from '../../src/cli/submit/receive.js';
import { isTrusted, originatorName, type Caller } from '../../src/cli/submit/caller.js';
import { loadConfig } from '../../src/config/index.js';
import { createAclEngine } from '../../src/acl/index.js';
import { FileSpool } from '../../src/spool/index.js';
import { MemoryLogger } from '../../src/log/memory-logger.js';
import type { StartDeliveryOptions } from '../../src/deliver/start.js';

const JOE: Caller = { login: 'joe', uid: 1000, gid: 1000, groups: [1000], gecos: 'Joe &, Room 1' };

function withConfig<T>(extra: string, fn: (dir: string, conf: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-submit-u-'));
  const conf = join(dir, 'conf');
  writeFileSync(conf, `spool_directory = ${dir}/spool\nlog_file_path = ${dir}/%slog\nkeep_environment =\nprimary_hostname = mw.example\n${extra}`);
  return fn(dir, conf).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** Receives as the untrusted caller JOE; returns the -H file text and the log. */
async function asJoe(extra: string, m: Omit<Partial<SubmitMessage>, 'input'> & { input: string }): Promise<{ h: string; log: MemoryLogger }> {
  return withConfig(extra, async (dir, conf) => {
    const config = loadConfig({ file: conf });
    const spool = new FileSpool({ directory: join(dir, 'spool'), noSync: true });
    const log = new MemoryLogger();
    const out = await receiveLocalMessage(
      { addresses: ['rcpt@x.example'], extractRecipients: false, dotIsData: false, suppressFixups: false, ...m, input: Buffer.from(m.input, 'latin1') } as SubmitMessage,
      { config, spool, log, acl: createAclEngine(config), caller: JOE, trusted: false },
    );
    const h = readFileSync(join(dir, 'spool', 'input', `${out.id}-H`), 'latin1');
    return { h, log };
  });
}

test('untrusted caller: -f is ignored, From: built from the login and gecos (& is the login)', async () => {
  const { h, log } = await asJoe('', { sender: 'other@x.example', input: 'Subject: s\n\nbody\n' });
  assert.match(h, /^<joe@mw\.example>$/m);
  assert.match(h, /F From: "Joe Joe, Room 1" <joe@mw\.example>\n/);
  assert.doesNotMatch(h, /Sender:/);
  assert.match(h, /^-local$/m);
  assert.match(log.lines('main')[0]!, / <= joe@mw\.example U=joe P=local S=\d+$/);
});

test('untrusted caller: Sender: replaced when From: is someone else', async () => {
  const { h } = await asJoe('', { input: 'From: boss@x.example\nSender: fake@x.example\nSubject: s\n\nbody\n' });
  assert.match(h, /\* Sender: fake@x\.example\n/);
  assert.match(h, /S Sender: "Joe Joe, Room 1" <joe@mw\.example>\n/);
});

test('untrusted caller: untrusted_set_sender lets -f through and marks -sender_set_untrusted', async () => {
  const { h } = await asJoe('untrusted_set_sender = *\n', { sender: 'other@x.example', input: 'Subject: s\n\nbody\n' });
  assert.match(h, /^<other@x\.example>$/m);
  assert.match(h, /^-sender_set_untrusted$/m);
  assert.doesNotMatch(h, /^-local$/m);
  assert.match(h, /F From: "Joe Joe, Room 1" <other@x\.example>\n/);
  assert.match(h, /S Sender: "Joe Joe, Room 1" <joe@mw\.example>\n/);
});

test('untrusted caller: an empty sender is always allowed', async () => {
  const { h } = await asJoe('', { sender: '', input: 'Subject: s\n\nbody\n' });
  assert.match(h, /^<>$/m);
});

test('local_from_check false: no Sender: added, the old one still removed; local_sender_retain keeps it', async () => {
  const off = await asJoe('local_from_check = false\n', { input: 'From: boss@x.example\nSender: fake@x.example\n\nbody\n' });
  assert.doesNotMatch(off.h, /S Sender:/);
  assert.match(off.h, /\* Sender: fake/);
  const kept = await asJoe('local_from_check = false\nlocal_sender_retain = true\n', { input: 'From: boss@x.example\nSender: fake@x.example\n\nbody\n' });
  assert.match(kept.h, /S Sender: fake@x\.example/);
});

test('local_from_prefix: a prefixed login in From: is the caller', async () => {
  const { h } = await asJoe('local_from_prefix = *-\n', { input: 'From: lists-joe@mw.example\n\nbody\n' });
  assert.doesNotMatch(h, /Sender:/);
});

test('-F overrides the gecos name', () => {
  assert.equal(originatorName(JOE, 'J. B.'), 'J. B.');
  assert.equal(originatorName({ ...JOE, gecos: '&son' }, undefined), 'Joeson');
});

test('trusted: root, exim_user, trusted_users, trusted_groups', async () => {
  const daemon: Caller = { ...JOE, login: 'daemon', uid: 1 };
  await withConfig('trusted_users = daemon\n', async (_d, conf) => assert.equal(isTrusted(daemon, loadConfig({ file: conf })), true));
  await withConfig('trusted_users = 1\n', async (_d, conf) => assert.equal(isTrusted(daemon, loadConfig({ file: conf })), true));
  await withConfig('trusted_groups = 1000\n', async (_d, conf) => assert.equal(isTrusted(JOE, loadConfig({ file: conf })), true));
  await withConfig('trusted_users = daemon\n', async (_d, conf) => assert.equal(isTrusted(JOE, loadConfig({ file: conf })), false));
  await withConfig('', async (_d, conf) => assert.equal(isTrusted({ ...JOE, uid: 0 }, loadConfig({ file: conf })), true));
});

/** Runs the CLI path in this process as root and records the delivery started. */
async function deliveries(extra: string, args: string[]): Promise<{ status: number; started: { ids: readonly string[]; opts: StartDeliveryOptions }[] }> {
  return withConfig(`exim_user = root\nexim_group = root\n${extra}`, async (_dir, conf) => {
    const started: { ids: readonly string[]; opts: StartDeliveryOptions }[] = [];
    const status = await runSubmit(parseArgs(['-C', conf, ...args]), {
      stdin: Readable.from([Buffer.from('Subject: s\n\nbody\n')]),
      stderr: () => undefined,
      startDelivery: async (ids, opts) => void started.push({ ids, opts }),
    });
    return { status, started };
  });
}

test('delivery: background by default, foreground with -odi/-odf, none with -odq', async () => {
  const dflt = await deliveries('', ['a@x.example']);
  assert.equal(dflt.status, 0);
  assert.equal(dflt.started.length, 1);
  assert.equal(dflt.started[0]!.opts.background, true);
  assert.match(dflt.started[0]!.opts.configFile ?? '', /conf$/);
  assert.equal((await deliveries('', ['-odi', 'a@x.example'])).started[0]!.opts.background, false);
  assert.equal((await deliveries('', ['-odf', 'a@x.example'])).started[0]!.opts.background, false);
  assert.equal((await deliveries('', ['-odq', 'a@x.example'])).started.length, 0);
});

test('delivery: queue_only queues unless -odb/-odi override it (queue_only_override)', async () => {
  assert.equal((await deliveries('queue_only\n', ['a@x.example'])).started.length, 0);
  assert.equal((await deliveries('queue_only\n', ['-odb', 'a@x.example'])).started.length, 1);
  assert.equal((await deliveries('queue_only\nqueue_only_override = false\n', ['-odb', 'a@x.example'])).started.length, 0);
  assert.equal((await deliveries('acl_not_smtp = a\nbegin acl\na:\n  accept control = queue\n', ['a@x.example'])).started.length, 0);
});

test('queueOnly: queue_only_file and queue_only_load', async () => {
  await withConfig(`queue_only_file = /nonexistent/x : ${tmpdir()}\n`, async (_d, conf) => {
    assert.equal(queueOnly(loadConfig({ file: conf }), undefined), true);
  });
  await withConfig('queue_only_file = /nonexistent/x\n', async (_d, conf) => assert.equal(queueOnly(loadConfig({ file: conf }), undefined), false));
  await withConfig('queue_only_load = 2.5\n', async (_d, conf) => {
    assert.equal(queueOnly(loadConfig({ file: conf }), undefined, 3), true);
    assert.equal(queueOnly(loadConfig({ file: conf }), undefined, 1), false);
  });
});

test('options: -t, plain recipients and -bm select submission; flags are recorded', () => {
  assert.equal(parseArgs(['-t']).mode, 'bm');
  assert.equal(parseArgs(['a@b']).mode, 'bm');
  const o = parseArgs(['-bm', '-oi', '-odq', '-oep', '-FJoe Bloggs', '-fjoe@x', 'a@b']);
  assert.equal(o.mode, 'bm');
  assert.deepEqual([o.submit.dotIsData, o.submit.delivery, o.submit.errors, o.submit.fullName, o.sender], [true, 'queue', 'stderr', 'Joe Bloggs', 'joe@x']);
  const ti = parseArgs(['-ti', '-F', 'N', '-oee']);
  assert.deepEqual([ti.submit.extractRecipients, ti.submit.dotIsData, ti.submit.fullName, ti.submit.errors], [true, true, 'N', 'mail-zero']);
  assert.equal(parseArgs(['-bV']).mode, 'bV');
});

test('invoked as mailq / rmail / sendmail', () => {
  assert.deepEqual(argvAsInvoked('/usr/bin/mailq', ['-v']), ['-bp', '-v']);
  assert.deepEqual(argvAsInvoked('rmail', ['a@b']), ['-i', '-oee', 'a@b']);
  assert.deepEqual(argvAsInvoked('/usr/sbin/sendmail', ['-t']), ['-t']);
  assert.deepEqual(argvAsInvoked('mailwright', ['-bV']), ['-bV']);
});

test('input: CRLF to LF, single dot ends unless -i, final newline supplied, no unstuffing', () => {
  assert.equal(decodeLocalInput(Buffer.from('a\r\n..b\r\n.\r\nc\r\n'), false).text, 'a\n..b\n');
  assert.equal(decodeLocalInput(Buffer.from('a\n.\nc'), true).text, 'a\n.\nc\n');
  assert.equal(decodeLocalInput(Buffer.from('a\rb\n.'), false).text, 'a\rb\n');
});

test('qualification refolds after a grown item once the line passes 38 characters', () => {
  assert.equal(qualifyHeaderText('To: aaaaaaaaaa@x.example, b, z@z\n', 'mw.example'), 'To: aaaaaaaaaa@x.example, b@mw.example, z@z\n');
  assert.equal(qualifyHeaderText('To: aaaaaaaaaaa@x.example, b, z@z\n', 'mw.example'), 'To: aaaaaaaaaaa@x.example, b@mw.example, \n\tz@z\n');
  assert.equal(qualifyHeaderText('To: a@x.example\n', 'mw.example'), undefined);
  assert.equal(qualifyHeaderText('To: "q x"\n', 'mw.example'), 'To: "q x"@mw.example\n');
});

test('spool files of an untrusted submission are owned by the caller in -H', async () => {
  const { h } = await asJoe('', { input: 'Subject: s\n\nbody\n' });
  assert.match(h.split('\n')[1]!, /^joe 1000 1000$/);
});
