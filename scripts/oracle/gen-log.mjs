#!/usr/bin/env node
// Oracle for the log subsystem: starts real exim4 daemons on high loopback ports (one per
// configuration, each with its own spool and log directory under /tmp), runs scripted SMTP
// sessions against them, and records the main and reject log lines each session produced.
// Volatile parts (times, pids, message ids, client ports, durations) are replaced by
// placeholders so the fixture is stable. Also records selector-parsing errors (exim4 -bV with a
// bad log_selector) and the -bh "LOG:" output. Writes test/fixtures/log/*.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { join } from 'node:path';

const OUT_DIR = 'test/fixtures/log';
const WORK = '/tmp/mailwright-gen-log';
const EXIM = '/usr/sbin/exim4';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Base configuration shared by every daemon; `extra` adds main options, `acls` the ACL section. */
function config(name, extra, acls) {
  const dir = join(WORK, name);
  return [
    `spool_directory = ${dir}/spool`,
    'keep_environment =',
    `log_file_path = ${dir}/log/%slog`,
    'queue_only',
    'primary_hostname = mx.test.example',
    'qualify_domain = test.example',
    'host_lookup =',
    'rfc1413_hosts = 127.0.0.3',
    'rfc1413_query_timeout = 2s',
    'prdr_enable = true',
    'tls_resumption_hosts = *',
    'acl_smtp_rcpt = acl_rcpt',
    'acl_smtp_mail = acl_mail',
    'acl_smtp_data = acl_data',
    'acl_smtp_connect = acl_connect',
    'acl_smtp_helo = acl_helo',
    'acl_smtp_vrfy = acl_vrfy',
    'acl_smtp_etrn = acl_etrn',
    'host_reject_connection = 127.0.0.5',
    'message_size_limit = 2k',
    'smtp_etrn_command = /bin/true',
    'smtp_receive_timeout = 2s',
    ...(extra.some((e) => e.startsWith('pipelining_connect_advertise_hosts')) ? [] : ['pipelining_connect_advertise_hosts =']),
    ...COMMON(),
    ...extra,
    'begin acl',
    'acl_connect:',
    '  deny hosts = 127.0.0.4',
    '       message = go away',
    '       log_message = connect logged reason',
    '  accept',
    'acl_helo:',
    '  deny condition = ${if eq{$sender_helo_name}{bad.helo}}',
    '       message = bad helo',
    '  accept',
    'acl_vrfy:',
    '  deny message = no vrfy',
    'acl_etrn:',
    '  accept',
    'acl_mail:',
    '  deny senders = badsender@test.example',
    '       message = sender refused',
    '  deny senders = logged@test.example',
    '       message = sender refused',
    '       log_message = sender logged reason',
    '  accept',
    'acl_rcpt:',
    '  deny local_parts = bad',
    '       message = no bad',
    '  deny local_parts = logged',
    '       message = refused',
    '       log_message = rcpt logged reason',
    '  defer local_parts = later',
    '       message = try later',
    '  accept',
    'acl_data:',
    '  deny condition = ${if eq{$h_subject:}{reject me}}',
    '       message = data refused',
    '       log_message = data logged reason',
    '  accept',
    ...(acls ?? []),
    ...AUTHENTICATORS,
    '',
  ].join('\n');
}

class Session {
  constructor(port) {
    this.port = port;
    this.buf = '';
    this.waiters = [];
  }
  connect(localAddress = '127.0.0.1') {
    return new Promise((resolve, reject) => {
      const host = localAddress.includes(':') ? '::1' : '127.0.0.1';
      this.sock = net.connect({ host, port: this.port, localAddress }, () => {
        this.localPort = this.sock.localPort;
        resolve();
      });
      this.sock.on('error', reject);
      this.#listen(this.sock);
    });
  }
  #listen(sock) {
    sock.on('data', (d) => {
      this.buf += d.toString('latin1');
      this.#wake();
    });
    sock.on('close', () => {
      this.closed = true;
      this.#wake();
    });
    sock.on('error', () => {});
  }
  /** Upgrade to TLS after a 220 to STARTTLS; options carry SNI, client certificate, session. */
  startTls(opts) {
    return new Promise((resolve, reject) => {
      const raw = this.sock;
      raw.removeAllListeners('data');
      raw.removeAllListeners('close');
      const t = tls.connect({ socket: raw, rejectUnauthorized: false, ...opts }, () => resolve());
      t.on('session', (sess) => {
        Session.lastTlsSession = sess;
      });
      t.on('error', reject);
      this.sock = t;
      this.#listen(t);
    });
  }
  #wake() {
    for (const w of this.waiters.splice(0)) w();
  }
  /** Wait for `n` complete SMTP replies (final lines) and return them. */
  async replies(n) {
    const out = [];
    while (out.length < n) {
      const m = /^(\d{3}) [^\n]*\n/m.exec(this.buf);
      if (m) {
        const end = m.index + m[0].length;
        out.push(this.buf.slice(0, end));
        this.buf = this.buf.slice(end);
        continue;
      }
      if (this.closed) break;
      await Promise.race([new Promise((r) => this.waiters.push(r)), sleep(5000)]);
    }
    return out;
  }
  send(text) {
    this.sock.write(Buffer.from(text, 'latin1'));
  }
  async waitClose(ms = 5000) {
    const t0 = Date.now();
    while (!this.closed && Date.now() - t0 < ms) await Promise.race([new Promise((r) => this.waiters.push(r)), sleep(100)]);
  }
  end() {
    this.sock.destroy();
  }
}

/** Step kinds: [text, replies] sends then waits; ['@close'] drops; ['@wait', ms]; ['@eof'] waits for server close. */
async function runSteps(port, steps, { noBanner = false } = {}) {
  const s = new Session(port);
  // An ident session first starts a one-shot RFC 1413 server on 127.0.0.1:113 (rfc1413_hosts
  // names 127.0.0.3 only, so other sessions do no ident query) and connects from 127.0.0.3.
  let identServer;
  if (steps[0]?.[0] === '@ident') {
    const user = steps[0][1];
    identServer = net.createServer((c) => c.once('data', (d) => c.end(`${d.toString().trim()} : USERID : UNIX : ${user}\r\n`)));
    await new Promise((r) => identServer.listen(113, '127.0.0.3', r));
    steps = steps.slice(1);
    s.identFrom = '127.0.0.3';
  }
  // ['@from', address] makes the session come from another loopback address.
  if (steps[0]?.[0] === '@from') {
    s.identFrom = steps[0][1];
    steps = steps.slice(1);
  }
  // Proxied sessions come from 127.0.0.2, the only address in hosts_proxy.
  const proxied = steps[0]?.[0] === '@proxy';
  await s.connect(proxied ? '127.0.0.2' : s.identFrom ?? '127.0.0.1');
  if (proxied) s.send(steps[0][1]);
  if (proxied) steps = steps.slice(1);
  if (!noBanner) await s.replies(1);
  for (const step of steps) {
    if (step[0] === '@close') s.end();
    else if (step[0] === '@wait') await sleep(step[1]);
    else if (step[0] === '@eof') await s.waitClose(step[1] ?? 5000);
    else if (step[0] === '@banner') await s.replies(1);
    else if (step[0] === '@starttls') {
      const opts = { ...step[1] };
      if (opts.resume) opts.session = Session.lastTlsSession;
      delete opts.resume;
      if (opts.clientCert) Object.assign(opts, { cert: CLIENT_CERT(), key: CLIENT_KEY() });
      delete opts.clientCert;
      await s.startTls(opts);
    } else if (step[0] === '@raw') s.send(step[1]);
    else {
      s.send(step[0]);
      const r = await s.replies(step[1] ?? 1);
      if (process.env.DEBUG) console.error(JSON.stringify(step[0]).slice(0, 60), '->', JSON.stringify(r));
    }
  }
  if (!s.closed) {
    await s.waitClose(1500);
    s.end();
  }
  identServer?.close();
  return s.localPort;
}

const MSG = (extra = '') =>
  `Message-ID: <abc.123@client.example>\r\nSubject: Hello "world"\r\n${extra}\r\nbody line\r\n.\r\n`;

const CHUNK = 'Subject: chunked\r\n\r\nchunked body\r\n';
const TLS_EHLO = [['EHLO client.example\r\n'], ['STARTTLS\r\n']];
const AFTER_TLS = [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['DATA\r\n'], [MSG()], ['QUIT\r\n']];
const PLAIN = Buffer.from('\0alice\0secret').toString('base64');

const SESSIONS = {
  basic_esmtp: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['DATA\r\n'], [MSG()], ['QUIT\r\n']],
  basic_helo: [['HELO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['DATA\r\n'], [MSG()], ['QUIT\r\n']],
  bounce_sender_two_rcpts: [['EHLO client.example\r\n'], ['MAIL FROM:<>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['RCPT TO:<carol@test.example>\r\n'], ['DATA\r\n'], [`Subject: =?utf-8?q?caf=C3=A9?=\r\n\r\nx\r\n.\r\n`], ['QUIT\r\n']],
  no_message_id_no_subject: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example> SIZE=100 BODY=8BITMIME\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['DATA\r\n'], ['To: x\r\n\r\nhi\r\n.\r\n'], ['QUIT\r\n']],
  pipelined: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\nRCPT TO:<bob@test.example>\r\nDATA\r\n', 3], [MSG()], ['QUIT\r\n']],
  chunking: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], [`BDAT ${CHUNK.length} LAST\r\n${CHUNK}`], ['QUIT\r\n']],
  rcpt_rejected: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bad@test.example>\r\n'], ['RCPT TO:<logged@test.example>\r\n'], ['RCPT TO:<later@test.example>\r\n'], ['QUIT\r\n']],
  mail_rejected: [['EHLO client.example\r\n'], ['MAIL FROM:<badsender@test.example>\r\n'], ['MAIL FROM:<logged@test.example>\r\n'], ['QUIT\r\n']],
  data_rejected: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['DATA\r\n'], ['Subject: reject me\r\n\r\nx\r\n.\r\n'], ['QUIT\r\n']],
  no_mail_quit: [['EHLO client.example\r\n'], ['NOOP\r\n'], ['QUIT\r\n']],
  no_mail_lost: [['EHLO client.example\r\n'], ['@close']],
  lost_before_helo: [['@close']],
  incomplete_quit: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['QUIT\r\n']],
  incomplete_rset: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['RSET\r\n'], ['QUIT\r\n']],
  lost_in_data: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['DATA\r\n'], ['Subject: x\r\n', 0], ['@wait', 200], ['@close']],
  timeout_command: [['EHLO client.example\r\n'], ['@eof', 6000]],
  timeout_data: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['DATA\r\n'], ['@eof', 6000]],
  sync_error_banner: [['EHLO early\r\n', 1], ['@eof']],
  sync_error_helo: [['HELO client.example\r\nMAIL FROM:<a@b.example>\r\n', 2], ['@eof']],
  syntax_errors: [['EHLO client.example\r\n'], ['FROB\r\n'], ['MAIL FROM:<bad\r\n'], ['RCPT TO:<x@y>\r\n'], ['QUIT\r\n']],
  helo_ip_literal: [['HELO [10.0.0.1]\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['DATA\r\n'], [MSG()], ['QUIT\r\n']],
  auth_plain: [['EHLO client.example\r\n'], [`AUTH PLAIN ${PLAIN}\r\n`], ['MAIL FROM:<alice@client.example> AUTH=<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['DATA\r\n'], [MSG()], ['QUIT\r\n']],
  auth_no_mail: [['EHLO client.example\r\n'], [`AUTH PLAIN ${PLAIN}\r\n`], ['QUIT\r\n']],
  tls_basic: [...TLS_EHLO, ['@starttls', {}], ...AFTER_TLS],
  tls_sni_cert: [...TLS_EHLO, ['@starttls', { servername: 'sni.test.example', clientCert: true }], ...AFTER_TLS],
  tls_resumed: [...TLS_EHLO, ['@starttls', { resume: true }], ...AFTER_TLS],
  tls_auth: [...TLS_EHLO, ['@starttls', {}], ['EHLO client.example\r\n'], [`AUTH PLAIN ${PLAIN}\r\n`], ...AFTER_TLS.slice(1)],
  tls_no_mail: [...TLS_EHLO, ['@starttls', {}], ['EHLO client.example\r\n'], ['QUIT\r\n']],
  proxied: [['@proxy', 'PROXY TCP4 198.51.100.9 127.0.0.1 41000 25\r\n'], ...AFTER_TLS],
  proxied_rejected: [['@proxy', 'PROXY TCP4 198.51.100.9 127.0.0.1 41000 25\r\n'], ['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bad@test.example>\r\n'], ['QUIT\r\n']],
  pipe_connect: [['@raw', 'EHLO client.example\r\n'], ['@banner'], ['@banner'], ...AFTER_TLS.slice(1)],
  everything: [['@proxy', 'PROXY TCP4 198.51.100.9 127.0.0.1 41000 25\r\n'], ...TLS_EHLO, ['@starttls', { servername: 'sni.test.example', clientCert: true }],
    ['EHLO client.example\r\n'], [`AUTH PLAIN ${PLAIN}\r\n`], ['MAIL FROM:<alice@client.example> AUTH=<alice@client.example> PRDR BODY=8BITMIME\r\n'],
    ['RCPT TO:<bob@test.example>\r\n'], [`BDAT ${CHUNK.length} LAST\r\n${CHUNK}`, 1], ['QUIT\r\n']],
  everything_prdr: [['@proxy', 'PROXY TCP4 198.51.100.9 127.0.0.1 41000 25\r\n'], ...TLS_EHLO, ['@starttls', {}], ['EHLO client.example\r\n'],
    [`AUTH PLAIN ${PLAIN}\r\n`], ['MAIL FROM:<alice@client.example> PRDR\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['RCPT TO:<carol@test.example>\r\n'],
    ['DATA\r\n'], [MSG(), 4], ['QUIT\r\n']],
  ident: [['@ident', 'identuser'], ...AFTER_TLS],
  ipv6: [['@from', '::1'], ...AFTER_TLS],
  ident_rejected: [['@ident', 'identuser'], ['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bad@test.example>\r\n'], ['QUIT\r\n']],
  subject_escapes: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['DATA\r\n'],
    ['Subject: tab\there \\ back \x01\x1b\x7f ctl \xe9 raw "q" =?iso-8859-1?q?caf=E9?=\r\nMessage-ID: no-brackets@x\r\n\r\nx\r\n.\r\n'], ['QUIT\r\n']],
  prdr: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example> PRDR\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['RCPT TO:<carol@test.example>\r\n'], ['DATA\r\n'], [MSG(), 4], ['QUIT\r\n']],
  connect_acl_deny: [['@from', '127.0.0.4'], ['@eof']],
  host_reject_connection: [['@from', '127.0.0.5'], ['@eof']],
  helo_rejected: [['EHLO bad.helo\r\n'], ['QUIT\r\n']],
  too_many_errors: [['EHLO client.example\r\n'], ['FOO\r\n'], ['BAR\r\n'], ['BAZ\r\n'], ['QUX\r\n'], ['@eof']],
  too_big: [['EHLO client.example\r\n'], ['MAIL FROM:<alice@client.example> SIZE=5000\r\n'], ['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'],
    ['DATA\r\n'], [`Subject: big\r\n\r\n${'x'.repeat(70)}\r\n`.repeat(1) + `${'y'.repeat(70)}\r\n`.repeat(40) + '.\r\n'], ['QUIT\r\n']],
  vrfy_etrn: [['EHLO client.example\r\n'], ['VRFY bob\r\n'], ['ETRN #queue\r\n'], ['QUIT\r\n']],
  no_helo: [['MAIL FROM:<alice@client.example>\r\n'], ['RCPT TO:<bob@test.example>\r\n'], ['DATA\r\n'], [MSG()], ['QUIT\r\n']],
};

let certs;
function makeCerts() {
  if (certs) return certs;
  const dir = join(WORK, 'certs');
  mkdirSync(dir, { recursive: true });
  for (const who of ['server', 'client']) {
    // The client's O= has a quote and a comma, to see how the peer DN is escaped.
    const subject = who === 'client' ? '/CN=client.test.example/O=Mailwright "Test", Inc' : '/CN=server.test.example/O=Mailwright Test';
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-subj', subject,
      '-keyout', join(dir, `${who}.key`), '-out', join(dir, `${who}.pem`)], { stdio: 'ignore' });
    chmodSync(join(dir, `${who}.key`), 0o644);
  }
  certs = dir;
  return dir;
}
const CLIENT_CERT = () => readFileSync(join(makeCerts(), 'client.pem'));
const CLIENT_KEY = () => readFileSync(join(makeCerts(), 'client.key'));
const COMMON = () => [
  'tls_advertise_hosts = *', `tls_certificate = ${makeCerts()}/server.pem`, `tls_privatekey = ${makeCerts()}/server.key`, 'tls_try_verify_hosts = *',
  // The client's self-signed certificate is the only trust anchor: verifying it gives CV=yes.
  `tls_verify_certificates = ${makeCerts()}/client.pem`, 'hosts_proxy = 127.0.0.2', 'auth_advertise_hosts = *',
];
const AUTHENTICATORS = ['begin authenticators', 'plain:', '  driver = plaintext', '  public_name = PLAIN',
  '  server_condition = ${if eq{$auth3}{secret}}', '  server_set_id = $auth2', '  server_prompts = :'];

const CONFIGS = {
  default: { extra: [] },
  all: { extra: ['log_selector = +all'] },
  all_minus: { extra: ['log_selector = +all -millisec -pid -incoming_port -incoming_interface'] },
  none: { extra: ['log_selector = -all'] },
  connection: { extra: ['log_selector = +smtp_connection +smtp_no_mail +smtp_incomplete_transaction +smtp_protocol_error +smtp_syntax_error'] },
  received: { extra: ['log_selector = +received_recipients +received_sender +subject +receive_time +8bitmime +msg_id_created -msg_id +incoming_port'] },
  pipe: { extra: ['log_selector = +pipelining'] },
  pipeconnect: { extra: ['log_selector = +pipelining', 'pipelining_connect_advertise_hosts = *'] },
};

let portBase = 25250;
async function runConfig(name, cfg) {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  for (const d of ['spool', 'log']) {
    mkdirSync(join(dir, d), { recursive: true });
    chmodSync(join(dir, d), 0o777);
  }
  chmodSync(dir, 0o777);
  const confPath = join(dir, 'exim.conf');
  writeFileSync(confPath, config(name, cfg.extra, cfg.acls));
  const port = portBase++;
  const pidFile = join(dir, 'daemon.pid');
  execFileSync(EXIM, ['-C', confPath, '-bd', '-oX', String(port), '-oP', pidFile]);
  await sleep(700);
  const read = (f) => (existsSync(join(dir, 'log', f)) ? readFileSync(join(dir, 'log', f), 'latin1') : '');
  let seen = { mainlog: read('mainlog').length, rejectlog: read('rejectlog').length };
  const out = {};
  try {
    for (const [sname, steps] of Object.entries(SESSIONS)) {
      if (process.env.ONLY_SESSIONS && !process.env.ONLY_SESSIONS.split(',').includes(sname)) continue;
      const noBanner = sname.startsWith('sync_error_banner') || sname.startsWith('pipe_connect');
      const clientPort = await runSteps(port, steps, { noBanner });
      await sleep(400);
      const main = read('mainlog');
      const rej = read('rejectlog');
      out[sname] = {
        main: normalise(main.slice(seen.mainlog), clientPort, port),
        reject: normalise(rej.slice(seen.rejectlog), clientPort, port),
      };
      seen = { mainlog: main.length, rejectlog: rej.length };
    }
  } finally {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    process.kill(pid, 'SIGTERM');
  }
  return { config: config('NAME', cfg.extra, cfg.acls).replaceAll(WORK, '<WORK>').split('\n'), port, sessions: out };
}

/** Replace volatile values with placeholders: <TS>, <PID>, <ID>, <CPORT>, <SPORT>, <DUR>. */
function normalise(text, clientPort, serverPort) {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) =>
      l
        .replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3})?/, (m, ms) => (ms ? '<TS.ms>' : '<TS>'))
        .replace(/^(<TS(?:\.ms)?>) \[\d+\]/, '$1 [<PID>]')
        .replace(/\b[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}\b/g, '<ID>')
        .replace(new RegExp(`\\]:${clientPort}\\b`, 'g'), ']:<CPORT>')
        .replace(/(PRX=\[127\.0\.0\.2\]):\d+/, '$1:<CPORT>')
        .replace(/^(\t)[A-Z][a-z]{2}, \d+ [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [-+]\d{4}$/, '$1<DATE>')
        .replace(new RegExp(`\\]:${serverPort}\\b`, 'g'), ']:<SPORT>')
        .replace(new RegExp(`\\(port=${clientPort} `, 'g'), '(port=<CPORT> ')
        .replace(/\b(D|RT)=[0-9.]+m?s\b/g, '$1=<DUR>')
        .replace(/Message-ID: <E[^>]*>/, 'Message-ID: <GENERATED>')
        .replace(/id\*=E<ID>@mx\.test\.example/, 'id*=E<ID>@mx.test.example'),
    );
}

/** log_selector parse results: exim4 -bV with each setting; records the error text or "ok". */
function selectorErrors() {
  const settings = ['+bogus', 'bogus', '+all', '-all +pid', '+0x1', '+rejected_headers', '+ pid', '+pid-millisec', '+pid -', '+', '+all -dkim',
    '+ALL', '+pid+millisec', '+pid,millisec', '+pid:millisec', '-all+pid', '\t+pid\t+millisec', '+8bitmime', '+pid+', '+pid+bogus', '+all-all',
    '+pid.x', '+Pid', '+pid_x', '+-pid', '', '+protocol_detail', '+tls_resumption', '+proxy', '+spf', '+srs', '+dkim_verbose', '-',
    '+smtp_connection  -  pid', 'pid', '++pid', '+pid +PID'];
  const dir = join(WORK, 'selectors');
  mkdirSync(dir, { recursive: true });
  return settings.map((s) => {
    const conf = join(dir, 'x.conf');
    writeFileSync(conf, `spool_directory = ${dir}/spool\nkeep_environment =\nlog_file_path = ${dir}/%slog\nlog_selector = ${s}\n`);
    const r = spawnSync(EXIM, ['-C', conf, '-bV'], { encoding: 'latin1' });
    const m = /Exim configuration error:\n {2}(.*)\n/.exec(r.stderr + r.stdout);
    return { setting: s, error: m ? m[1] : null };
  });
}

/** -bh output: only the LOG: lines (debug lines dropped), with the time fragment normalised. */
function bhOutput() {
  const dir = join(WORK, 'bh');
  mkdirSync(dir, { recursive: true });
  const variants = { plain: [], pid: ['log_selector = +pid'], millisec: ['log_selector = +millisec'], millisec_pid: ['log_selector = +millisec +pid'],
    tz: ['log_timezone = true'], tz_pid: ['log_timezone = true', 'log_selector = +pid'], tz_millisec: ['log_timezone = true', 'log_selector = +millisec'],
    connection: ['log_selector = +smtp_connection'] };
  const input = 'EHLO client.example\r\nMAIL FROM:<alice@client.example>\r\nRCPT TO:<bad@test.example>\r\nRCPT TO:<bob@test.example>\r\nDATA\r\nSubject: hi\r\n\r\nx\r\n.\r\nQUIT\r\n';
  // A configuration of its own (the daemons' one has other connect/helo ACLs).
  const bhConfig = (extra) => [`spool_directory = ${dir}/spool`, 'keep_environment =', `log_file_path = ${dir}/%slog`, 'primary_hostname = mx.test.example',
    'acl_smtp_connect = acl_conn', 'acl_smtp_rcpt = acl_rcpt', ...extra, 'begin acl', 'acl_conn:', '  warn logwrite = conn logwrite',
    '  warn logwrite = :reject: reject only', '  warn logwrite = :panic: panic only', '  warn log_message = warn logmsg', '  accept', 'acl_rcpt:',
    '  deny local_parts = bad', '       message = no bad', '  accept', ''].join('\n');
  const out = {};
  for (const [name, extra] of Object.entries(variants)) {
    const conf = join(dir, `${name}.conf`);
    writeFileSync(conf, bhConfig(extra));
    const r = spawnSync(EXIM, ['-C', conf, '-bh', '192.0.2.7'], { input, encoding: 'latin1' });
    if (r.stderr.includes('configuration error')) throw new Error(`-bh variant ${name}: ${r.stderr}`);
    out[name] = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('LOG: '))
      .map((l) => l.replace(/^LOG: \d{3} /, 'LOG: <ms> ').replace(/\[\d+\]/, '[<PID>]').replace(/\b[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}\b/g, '<ID>'));
  }
  return out;
}

mkdirSync(OUT_DIR, { recursive: true });
mkdirSync(WORK, { recursive: true });
chmodSync(WORK, 0o777);
writeFileSync(join(OUT_DIR, 'selector-errors.json'), JSON.stringify(selectorErrors(), null, 1) + '\n');
writeFileSync(join(OUT_DIR, 'bh.json'), JSON.stringify(bhOutput(), null, 1) + '\n');
const only = process.argv.slice(2);
const sessions = {};
for (const [name, cfg] of Object.entries(CONFIGS)) {
  if (only.length && !only.includes(name)) continue;
  sessions[name] = await runConfig(name, cfg);
  console.error(`config ${name}: ${Object.keys(sessions[name].sessions).length} sessions`);
}
// With configuration names given, only those are redone and merged into the existing fixture.
const sessionsPath = join(OUT_DIR, 'sessions.json');
const merged = only.length && existsSync(sessionsPath) ? { ...JSON.parse(readFileSync(sessionsPath, 'utf8')), ...sessions } : sessions;
writeFileSync(sessionsPath, JSON.stringify(merged, null, 1) + '\n');
