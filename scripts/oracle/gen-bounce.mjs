#!/usr/bin/env node
// Generates bounce / delay-warning / success-DSN fixtures from the real Exim 4.96.
// For each case: a fresh spool; the message is submitted with -odq (command line or -bs with
// DSN parameters), its -H and -D files are saved, then `exim4 -qff` (repeated for warnings)
// delivers it. Failures come from a redirect router (:fail:, :defer:), from unrouteable
// domains, or from a fake SMTP server on 127.0.0.1 that answers 4xx/5xx. Every message Exim
// then generates is delivered to a maildir; all of them are saved.
// Output: test/fixtures/bounce/cases.json. Run as root with /usr/sbin/exim4 installed.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const OUT = 'test/fixtures/bounce';
const TMP = '/tmp/mailwright-gen-bounce';
const PORT = 2526;
const EXIM_UID = 102;
const EXIM_GID = 105;

function run(args, input) {
  return new Promise((resolve) => {
    const p = spawn(EXIM, args, { env: { PATH: '/usr/bin:/bin' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d.toString('latin1')));
    p.stderr.on('data', (d) => (stderr += d.toString('latin1')));
    p.on('close', (status) => resolve({ stdout, stderr, status }));
    p.stdin.end(input ?? '');
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Fake SMTP server: replies are chosen by the case (rcpt / data / mail answers).
let smtpPlan = {};
const server = createServer((sock) => {
  let buf = '';
  let inData = false;
  const send = (l) => sock.write(`${l}\r\n`);
  send(smtpPlan.greeting ?? '220 fake.test ESMTP ready');
  sock.on('data', (d) => {
    buf += d.toString('latin1');
    let i;
    while ((i = buf.indexOf('\r\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (inData) {
        if (line === '.') {
          inData = false;
          send(smtpPlan.data ?? '250 OK id=fake');
        }
        continue;
      }
      const cmd = line.slice(0, 4).toUpperCase();
      if (cmd === 'EHLO') send('250-fake.test Hello\r\n250 PIPELINING');
      else if (cmd === 'HELO') send('250 fake.test');
      else if (cmd === 'MAIL') send(smtpPlan.mail ?? '250 OK');
      else if (cmd === 'RCPT') send(typeof smtpPlan.rcpt === 'function' ? smtpPlan.rcpt(line) : smtpPlan.rcpt ?? '250 Accepted');
      else if (cmd === 'DATA') {
        inData = true;
        send('354 go ahead');
      } else if (cmd === 'QUIT') {
        send('221 bye');
        sock.end();
      } else if (cmd === 'RSET') send('250 OK');
      else send('500 unknown');
    }
  });
  sock.on('error', () => {});
});

const BASE = (extra) => `primary_hostname = myhost.test.ex
qualify_domain = test.ex
spool_directory = ${TMP}/spool
log_file_path = ${TMP}/log/%slog
keep_environment =
smtp_enforce_sync = false
dsn_advertise_hosts = *
acl_smtp_rcpt = acl_rcpt
${extra.main ?? ''}
begin acl
acl_rcpt:
  accept
begin routers
fail_router:
  driver = redirect
  domains = fail.example
  allow_fail
  allow_defer
  data = \${if eq{\$local_part}{nomsg}{:fail:}{\${if match{\$local_part}{^defer}{:defer: try again later}{:fail: no such user here}}}}
${extra.routers ?? ''}
remote:
  driver = manualroute
  domains = remote.example
  route_list = * 127.0.0.1
  self = send
  transport = smtp
catch:
  driver = accept
  domains = test.ex
  transport = tofile
begin transports
tofile:
  driver = appendfile
  directory = ${TMP}/out
  maildir_format
  user = Debian-exim
  envelope_to_add
  return_path_add
${extra.transports ?? ''}
smtp:
  driver = smtp
  port = ${PORT}
  allow_localhost
begin retry
${extra.retry ?? '* * F,1h,15m'}
`;

const MSG = (extra = '', body = 'Body line 1\nBody line 2\n') =>
  `From: Sender <sender@test.ex>\nTo: someone@fail.example\nSubject: hello there\nMessage-ID: <orig1@test.ex>\n${extra}\n${body}`;

function smtpSession({ mail, rcpts, data }) {
  return ['EHLO client.test', `MAIL FROM:${mail}`, ...rcpts.map((r) => `RCPT TO:${r}`), 'DATA', data.replace(/\n/g, '\r\n').replace(/\r\n$/, ''), '.', 'QUIT', ''].join('\r\n');
}

const CASES = [
  { name: 'fail-two', rcpts: ['x@fail.example', 'y@fail.example'] },
  { name: 'fail-three-one-delivered', rcpts: ['a@fail.example', 'ok@test.ex', 'b@fail.example', 'c@fail.example'] },
  { name: 'fail-no-text', rcpts: ['nomsg@fail.example'] },
  { name: 'unrouteable', rcpts: ['u@nowhere.invalid'] },
  { name: 'no-retry-rule', rcpts: ['defer1@fail.example'], retry: '' },
  { name: 'return-body-false', rcpts: ['x@fail.example'], main: 'bounce_return_body = false' },
  { name: 'return-message-false', rcpts: ['x@fail.example'], main: 'bounce_return_message = false' },
  { name: 'size-limit', rcpts: ['x@fail.example'], main: 'bounce_return_size_limit = 100', body: 'x'.repeat(60) + '\n' + 'y'.repeat(200) + '\nlast line\n' },
  { name: 'size-limit-big', rcpts: ['x@fail.example'], main: 'bounce_return_size_limit = 10K', body: ('0123456789'.repeat(7) + '\n').repeat(300) },
  { name: 'message-text', rcpts: ['x@fail.example'], main: 'bounce_message_text = Please contact postmaster@test.ex about this.' },
  { name: 'errors-reply-to', rcpts: ['x@fail.example'], main: 'errors_reply_to = Postmaster <postmaster@test.ex>' },
  { name: 'dsn-from', rcpts: ['x@fail.example'], main: 'dsn_from = Bounce Robot <robot@test.ex>' },
  {
    name: 'message-file',
    rcpts: ['x@fail.example'],
    main: `bounce_message_file = ${TMP}/bounce.txt`,
    file: ['bounce.txt', 'Subject: Undeliverable: $h_subject\nX-Custom: $bounce_recipient\n****\nSorry, we could not deliver it.\nLimit: $bounce_return_size_limit\n****\n****\n****\n****\n'],
  },
  { name: 'errors-to', rcpts: ['e@fail2.example'], routers: 'et:\n  driver = redirect\n  domains = fail2.example\n  allow_fail\n  errors_to = owner@test.ex\n  data = :fail: bad address\n' },
  { name: 'long-list', rcpts: Array.from({ length: 6 }, (_, i) => `a-rather-long-local-part-${i}@fail.example`) },
  { name: 'smtp-rcpt-550', rcpts: ['r1@remote.example', 'r2@remote.example'], smtp: { rcpt: '550 5.1.1 No such user here' } },
  { name: 'smtp-rcpt-multiline', rcpts: ['r1@remote.example'], smtp: { rcpt: '550-First line of rejection\r\n550 5.7.1 Second line' } },
  { name: 'smtp-data-554', rcpts: ['r1@remote.example'], smtp: { data: '554 5.6.0 Message content rejected' } },
  { name: 'smtp-mail-550', rcpts: ['r1@remote.example'], smtp: { mail: '550 sender refused' } },
  { name: 'smtp-mixed', rcpts: ['r1@remote.example', 'x@fail.example'], smtp: { rcpt: '550 user unknown' } },
  {
    name: 'dsn-orcpt-envid-hdrs',
    smtpIn: { mail: '<sender@test.ex> RET=HDRS ENVID=env+2Did-123', rcpts: ['<x@fail.example> NOTIFY=FAILURE ORCPT=rfc822;X@Fail.Example', '<y@fail.example>'] },
  },
  { name: 'dsn-ret-full', smtpIn: { mail: '<sender@test.ex> RET=FULL', rcpts: ['<x@fail.example> NOTIFY=FAILURE,DELAY'] } },
  { name: 'dsn-never', smtpIn: { mail: '<sender@test.ex>', rcpts: ['<x@fail.example> NOTIFY=NEVER', '<y@fail.example>'] } },
  { name: 'dsn-success', smtpIn: { mail: '<sender@test.ex> ENVID=abc', rcpts: ['<ok@test.ex> NOTIFY=SUCCESS ORCPT=rfc822;ok@test.ex', '<ok2@test.ex> NOTIFY=SUCCESS'] } },
  { name: 'dsn-success-ret-hdrs', smtpIn: { mail: '<sender@test.ex> RET=HDRS', rcpts: ['<ok@test.ex> NOTIFY=SUCCESS'] } },
  { name: 'delay-warning', rcpts: ['defer1@fail.example', 'defer2@fail.example'], main: 'delay_warning = 2s:3s', warn: true },
  { name: 'delay-warning-dsn', smtpIn: { mail: '<sender@test.ex> ENVID=xyz', rcpts: ['<defer1@fail.example> NOTIFY=DELAY ORCPT=rfc822;d@x'] }, main: 'delay_warning = 2s', warn: true },
  {
    name: 'warn-message-file',
    rcpts: ['defer1@fail.example'],
    main: `delay_warning = 2s\nwarn_message_file = ${TMP}/warn.txt`,
    warn: true,
    file: ['warn.txt', 'Subject: Still trying $message_exim_id\n****\nDelayed for $warn_message_delay to $warn_message_recipients:\n****\nWe keep trying.\n'],
  },
  { name: 'size-limit-7900', rcpts: ['x@fail.example'], main: 'bounce_return_size_limit = 1K', body: ('x'.repeat(99) + '\n').repeat(79) },
  { name: 'size-limit-8300', rcpts: ['x@fail.example'], main: 'bounce_return_size_limit = 1K', body: ('x'.repeat(99) + '\n').repeat(83) },
  { name: 'size-limit-zero', rcpts: ['x@fail.example'], main: 'bounce_return_size_limit = 0', body: ('x'.repeat(99) + '\n').repeat(200) },
  { name: 'long-line', rcpts: ['x@fail.example'], main: 'bounce_return_linesize_limit = 50', body: 'short\n' + 'z'.repeat(80) + '\nend\n' },
  { name: 'dsn-success-remote', smtpIn: { mail: '<sender@test.ex>', rcpts: ['<ok@remote.example> NOTIFY=SUCCESS'] } },
  { name: 'dsn-success-ret-full', smtpIn: { mail: '<sender@test.ex> RET=FULL', rcpts: ['<ok@test.ex> NOTIFY=SUCCESS'] } },
  { name: 'warn-aged-90m', rcpts: ['defer1@fail.example'], main: 'delay_warning = 1m', age: 5400, retry: '* * F,5d,15m' },
  { name: 'warn-aged-2h', rcpts: ['defer1@fail.example'], main: 'delay_warning = 1m', age: 7300, retry: '* * F,5d,15m' },
  { name: 'warn-aged-26h', rcpts: ['defer1@fail.example', 'defer2@fail.example'], main: 'delay_warning = 1m', age: 26 * 3600 + 100, retry: '* * F,5d,15m' },
  { name: 'warn-aged-59m', rcpts: ['defer1@fail.example'], main: 'delay_warning = 1m', age: 59 * 60 + 30, retry: '* * F,5d,15m' },
  { name: 'warn-errors-to', rcpts: ['d@defer2.example'], main: 'delay_warning = 1m', age: 600, routers: 'dt:\n  driver = redirect\n  domains = defer2.example\n  allow_defer\n  errors_to = owner@test.ex\n  data = :defer: busy now\n' },
  { name: 'warn-remote-defer', rcpts: ['r1@remote.example'], main: 'delay_warning = 1m', age: 600, smtp: { rcpt: '451 4.3.0 try later please' } },
  { name: 'references', rcpts: ['x@fail.example'], extraHeaders: 'References: <a@x.example>\n <b@x.example> <c@x.example>\nIn-Reply-To: <c@x.example>\n' },
  { name: 'no-message-id', rcpts: ['x@fail.example'], noMessageId: true },
  { name: 'folded-subject-warning', rcpts: ['defer1@fail.example'], main: 'delay_warning = 1m', age: 600, retry: '* * F,5d,15m', extraHeaders: 'Subject: a folded\n\tsubject line\n', noSubject: true },
  { name: 'dsn-success-only-fail', smtpIn: { mail: '<sender@test.ex>', rcpts: ['<x@fail.example> NOTIFY=SUCCESS', '<y@fail.example> NOTIFY=SUCCESS,FAILURE'] } },
  { name: 'warn-notify-failure-only', smtpIn: { mail: '<sender@test.ex>', rcpts: ['<defer1@fail.example> NOTIFY=FAILURE', '<defer2@fail.example> NOTIFY=SUCCESS,DELAY'] }, main: 'delay_warning = 1m', age: 600, retry: '* * F,5d,15m' },
  { name: 'warn-notify-mixed', smtpIn: { mail: '<sender@test.ex>', rcpts: ['<defer2@fail.example> NOTIFY=SUCCESS,DELAY', '<defer1@fail.example> NOTIFY=FAILURE'] }, main: 'delay_warning = 1m', age: 600, retry: '* * F,5d,15m' },
  {
    name: 'pipe-return-output',
    rcpts: ['p@pipe.example'],
    routers: 'piper:\n  driver = accept\n  domains = pipe.example\n  transport = pipet\n',
    transports: 'pipet:\n  driver = pipe\n  command = /bin/sh -c "echo first line of output; echo second line"\n  return_output\n  user = Debian-exim\n',
  },
  {
    name: 'pipe-fail-output',
    rcpts: ['p@pipe.example'],
    routers: 'piper:\n  driver = accept\n  domains = pipe.example\n  transport = pipet\n',
    transports: 'pipet:\n  driver = pipe\n  command = /bin/sh -c "echo it broke; exit 1"\n  return_fail_output\n  user = Debian-exim\n',
  },
  {
    name: 'warn-errors-to-remote',
    rcpts: ['r1@remote2.example'],
    main: 'delay_warning = 1m',
    age: 600,
    retry: '* * F,5d,15m',
    smtp: { rcpt: '451 4.3.0 try later please' },
    routers: 'remote2:\n  driver = manualroute\n  domains = remote2.example\n  route_list = * 127.0.0.1\n  self = send\n  errors_to = owner@test.ex\n  transport = smtp\n',
  },
  {
    name: 'warn-two-errors-to',
    rcpts: ['r1@remote2.example', 'r2@remote.example'],
    main: 'delay_warning = 1m',
    age: 600,
    retry: '* * F,5d,15m',
    smtp: { rcpt: '451 4.3.0 try later please' },
    routers: 'remote2:\n  driver = manualroute\n  domains = remote2.example\n  route_list = * 127.0.0.1\n  self = send\n  errors_to = owner@test.ex\n  transport = smtp\n',
  },
  {
    name: 'redirected-child',
    rcpts: ['list@alias.example'],
    routers: 'alias:\n  driver = redirect\n  domains = alias.example\n  data = x@fail.example, u@nowhere.invalid\n',
  },
  {
    name: 'redirected-twice',
    rcpts: ['top@alias2.example'],
    smtpIn: { mail: '<sender@test.ex>', rcpts: ['<top@alias2.example> NOTIFY=FAILURE ORCPT=rfc822;Top@Alias2.Example'] },
    routers: 'alias2:\n  driver = redirect\n  domains = alias2.example\n  data = list@alias.example\nalias:\n  driver = redirect\n  domains = alias.example\n  data = x@fail.example\n',
  },
  { name: 'no-subject-warning', rcpts: ['defer1@fail.example'], main: 'delay_warning = 2s', warn: true, noSubject: true },
];

function prepareDirs() {
  rmSync(TMP, { recursive: true, force: true });
  for (const d of ['spool', 'log', 'out']) mkdirSync(join(TMP, d), { recursive: true });
  for (const d of ['', 'spool', 'log', 'out']) chownSync(join(TMP, d), EXIM_UID, EXIM_GID);
}

function readMaildir() {
  const out = [];
  for (const sub of ['new', 'cur']) {
    let names = [];
    try {
      names = readdirSync(join(TMP, 'out', sub)).sort();
    } catch {
      continue;
    }
    for (const n of names) out.push(readFileSync(join(TMP, 'out', sub, n), 'latin1'));
  }
  return out;
}

/** Makes the queued message look `age` seconds old (the reception time on line 4 of -H). */
function ageMessage(age) {
  const dir = join(TMP, 'spool', 'input');
  for (const n of readdirSync(dir)) {
    if (!n.endsWith('-H')) continue;
    const lines = readFileSync(join(dir, n), 'latin1').split('\n');
    const [t, count] = lines[3].split(' ');
    lines[3] = `${Number(t) - age} ${count}`;
    writeFileSync(join(dir, n), lines.join('\n'), 'latin1');
  }
}

function spoolFiles() {
  const dir = join(TMP, 'spool', 'input');
  const files = {};
  for (const n of readdirSync(dir)) files[n] = readFileSync(join(dir, n), 'latin1');
  return files;
}

async function runCase(c) {
  prepareDirs();
  if (c.file) writeFileSync(join(TMP, c.file[0]), c.file[1]);
  const conf = join(TMP, 'exim.conf');
  writeFileSync(conf, BASE(c));
  chmodSync(conf, 0o644);
  smtpPlan = c.smtp ?? {};
  const body = c.body;
  let msg = c.noSubject ? MSG(c.extraHeaders ?? '', body).replace(/^Subject: hello there\n/m, '') : MSG(c.extraHeaders ?? '', body);
  if (c.noMessageId) msg = msg.replace(/^Message-ID: .*\n/m, '');
  let sub;
  if (c.smtpIn) sub = await run(["-C", conf, "-odq", "-bs"], smtpSession({ mail: c.smtpIn.mail, rcpts: c.smtpIn.rcpts, data: msg }));
  else sub = await run(['-C', conf, '-odq', '-f', 'sender@test.ex', ...c.rcpts], msg);
  if (sub.status !== 0) console.error(c.name, sub);
  if (c.age) ageMessage(c.age);
  const original = spoolFiles();
  const runs = [];
  if (c.age) runs.push(await run(['-C', conf, '-qff']));
  else if (c.warn) {
    await sleep(2500);
    runs.push(await run(['-C', conf, '-qff']));
    await sleep(1500);
    runs.push(await run(['-C', conf, '-qff']));
  } else {
    runs.push(await run(['-C', conf, '-qff']));
  }
  await sleep(300);
  runs.push(await run(['-C', conf, '-qff']));
  const log = readFileSync(join(TMP, 'log', 'mainlog'), 'latin1');
  return { ...c, submission: sub.stdout, original, generated: readMaildir(), mainlog: log };
}

await new Promise((r) => server.listen(PORT, '127.0.0.1', r));
mkdirSync(OUT, { recursive: true });
const only = process.argv.slice(2);
const results = [];
for (const c of CASES) {
  if (only.length && !only.includes(c.name)) continue;
  const r = await runCase(c);
  console.log(`${c.name}: ${r.generated.length} message(s)`);
  results.push(r);
}
server.close();
if (!only.length) writeFileSync(join(OUT, 'cases.json'), JSON.stringify(results, null, 1) + '\n');
else for (const r of results) console.log(r.mainlog, r.generated.join('\n=========\n'));
