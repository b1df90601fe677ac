#!/usr/bin/env node
// Oracle for syslog output: binds a Unix datagram receiver at /dev/log (only when nothing is
// there; removed afterwards), runs `exim4 -bs` sessions whose ACLs write main, reject and panic
// lines (long ones, and a DATA rejection whose reject-log entry has header lines) with
// log_file_path = syslog under several syslog_* settings, and records every datagram exim4 sent.
// Time stamps and pids are normalised. Writes test/fixtures/log/syslog.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const OUT = 'test/fixtures/log/syslog.json';
const WORK = '/tmp/mailwright-gen-log-syslog';
const SOCK = '/dev/log';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (existsSync(SOCK)) {
  console.error(`${SOCK} exists already; not touching it`);
  process.exit(1);
}

const LONG = 'L'.repeat(1000);
const baseConfig = (extra) => [
  `spool_directory = ${WORK}/spool`,
  'keep_environment =',
  'log_file_path = syslog',
  'queue_only',
  'primary_hostname = mx.test.example',
  'acl_smtp_helo = acl_helo',
  'acl_smtp_rcpt = acl_rcpt',
  'acl_smtp_data = acl_data',
  ...extra,
  'begin acl',
  'acl_helo:',
  '  warn logwrite = :main: main only',
  '  warn logwrite = :reject: reject only',
  '  warn logwrite = :panic: panic only',
  '  warn logwrite = :main,reject: main and reject',
  '  warn logwrite = :main,panic: main and panic',
  `  warn logwrite = :main: ${LONG}`,
  '  accept',
  'acl_rcpt:',
  '  accept',
  'acl_data:',
  '  deny message = refused',
  '       log_message = data refused',
  '',
].join('\n');

const VARIANTS = {
  default: [],
  pid_millisec_tz: ['log_selector = +pid +millisec', 'log_timezone = true'],
  no_timestamp: ['syslog_timestamp = false', 'log_selector = +pid +millisec', 'log_timezone = true'],
  no_pid: ['syslog_pid = false', 'log_selector = +pid'],
  no_duplication: ['syslog_duplication = false'],
  facility_name: ['syslog_facility = local3', 'syslog_processname = mw-test'],
};

const INPUT = 'HELO client.example\r\nMAIL FROM:<alice@client.example>\r\nRCPT TO:<bob@test.example>\r\nDATA\r\nSubject: s\r\nX-Long: x\r\n\r\nbody\r\n.\r\nQUIT\r\n';

const RECEIVER = `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print('ready', flush=True)
while True:
    print(s.recv(65536).hex(), flush=True)
`;

function normalise(d) {
  return d
    .replace(/^<(\d+)>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /, '<$1><STAMP> ')
    .replace(/\[\d+\]: /, '[<PID>]: ')
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3})?/g, (_m, ms) => (ms ? '<TS.ms>' : '<TS>'))
    .replace(/ \[\d+\] /, ' [<PID>] ')
    .replace(/\b[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}\b/g, '<ID>')
    .replace(/[A-Z][a-z]{2}, \d+ [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [-+]\d{4}/, '<DATE>');
}

rmSync(WORK, { recursive: true, force: true });
mkdirSync(join(WORK, 'spool'), { recursive: true });
chmodSync(WORK, 0o777);
chmodSync(join(WORK, 'spool'), 0o777);
const receiver = spawn('python3', ['-c', RECEIVER, SOCK]);
const got = [];
let buf = '';
receiver.stdout.on('data', (d) => {
  buf += d.toString();
  const parts = buf.split('\n');
  buf = parts.pop();
  got.push(...parts);
});
try {
  while (!got.includes('ready')) await sleep(20);
  got.length = 0;
  chmodSync(SOCK, 0o666);
  const out = {};
  for (const [name, extra] of Object.entries(VARIANTS)) {
    const conf = join(WORK, `${name}.conf`);
    writeFileSync(conf, baseConfig(extra));
    spawnSync('/usr/sbin/exim4', ['-C', conf, '-bs'], { input: INPUT });
    await sleep(300);
    out[name] = { config: extra, datagrams: got.splice(0).map((h) => normalise(Buffer.from(h, 'hex').toString('latin1'))) };
    console.error(`${name}: ${out[name].datagrams.length} datagrams`);
  }
  writeFileSync(OUT, JSON.stringify(out, null, 1) + '\n');
} finally {
  receiver.kill();
  rmSync(SOCK, { force: true });
}
