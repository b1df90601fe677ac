#!/usr/bin/env node
// Generates test/fixtures/smtp-client/oracle.json from the real Exim 4.96 smtp transport: for
// each case a scripted SMTP server (a tiny Node server on loopback, or nothing listening, or a
// server that never answers) receives a message that `exim4 -odi` delivers through a
// manualroute router and an smtp transport. Recorded: the main-log lines of the delivery
// (timestamps and message ids replaced by placeholders), the commands the server saw, and the
// retry hints database as exim_dumpdb prints it. Run as root; needs exim4.
//   node scripts/oracle/gen-smtp-client.mjs [case-name-substring]
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const OUT = 'test/fixtures/smtp-client/oracle.json';
const TMP = '/tmp/mailwright-gen-smtp-client';
const CERTS = `${process.cwd()}/test/fixtures/tls/certs`;

const EHLO_BASE = ['250-fake.test hello', '250-SIZE 1000000', '250-8BITMIME', '250-PIPELINING', '250-DSN', '250 HELP'];

/**
 * A case: `server` describes the scripted server (or `refused` / `silent`); `rcpts` the
 * recipients; `transport` extra smtp transport options. Server replies: `greeting`, `ehlo`
 * (lines), `helo`, `mail`, `rcpt` (map local part → reply lines), `data` (reply to DATA),
 * `dot` (reply after the message), `hangAt` (command prefix after which nothing is answered).
 */
const CASES = [
  { name: 'rcpt-mixed', rcpts: ['ok@y.example', 'bad@y.example', 'later@y.example'], server: { rcpt: { bad: ['550-5.1.1 no such', '550 5.1.1 user here'], later: ['451 4.3.0 try later'] } } },
  { name: 'all-rcpt-4xx', rcpts: ['later@y.example', 'later2@y.example'], server: { rcpt: { later: ['451 4.3.0 try later'], later2: ['452 4.2.2 full'] } } },
  { name: 'all-rcpt-5xx', rcpts: ['bad@y.example'], server: { rcpt: { bad: ['550 5.1.1 unknown'] } } },
  { name: 'refused', rcpts: ['ok@y.example'], server: 'refused' },
  { name: 'greeting-timeout', rcpts: ['ok@y.example'], server: 'silent', transport: 'command_timeout = 1s' },
  { name: 'greeting-554', rcpts: ['ok@y.example'], server: { greeting: ['554 go away'] } },
  { name: 'greeting-421', rcpts: ['ok@y.example'], server: { greeting: ['421 busy'] } },
  { name: 'ehlo-5xx-helo', rcpts: ['ok@y.example'], server: { ehlo: ['502 no ehlo'] } },
  { name: 'mail-5xx', rcpts: ['ok@y.example', 'ok2@y.example'], server: { mail: ['550 5.7.1 sender rejected'] } },
  { name: 'mail-4xx', rcpts: ['ok@y.example'], server: { mail: ['451 4.7.1 greylisted'] } },
  { name: 'data-5xx', rcpts: ['ok@y.example'], server: { data: ['554 no data for you'] } },
  { name: 'dot-5xx', rcpts: ['ok@y.example', 'ok2@y.example'], server: { dot: ['550 5.7.1 content rejected'] } },
  { name: 'dot-4xx', rcpts: ['ok@y.example'], server: { dot: ['451 4.3.0 local error'] } },
  { name: 'dot-timeout', rcpts: ['ok@y.example'], server: { hangAt: '.' }, transport: 'final_timeout = 1s' },
  { name: 'rcpt-timeout', rcpts: ['ok@y.example'], server: { hangAt: 'RCPT', ehlo: ['250-fake.test hello', '250 SIZE'] }, transport: 'command_timeout = 1s' },
  { name: 'close-after-mail', rcpts: ['ok@y.example'], server: { closeAt: 'MAIL', ehlo: ['250-fake.test hello', '250 SIZE'] } },
  { name: 'no-pipelining', rcpts: ['ok@y.example', 'bad@y.example'], server: { ehlo: ['250-fake.test hello', '250 SIZE 1000000'], rcpt: { bad: ['550 unknown'] } } },
  { name: 'chunking', rcpts: ['ok@y.example'], server: { ehlo: [...EHLO_BASE.slice(0, -1), '250-CHUNKING', '250 HELP'] } },
  { name: 'max-rcpt', rcpts: ['a@y.example', 'b@y.example', 'c@y.example'], server: {}, transport: 'max_rcpt = 2' },
  { name: 'size-addition-off', rcpts: ['ok@y.example'], server: {}, transport: 'size_addition = -1' },
  { name: 'helo-data', rcpts: ['ok@y.example'], server: {}, transport: 'helo_data = helo.example' },
  { name: 'two-hosts-first-refused', rcpts: ['ok@y.example'], server: {}, hosts: ['refused', 'server'] },
  { name: 'connect-timeout', rcpts: ['ok@y.example'], server: 'refused', hosts: ['noaccept'], transport: 'connect_timeout = 1s\n  hosts_try_fastopen = :' },
  { name: 'tls-verify-ok', rcpts: ['ok@y.example'], server: { tls: true }, transport: `tls_verify_certificates = ${CERTS}/ca.pem\n  tls_verify_hosts = *` },
  { name: 'tls-verify-fail-required', rcpts: ['ok@y.example'], server: { tls: true }, transport: 'tls_verify_certificates = /etc/ssl/certs/ca-certificates.crt\n  tls_verify_hosts = *\n  hosts_require_tls = *' },
  { name: 'tls-verify-fail-tryclear', rcpts: ['ok@y.example'], server: { tls: true }, transport: 'tls_verify_certificates = /etc/ssl/certs/ca-certificates.crt\n  tls_verify_hosts = *' },
  { name: 'tls-try-verify-fail', rcpts: ['ok@y.example'], server: { tls: true }, transport: 'tls_verify_certificates = /etc/ssl/certs/ca-certificates.crt' },
  { name: 'tls-required-not-offered', rcpts: ['ok@y.example'], server: {}, transport: 'hosts_require_tls = *' },
  { name: 'starttls-454-required', rcpts: ['ok@y.example'], server: { tls: true, starttls: ['454 TLS not available'] }, transport: 'hosts_require_tls = *' },
  { name: 'refused-port-25', rcpts: ['ok@y.example'], server: 'refused', hosts: ['port25'] },
  { name: 'rcpt-4xx-then-second-host', rcpts: ['ok@y.example', 'later@y.example'], server: { rcpt: { later: ['451 4.3.0 try later'] } }, server2: {}, hosts: ['server', 'server2'] },
  { name: 'mail-4xx-then-second-host', rcpts: ['ok@y.example'], server: { mail: ['451 4.7.1 greylisted'] }, server2: {}, hosts: ['server', 'server2'] },
  { name: 'greeting-554-then-second-host', rcpts: ['ok@y.example'], server: { greeting: ['554 go away'] }, server2: {}, hosts: ['server', 'server2'] },
];

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * A listening socket whose accept queue is full and never drained: further connects hang in
 * SYN_SENT, which is how a connect timeout is produced on loopback. Python does it (Node
 * always accepts).
 */
export const NOACCEPT_PY = `import socket, time
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)
fill = []
for i in range(3):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(s.getsockname())
    except BlockingIOError: pass
    fill.append(c)
time.sleep(0.2)
print(s.getsockname()[1], flush=True)
time.sleep(120)
`;

async function noAcceptListener() {
  const child = spawn('python3', ['-c', NOACCEPT_PY], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
  return { port, close: () => child.kill() };
}

/** The scripted server; resolves to { port, commands, close }. */
async function scriptedServer(spec) {
  const commands = [];
  const port = await freePort();
  const sockets = new Set();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
    if (spec === 'silent') return;
    let out = s;
    const send = (lines) => out.write(lines.map((l) => `${l}\r\n`).join(''));
    send(spec.greeting ?? ['220 fake.test ESMTP']);
    let buf = Buffer.alloc(0);
    let mode = 'cmd';
    let bdatLeft = 0;
    let hung = false;
    const onData = (d) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        if (mode === 'bdat') {
          const n = Math.min(bdatLeft, buf.length);
          buf = buf.subarray(n);
          bdatLeft -= n;
          if (bdatLeft > 0) return;
          mode = 'cmd';
          send(spec.dot ?? ['250 OK chunk']);
          continue;
        }
        const i = buf.indexOf('\r\n');
        if (i < 0) return;
        const line = buf.subarray(0, i).toString('latin1');
        buf = buf.subarray(i + 2);
        if (mode === 'data') {
          if (line === '.') {
            commands.push('.');
            mode = 'cmd';
            if (spec.hangAt === '.') hung = true;
            if (!hung) send(spec.dot ?? ['250 OK id=fake1']);
          }
          continue;
        }
        commands.push(line);
        const u = line.toUpperCase();
        if (hung) continue;
        if (spec.hangAt && u.startsWith(spec.hangAt)) {
          hung = true;
          continue;
        }
        if (spec.closeAt && u.startsWith(spec.closeAt)) {
          s.destroy();
          return;
        }
        if (u === 'STARTTLS' && spec.tls) {
          send(spec.starttls ?? ['220 TLS go ahead']);
          if (spec.starttls) continue;
          s.removeListener('data', onData);
          const secure = new tls.TLSSocket(s, { isServer: true, cert: readFileSync(`${CERTS}/server-rsa.pem`), key: readFileSync(`${CERTS}/server-rsa.key`) });
          secure.on('error', () => {});
          secure.on('data', onData);
          out = secure;
          buf = Buffer.alloc(0);
          commands.push('<TLS>');
          return;
        }
        if (u.startsWith('EHLO')) send(spec.ehlo ?? (spec.tls && out === s ? [...EHLO_BASE.slice(0, -1), '250-STARTTLS', '250 HELP'] : EHLO_BASE));
        else if (u.startsWith('HELO')) send(spec.helo ?? ['250 fake.test']);
        else if (u.startsWith('MAIL')) send(spec.mail ?? ['250 OK']);
        else if (u.startsWith('RCPT')) {
          const lp = /<([^@>]*)@/.exec(line)?.[1] ?? '';
          send(spec.rcpt?.[lp] ?? ['250 Accepted']);
        } else if (u === 'DATA') {
          const r = spec.data ?? ['354 go ahead'];
          send(r);
          if (r[0].startsWith('354')) mode = 'data';
        } else if (u.startsWith('BDAT')) {
          bdatLeft = Number(u.split(' ')[1]);
          mode = 'bdat';
        } else if (u === 'QUIT') out.end('221 bye\r\n');
        else if (u === 'RSET') send(['250 Reset']);
        else send(['500 unknown']);
      }
    };
    s.on('data', onData);
  });
  await new Promise((r) => srv.listen(port, '127.0.0.1', r));
  return {
    port,
    commands,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  };
}

function config(dir, routeHosts, transportExtra) {
  return `primary_hostname = mw.test.example
spool_directory = ${dir}/spool
log_file_path = ${dir}/%slog
keep_environment =
begin routers
drop_bounces:
  driver = redirect
  domains = x.example
  data = :blackhole:
r1:
  driver = manualroute
  route_list = * "${routeHosts}" byname
  transport = t1
  self = send
begin transports
t1:
  driver = smtp
  allow_localhost
  ${transportExtra ?? ''}
begin retry
* * F,1h,10m
`;
}

/** Log lines with the date, time and message id replaced. */
function normaliseLog(text, ids) {
  return text
    .split('\n')
    .filter((l) => l && !l.includes('lost privilege'))
    .map((l) => l.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /, ''))
    .map((l) => {
      for (const [id, ph] of ids) l = l.split(id).join(ph);
      return l;
    });
}

async function runCase(c) {
  const dir = `${TMP}/${c.name}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(`${dir}/spool`, { recursive: true });
  chmodSync(dir, 0o777);
  chmodSync(`${dir}/spool`, 0o777);
  const server = c.server === 'refused' ? undefined : await scriptedServer(c.server);
  const server2 = c.server2 ? await scriptedServer(c.server2) : undefined;
  const refusedPort = await freePort();
  const noAccept = c.hosts?.includes('noaccept') ? await noAcceptListener() : undefined;
  const hostFor = (h) => {
    if (h === 'port25') return '127.0.0.1';
    if (h === 'noaccept') return `127.0.0.1::${noAccept.port}`;
    if (h === 'server2') return `127.0.0.1::${server2.port}`;
    return h === 'refused' || !server ? `127.0.0.1::${refusedPort}` : `127.0.0.1::${server.port}`;
  };
  const hosts = (c.hosts ?? ['server']).map(hostFor).join(' : ');
  const conf = `${dir}/conf`;
  writeFileSync(conf, config(dir, hosts, c.transport));
  const msg = 'Subject: oracle\nFrom: s@x.example\nMessage-Id: <oracle@x.example>\nDate: Mon, 23 Nov 2026 19:00:00 +0000\n\nbody line\n.leading dot\n';
  // Asynchronous: the scripted server runs in this process and must keep answering.
  const r = await new Promise((resolve) => {
    const child = spawn(EXIM, ['-C', conf, '-odi', '-f', 's@x.example', ...c.rcpts], { stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('close', (status) => resolve({ status }));
    child.stdin.end(msg);
  });
  await new Promise((res) => setTimeout(res, 300));
  await server?.close();
  await server2?.close();
  noAccept?.close();
  const log = existsSync(`${dir}/mainlog`) ? readFileSync(`${dir}/mainlog`, 'utf8') : '';
  const ids = [...new Set([...log.matchAll(/\b[0-9A-Za-z]{6}-[0-9A-Za-z]{4,6}-[0-9A-Za-z]{2,4}\b/g)].map((m) => m[0]))].map((id, i) => [id, `<ID${i}>`]);
  const dump = spawnSync('exim_dumpdb', [`${dir}/spool`, 'retry'], { encoding: 'utf8' });
  const retry = (dump.stdout ?? '')
    .split('\n')
    .filter((l) => /^\s+[RT]:/.test(l))
    .map((l) => normaliseLog(l.trim(), ids)[0] ?? '');
  const portSub = (l) => {
    let out = l.replaceAll(`:${refusedPort}`, ':<REFUSED_PORT>');
    if (noAccept) out = out.replaceAll(`:${noAccept.port}`, ':<NOACCEPT_PORT>');
    if (server2) out = out.replaceAll(`:${server2.port}`, ':<PORT2>');
    return server ? out.replaceAll(`:${server.port}`, ':<PORT>') : out;
  };
  return {
    name: c.name,
    rcpts: c.rcpts,
    server: c.server,
    hosts: c.hosts ?? ['server'],
    transport: (c.transport ?? '').replaceAll(CERTS, '<CERTS>'),
    exitStatus: r.status,
    log: normaliseLog(log, ids).map(portSub),
    commands: (server?.commands ?? []).map((l) => l.replace(/SIZE=\d+/, 'SIZE=<n>')).map(portSub),
    ...(server2 ? { server2: c.server2, commands2: server2.commands.map((l) => l.replace(/SIZE=\d+/, 'SIZE=<n>')).map(portSub) } : {}),
    retry: retry.map(portSub),
  };
}

const filter = process.argv[2];
const old = existsSync(OUT) ? JSON.parse(readFileSync(OUT, 'utf8')) : { cases: [] };
const results = new Map(old.cases.map((c) => [c.name, c]));
for (const c of CASES) {
  if (filter && !c.name.includes(filter)) continue;
  const res = await runCase(c);
  results.set(c.name, res);
  console.log(`${c.name}:\n  ${res.log.join('\n  ')}\n  retry: ${res.retry.join(' | ')}`);
}
mkdirSync('test/fixtures/smtp-client', { recursive: true });
const cases = CASES.map((c) => results.get(c.name)).filter(Boolean);
writeFileSync(OUT, JSON.stringify({ generator: 'scripts/oracle/gen-smtp-client.mjs', exim: '4.96', cases }, null, 1) + '\n');
