#!/usr/bin/env node
// Generates the queue operator fixtures (-bp family, -Mf/-Mt/-Mrm/-Mmd/-Mmad/-Mar/-Mes/-Mv*)
// from the real Exim 4.96. Each scenario gets a fresh spool: messages are queued with
// `exim4 -odq`, the starting spool files are recorded, then each step runs one command and
// records stdout, stderr, exit code, the main-log lines it wrote (timestamp removed), the time
// it ran (from its log lines when it wrote some) and the spool files afterwards. Tests replay
// the steps on the same files with Mailwright. Output: test/fixtures/queue-admin/*.json.
// Needs /usr/sbin/exim4, root (so -C is honoured and the spool is writable) and a writable /tmp.
// The "non-admin" section uses the system's default configuration and spool (it queues one
// message as nobody and removes it again) because exim4 drops privileges for -C when the
// caller is not root.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const OUT = 'test/fixtures/queue-admin';
const TMP = '/tmp/mailwright-gen-queue-admin';
mkdirSync(OUT, { recursive: true });

function configText(dir, extra = '') {
  return `exim_user = root
exim_group = root
never_users =
spool_directory = ${dir}/spool
log_file_path = ${dir}/log/%slog
keep_environment =
primary_hostname = mw.example
${extra}
begin routers
defer_it:
  driver = redirect
  domains = defer.example
  allow_defer
  data = :defer: testing a deferral
fan_out:
  driver = redirect
  local_parts = list
  data = one@mw.example, two@defer.example
all:
  driver = accept
  transport = t
begin transports
t:
  driver = appendfile
  file = /tmp/mailwright-gen-queue-admin-mbox
  user = nobody
begin retry
* * F,1d,1h
`;
}

/** A fresh spool for one scenario; `messages` are queued in order. */
function setup(name, messages, extra) {
  const dir = join(TMP, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'log'), { recursive: true });
  const conf = join(dir, 'conf');
  writeFileSync(conf, configText(dir, extra));
  const ids = [];
  for (const m of messages) {
    const r = spawnSync(EXIM, ['-C', conf, '-odq', '-f', m.sender, ...m.recipients], { input: m.text, encoding: 'latin1' });
    if (r.status !== 0) throw new Error(`queueing failed: ${r.stderr}`);
    const line = mainLog(dir).trim().split('\n').pop();
    ids.push(/^\S+ \S+ (\S+) <=/.exec(line)[1]);
  }
  return { dir, conf, ids, logOffset: mainLog(dir).length };
}

function mainLog(dir) {
  const f = join(dir, 'log', 'mainlog');
  return existsSync(f) ? readFileSync(f, 'latin1') : '';
}

/** Every file of the spool's input/ and msglog/ (split subdirectories included), by relative path. */
function snapshot(dir) {
  const files = {};
  for (const top of ['input', 'msglog']) {
    const walk = (rel) => {
      const abs = join(dir, 'spool', rel);
      if (!existsSync(abs)) return;
      for (const e of readdirSync(abs, { withFileTypes: true })) {
        const r = `${rel}/${e.name}`;
        if (e.isDirectory()) walk(r);
        else files[r] = readFileSync(join(dir, 'spool', r), 'latin1');
      }
    };
    walk(top);
  }
  return files;
}

const STAMP = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) /;

/** Files added or changed since `before` (content) and the ones that went away. */
function changes(before, after) {
  const changed = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) changed[k] = v;
  const removed = Object.keys(before).filter((k) => !(k in after));
  return { changed, removed };
}

function runSteps(env, steps) {
  const out = [];
  let files = snapshot(env.dir);
  for (const args of steps) {
    const before = Math.floor(Date.now() / 1000);
    const r = spawnSync(EXIM, ['-C', env.conf, ...args], { encoding: 'latin1' });
    const text = mainLog(env.dir);
    const lines = text.slice(env.logOffset).split('\n').filter((l) => l !== '');
    env.logOffset = text.length;
    const stamp = lines.length > 0 ? STAMP.exec(lines[0]) : null;
    const time = stamp ? Math.floor(Date.parse(`${stamp[1].replace(' ', 'T')}Z`) / 1000) : before;
    out.push({ args, stdout: r.stdout, stderr: r.stderr, status: r.status, time, log: lines.map((l) => l.replace(STAMP, '')), ...changes(files, (files = snapshot(env.dir))) });
  }
  return out;
}

function scenario(name, messages, steps, extra = '') {
  const env = setup(name, messages, extra);
  const initial = snapshot(env.dir);
  const recorded = runSteps(env, steps(env.ids));
  const data = { name, config: extra, ids: env.ids, initial, steps: recorded };
  writeFileSync(join(OUT, `${name}.json`), JSON.stringify(data, null, 1) + '\n');
  console.log(`wrote ${name}.json (${recorded.length} steps)`);
  return env;
}

const M1 = { sender: 'sender@x.example', recipients: ['alice@mw.example', 'carol@mw.example'], text: 'Subject: hi\n\nbody line\n' };
const M2 = { sender: '<>', recipients: ['bob@mw.example'], text: 'Subject: two\n\nbody2\n' };
const BIG = { sender: 'big@x.example', recipients: ['dave@mw.example'], text: `Subject: big\nX-Extra: yes\n\n${'0123456789abcdef\n'.repeat(700)}` };
const MISSING = '1xVZZZ-000000-00';

scenario('listing', [M1, M2, BIG], ([a, b, c]) => [
  ['-bp'], ['-bpa'], ['-bpc'], ['-bpr'], ['-bpra'], ['-bpru'], ['-bpu'], ['-bp', a], ['-bp', c, a], ['-bp', MISSING],
  ['-bp', a, MISSING, b], ['-bpc', a], ['-bpu', b], ['-bpr', c],
]);

scenario('freeze', [M1, M2], ([a, b]) => [
  ['-Mf', a], ['-Mf', a], ['-bp'], ['-Mt', a], ['-Mt', a], ['-Mf', a, b], ['-Mt', a, MISSING, b], ['-Mf', MISSING], ['-Mf', 'notanid'], ['-Mf'], ['-Mt'],
]);

scenario('mark', [M1, M2], ([a, b]) => [
  ['-Mmd', a, 'carol@mw.example'], ['-Mmd', a, 'nobody@mw.example'], ['-Mmd', a, 'alice@mw.example', 'nobody@mw.example'], ['-Mmd', a],
  ['-Mmd', a, 'Carol@mw.example'], ['-Mmd', a, '<carol@mw.example>'], ['-Mmd', a, 'Nobody <nobody@x.example>'], ['-Mmd', a, '(c) alice@mw.example', 'x'], ['-bp'], ['-bpa'], ['-bpu'], ['-Mmad', b], ['-Mmad', a, b],
  ['-Mmad', MISSING], ['-bp'], ['-Mmd', MISSING, 'x@y.example'],
]);

scenario('add-recipients', [M1], ([a]) => [
  ['-Mar', a, 'new@x.example'], ['-Mar', a, 'bob'], ['-Mar', a, 'p@q.example', 'Rob <r@s.example>'], ['-Mar', a], ['-Mar', a, 'bad address'],
  ['-Mar', a, '<>'], ['-Mar', a, 'alice@mw.example'], ['-bp'], ['-Mar', MISSING, 'x@y.example'], ['-Mar'],
]);

scenario('edit-sender', [M1], ([a]) => [
  ['-Mes', a, 'new-sender@y.example'], ['-bp'], ['-Mes', a, '<>'], ['-bp'], ['-Mes', a, 'bad address'], ['-Mes', a, 'a@b.example', 'c@d.example'],
  ['-Mes', a, 'unqualified'], ['-Mes', a], ['-Mes', a, 'Name <n@y.example>'], ['-Mes', MISSING, 'x@y.example'],
]);

scenario('view', [M1, BIG], ([a, c]) => [
  ['-Mvh', a], ['-Mvb', a], ['-Mvl', a], ['-Mvc', a], ['-Mvc', c], ['-Mvh', MISSING], ['-Mvb', MISSING], ['-Mvl', MISSING], ['-Mvc', MISSING],
  ['-Mvh', a, c], ['-Mvc'], ['-Mvb', 'bogus'],
]);

scenario('remove', [M1, M2, BIG], ([a, b, c]) => [
  ['-Mrm', a], ['-Mrm', a], ['-bpc'], ['-Mrm', b, MISSING, c], ['-bpc'], ['-Mrm'],
]);

scenario('split', [M1, M2], ([a, b]) => [
  ['-bp'], ['-Mf', a], ['-Mvh', a], ['-Mvl', b], ['-Mmd', b, 'bob@mw.example'], ['-Mrm', b], ['-bp'],
], 'split_spool_directory = true');

// Damaged spools: a -H that is not in Exim's format, a -D without its -H, a -H without its -D.
{
  const env = setup('damaged', [M1, M2, BIG]);
  const [a, b, c] = env.ids;
  const input = join(env.dir, 'spool', 'input');
  writeFileSync(join(input, `${a}-H`), `${a}-H\nthis is not a spool file\n`);
  rmSync(join(input, `${b}-H`));
  rmSync(join(input, `${c}-D`));
  const initial = snapshot(env.dir);
  const steps = runSteps(env, [['-bp'], ['-bpc'], ['-bp', a], ['-bp', b], ['-bp', c], ['-Mf', a], ['-Mf', b], ['-Mf', c], ['-Mvc', a], ['-Mrm', a], ['-Mrm', b], ['-Mrm', c], ['-bpc']]);
  writeFileSync(join(OUT, 'damaged.json'), JSON.stringify({ name: 'damaged', config: '', ids: env.ids, initial, steps }, null, 1) + '\n');
  console.log('wrote damaged.json');
}

// -Mset: -be with a message's variables loaded.
const MSET_VARS = ['$message_size', '$message_body_size', '$recipients', '$recipients_count', '$h_subject:', '$h_from:', '$rh_subject:', '$sender_address',
  '$sender_address_domain', '$sender_address_local_part', '$message_id', '$message_exim_id', '$message_body', '$message_body_end', '$message_headers',
  '$message_headers_raw', '$received_protocol', '$sender_ident', '$body_linecount', '$authenticated_id', '$originator_uid', '$caller_uid',
  '$return_path', '$message_linecount', '${if first_delivery{first}{later}}', '$header_x-extra:'];
scenario('mset', [M1, BIG], ([a, c]) => [
  ['-be', '-Mset', a, ...MSET_VARS], ['-be', '-Mset', c, ...MSET_VARS], ['-Mset', a, '-be', '$message_size'], ['-be', '-Mset', MISSING, '$message_size', '$recipients', '$h_subject:'],
  ['-be', '-Mset', 'bogus', 'x'], ['-Mset', a],
]);

// A message being delivered: another process holds the lock on its -D file.
{
  const env = setup('locked', [M1, M2]);
  const [a, b] = env.ids;
  const holder = spawn('python3', ['-c', `import fcntl,os,time\nfd=os.open(${JSON.stringify(join(env.dir, 'spool', 'input', `${a}-D`))},os.O_RDWR)\nfcntl.lockf(fd,fcntl.LOCK_EX)\nprint('locked',flush=True)\ntime.sleep(30)`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => holder.stdout.once('data', resolve));
  const initial = snapshot(env.dir);
  const steps = runSteps(env, [['-Mf', a], ['-Mrm', a], ['-Mvc', a], ['-Mmd', a, 'carol@mw.example'], ['-Mvh', a], ['-bp', a], ['-Mf', a, b]]);
  holder.kill();
  writeFileSync(join(OUT, 'locked.json'), JSON.stringify({ name: 'locked', config: '', ids: env.ids, locked: [a], initial, steps }, null, 1) + '\n');
  console.log('wrote locked.json');
}

// A delivery attempt through the redirect router leaves a generated address delivered and
// one deferred, which -bpa shows with "+D".
{
  const env = scenario('generated', [{ sender: 'g@x.example', recipients: ['list@mw.example', 'plain@mw.example'], text: 'Subject: gen\n\nx\n' }], () => []);
  spawnSync(EXIM, ['-C', env.conf, '-M', env.ids[0]], { encoding: 'latin1' });
  env.logOffset = mainLog(env.dir).length;
  const initial = snapshot(env.dir);
  const steps = runSteps(env, [['-bp'], ['-bpa'], ['-bpu'], ['-bpra'], ['-bpru']]);
  writeFileSync(join(OUT, 'generated.json'), JSON.stringify({ name: 'generated', config: '', ids: env.ids, initial, steps }, null, 1) + '\n');
  console.log('wrote generated.json (after a delivery attempt)');
}

// Non-admin callers, against the default configuration (see the header comment).
{
  const asNobody = (args, input) => spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', `${EXIM} ${args.map((a) => `'${a}'`).join(' ')}`], { input, encoding: 'latin1' });
  const queued = asNobody(['-odq', '-f', 'other@x.example', 'root'], 'Subject: n\n\nb\n');
  const own = spawnSync(EXIM, ['-bp'], { encoding: 'latin1' }).stdout.split('\n').find((l) => l.includes('<other@x.example> (nobody)'));
  const rootMsg = spawnSync(EXIM, ['-odq', 'root'], { input: 'Subject: r\n\nb\n', encoding: 'latin1' });
  const listing = spawnSync(EXIM, ['-bp'], { encoding: 'latin1' }).stdout.split('\n');
  const ownId = own.trim().split(/\s+/)[2];
  const rootId = listing.filter((l) => /^\s*\d+[mhd] /.test(l) && l.includes('<root@')).map((l) => l.trim().split(/\s+/)[2]).pop();
  const cases = [];
  const steps = [
    ['-bp'], ['-bpc'], ['-bpr'], ['-bpa'], ['-bpu'], ['-Mf', rootId], ['-Mt', rootId], ['-Mmd', rootId, 'root@vm'], ['-Mmad', rootId], ['-Mar', rootId, 'a@b.example'],
    ['-Mes', rootId, 'a@b.example'], ['-Mvh', rootId], ['-Mvb', rootId], ['-Mvl', rootId], ['-Mvc', rootId], ['-Mf', ownId], ['-Mvh', ownId], ['-Mrm', rootId],
    ['-Mf', MISSING], ['-Mvh', MISSING], ['-Mrm', MISSING], ['-Mrm', ownId],
  ];
  const logFile = '/var/log/exim4/mainlog';
  for (const args of steps) {
    const offset = readFileSync(logFile, 'latin1').length;
    const r = asNobody(args);
    const log = readFileSync(logFile, 'latin1').slice(offset).split('\n').filter((l) => l !== '').map((l) => l.replace(STAMP, ''));
    cases.push({ args, stdout: r.stdout, stderr: r.stderr, status: r.status, log });
  }
  spawnSync(EXIM, ['-Mrm', rootId], { encoding: 'latin1' });
  if (queued.status !== 0 || rootMsg.status !== 0) throw new Error('queueing for the non-admin section failed');
  writeFileSync(join(OUT, 'non-admin.json'), JSON.stringify({ ownId, rootId, cases }, null, 1) + '\n');
  console.log('wrote non-admin.json');
}
