#!/usr/bin/env node
// Oracle for process-level and local-input log lines: the daemon start line for several
// listener layouts (exim4 -bd started and stopped at once), the +arguments line, and the lines
// of local input (-bm, -bs) with log_selector = +all -millisec -pid. Writes
// test/fixtures/log/local.json. Times, pids, message ids and durations are normalised.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = 'test/fixtures/log/local.json';
const WORK = '/tmp/mailwright-gen-log-local';
const EXIM = '/usr/sbin/exim4';
const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function fresh() {
  rmSync(WORK, { recursive: true, force: true });
  for (const d of ['spool', 'log']) mkdirSync(join(WORK, d), { recursive: true, mode: 0o777 });
  chmodSync(join(WORK, 'spool'), 0o777);
  chmodSync(join(WORK, 'log'), 0o777);
}
const base = (extra) => [`spool_directory = ${WORK}/spool`, 'keep_environment =', `log_file_path = ${WORK}/log/%slog`, 'queue_only',
  'primary_hostname = mx.test.example', ...extra, ''].join('\n');
const mainlog = () => (existsSync(join(WORK, 'log/mainlog')) ? readFileSync(join(WORK, 'log/mainlog'), 'latin1') : '');
const normalise = (l) => l
  .replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /, '')
  .replace(/pid=\d+/, 'pid=<PID>')
  .replace(/\bE[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}@/g, 'E<ID>@')
  .replace(/\b[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}\b/g, '<ID>')
  .replace(/\b(D|RT)=\d+s\b/g, '$1=<DUR>');

/** Each: main options, daemon arguments (ports chosen from 27xxx). */
const DAEMONS = {
  one_port: [[], ['-oX', '27001']],
  two_ports: [[], ['-oX', '27002:27003']],
  ipv4_only: [['disable_ipv6 = true'], ['-oX', '27004']],
  interfaces: [['local_interfaces = <; 127.0.0.1.27005 ; [::1]:27006'], []],
  interface_two_ports: [['daemon_smtp_ports = 27007 : 27008', 'local_interfaces = 127.0.0.1'], ['-q30m']],
  smtps: [['tls_on_connect_ports = 27010'], ['-oX', '27009:27010']],
  smtps_interfaces: [['local_interfaces = 127.0.0.1 : 127.0.0.2', 'tls_on_connect_ports = 27012'], ['-oX', '27011:27012']],
  queue_qq: [[], ['-oX', '27013', '-qq5m']],
};

function daemonLines() {
  const out = {};
  for (const [name, [extra, args]] of Object.entries(DAEMONS)) {
    fresh();
    const conf = join(WORK, 'd.conf');
    writeFileSync(conf, base(['daemon_smtp_ports = 27999', ...extra].filter((l, i, a) => !(l === 'daemon_smtp_ports = 27999' && a.some((x, j) => j > i && x.startsWith('daemon_smtp_ports'))))));
    execFileSync(EXIM, ['-C', conf, '-bd', ...args, '-oP', join(WORK, 'pid')]);
    sleepSync(500);
    process.kill(Number(readFileSync(join(WORK, 'pid'), 'utf8')), 'SIGTERM');
    sleepSync(500);
    out[name] = mainlog().split('\n').filter((l) => l.includes('daemon started')).map(normalise);
  }
  return out;
}

const LOCAL = [
  { name: 'bm', args: ['-bm', 'bob@test.example'], input: 'Subject: x\n\nhi\n' },
  { name: 'bm_null_sender', args: ['-f', '<>', '-bm', 'bob@test.example'], input: 'Subject: x\n\nhi\n' },
  { name: 'bm_protocol', args: ['-oMr', 'myproto', '-bm', '-t'], input: 'To: a@b.example\nSubject: x\nMessage-ID: <given@x>\n\nhi\n' },
  { name: 'bs_message', args: ['-bs'], input: 'EHLO x\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<ok@x.y>\r\nDATA\r\nSubject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n' },
  { name: 'bs_no_mail', args: ['-bs'], input: 'HELO x\r\nQUIT\r\n' },
  { name: 'bs_rejected', args: ['-bs'], input: 'HELO x\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<bad@x.y>\r\nQUIT\r\n' },
  { name: 'arguments_quoting', args: ['-F', 'A B', '-F', '', '-oMr', 'x"y', '-f', 'a\\b@c', '-bm', 't\tab@test.example'], input: 'Subject: x\n\nhi\n' },
  { name: 'arguments_8bit', args: ['-F', '', '-bm', 'é@test.example'], input: 'Subject: x\n\nhi\n' },
];

function localLines() {
  const out = {};
  fresh();
  const conf = join(WORK, 'l.conf');
  writeFileSync(conf, base(['log_selector = +all -millisec -pid', 'acl_smtp_rcpt = r', 'acl_not_smtp = ns', 'begin acl', 'r:',
    '  deny local_parts = bad', '       message = no bad', '  accept', 'ns:', '  accept']));
  for (const c of LOCAL) {
    const before = mainlog().length;
    spawnSync(EXIM, ['-C', conf, ...c.args], { input: c.input, cwd: WORK });
    sleepSync(200);
    // Node passes arguments UTF-8 encoded; the fixture keeps them as the bytes exim4 received
    // (one character per byte), like the log lines.
    const bytes = (a) => Buffer.from(a, 'utf8').toString('latin1');
    out[c.name] = { args: [EXIM, '-C', '<CONF>', ...c.args].map(bytes), lines: mainlog().slice(before).split('\n').filter(Boolean).map(normalise)
      .map((l) => l.replace(`cwd=${WORK} `, 'cwd=<CWD> ').replace(conf, '<CONF>')) };
  }
  return out;
}

/** Which files exim4 writes for datestamped log_file_path patterns (with a panic entry too). */
const PATTERNS = ['LOG/%slog-%D', 'LOG/exim-%s-%D.log', 'LOG/%D-%slog', 'LOG/exim/%s.%M', 'LOG/x_%M_%s', 'LOG/%M%s'];
function pathCases() {
  const out = {};
  for (const pattern of PATTERNS) {
    fresh();
    const conf = join(WORK, 'p.conf');
    writeFileSync(conf, base(['acl_not_smtp = ns', 'begin acl', 'ns:', '  warn logwrite = :panic: to panic', '  accept'])
      .replace(`log_file_path = ${WORK}/log/%slog`, `log_file_path = ${pattern.replace('LOG', `${WORK}/log`)}`));
    const now = new Date();
    spawnSync(EXIM, ['-C', conf, '-bm', 'bob@test.example'], { input: 'Subject: x\n\nhi\n' });
    const p2 = (n) => String(n).padStart(2, '0');
    const day = `${now.getFullYear()}${p2(now.getMonth() + 1)}${p2(now.getDate())}`;
    const files = execFileSync('find', [join(WORK, 'log'), '-type', 'f'], { encoding: 'utf8' }).split('\n').filter(Boolean)
      .map((f) => f.replace(join(WORK, 'log'), 'LOG').replace(day, '<DAY>').replace(day.slice(0, 6), '<MONTH>')).sort();
    out[pattern] = files;
  }
  return out;
}

/** The zone exim4 shows with log_timezone under several `timezone` settings. */
function timezoneCases() {
  const out = {};
  for (const zone of ['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Europe/Berlin']) {
    fresh();
    const conf = join(WORK, 't.conf');
    writeFileSync(conf, base([`timezone = ${zone}`, 'log_timezone = true']));
    const before = Date.now();
    spawnSync(EXIM, ['-C', conf, '-bm', 'bob@test.example'], { input: 'Subject: x\n\nhi\n' });
    const line = mainlog().split('\n')[0];
    out[zone] = { utcMillis: before, line: line.replace(/\b[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}\b/g, '<ID>') };
  }
  return out;
}

/** Very long entries: exim4 replaces a line that does not fit its log buffer by a notice. */
function overflowCases() {
  const out = [];
  for (const [selector, lengths] of [['', [8169, 8170]], ['+pid +millisec', [8157, 8158]]]) {
    for (const n of lengths) {
      fresh();
      const conf = join(WORK, 'o.conf');
      const long = '${substr_0_' + n + ':${sg{${sha256:x}${sha256:y}}{.}{' + 'A'.repeat(79) + '}}}';
      writeFileSync(conf, base([`log_selector = ${selector}`, 'acl_smtp_helo = h', 'begin acl', 'h:', `  warn logwrite = ${long}`, '  accept']));
      spawnSync(EXIM, ['-C', conf, '-bs'], { input: 'HELO x\r\nQUIT\r\n' });
      const text = mainlog().replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3})?( \[\d+\])? /gm, (m) => `<PREFIX${m.length}>`);
      out.push({ selector, textLength: n, log: text.replace(/A{100,}/g, (m) => `<A*${m.length}>`) });
    }
  }
  return out;
}

writeFileSync(OUT, JSON.stringify({ daemon: daemonLines(), local: localLines(), paths: pathCases(), timezones: timezoneCases(), overflow: overflowCases() }, null, 1) + '\n');
rmSync(WORK, { recursive: true, force: true });
