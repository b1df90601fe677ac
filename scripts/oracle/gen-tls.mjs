#!/usr/bin/env node
// Generates test/fixtures/tls/oracle.json from the real Exim 4.96 (Debian's exim4, built with
// GnuTLS): exim4 -bd runs on a free loopback port with the certificates of gen-tls-certs.sh, and
// a Node TLS client (STARTTLS) connects with different protocol versions, ciphers, key-exchange
// groups, SNI names and client certificates. For each session we record what the client
// negotiated, the SMTP replies, and the main-log lines: the `<=` line (X=, CV=, DN=, SNI=) and
// logwrite lines from the RCPT ACL that dump every $tls_in_* variable, certextract field and
// certificate fingerprint (hexquote'd so newlines survive the log). Run as root; needs exim4.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { join, resolve } from 'node:path';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const CERTS = resolve('test/fixtures/tls/certs');
const OUT = 'test/fixtures/tls/oracle.json';
const TMP = '/tmp/mailwright-gen-tls';
const cert = (n) => readFileSync(join(CERTS, n));

/** Expressions the RCPT ACL logs, each as `V <name>=<hexquoted value>`. */
const FIELDS = ['version', 'serial_number', 'subject', 'issuer', 'notbefore', 'notafter', 'sig_algorithm', 'signature', 'subj_altname', 'ocsp_uri', 'crl_uri'];
const MODIFIED = ['subject,CN', 'subject,OU', 'subject,OU,>;', 'subject,O', 'subject,EMAIL', 'subject,C', 'subject,DC', 'issuer,CN', 'notbefore,int', 'notafter,int', 'subj_altname,dns', 'subj_altname,mail', 'subj_altname,mail,>:', 'subj_altname,ip', 'subj_altname,uri', 'subj_altname,>|', 'ocsp_uri,>;', 'crl_uri,>;'];
// Not logged: certextract{nosuch} fails the expansion with: bad field selector "nosuch" for certextract
const VARS = ['tls_in_bits', 'tls_in_certificate_verified', 'tls_in_cipher', 'tls_in_cipher_std', 'tls_in_ocsp', 'tls_in_peerdn', 'tls_in_resumption', 'tls_in_sni', 'tls_in_ver', 'tls_bits', 'tls_cipher', 'tls_peerdn', 'tls_sni', 'tls_certificate_verified', 'tls_in_peercert', 'tls_in_ourcert'];

function dumpExpressions(full) {
  const exprs = VARS.map((v) => [v, `$${v}`]);
  for (const c of ['tls_in_peercert', 'tls_in_ourcert']) {
    exprs.push([`def:${c}`, `\${if def:${c}{y}{n}}`]);
    for (const h of ['md5', 'sha1', 'sha256', 'sha2', 'sha2_256', 'base64']) exprs.push([`${h}:${c}`, `\${${h}:$${c}}`]);
    if (!full) continue;
    for (const f of [...FIELDS, ...MODIFIED]) exprs.push([`certextract ${f} ${c}`, `\${certextract{${f}}{$${c}}}`]);
    exprs.push([`certextract yes/no ${c}`, `\${certextract{subject,CN}{$${c}}{<$value>}{none}}`]);
  }
  return exprs.map(([n, e]) => `  warn logwrite = V ${n}=\${hexquote:${e}}\n`).join('');
}

function config(spool, port, extra, full) {
  return `spool_directory = ${spool}
log_file_path = ${TMP}/log/%slog
keep_environment =
queue_only = true
primary_hostname = mail.example.com
daemon_smtp_ports = ${port}
${extra.includes('timezone') ? '' : 'timezone = UTC\n'}${extra.includes('# no certificate') ? '' : `tls_certificate = \${if eq{$tls_in_sni}{sni.example}{${CERTS}/sni.pem}{${CERTS}/server-rsa.pem : ${CERTS}/server-ec.pem}}
tls_privatekey = \${if eq{$tls_in_sni}{sni.example}{${CERTS}/sni.key}{${CERTS}/server-rsa.key : ${CERTS}/server-ec.key}}
`}tls_verify_certificates = ${CERTS}/ca.pem
${extra.includes('tls_resumption_hosts') ? '' : 'tls_resumption_hosts = *\n'}log_selector = +tls_peerdn +tls_sni +tls_certificate_verified +tls_resumption
acl_smtp_rcpt = rcpt
${extra}
begin acl
rcpt:
${dumpExpressions(full)}  accept
`;
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = net.createServer();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Reads SMTP replies (last line "ddd ") from a socket. */
function replyReader(sock) {
  let buf = '';
  const waiters = [];
  const check = () => {
    const m = /^\d{3} .*\r\n/m.exec(buf);
    if (m && waiters.length) {
      const end = m.index + m[0].length;
      const text = buf.slice(0, end);
      buf = buf.slice(end);
      waiters.shift().res(text);
    }
  };
  sock.on('data', (d) => {
    buf += d.toString('latin1');
    check();
  });
  sock.on('close', () => {
    for (const w of waiters.splice(0)) w.rej(new Error(`connection closed${buf ? `: ${buf}` : ''}`));
  });
  return {
    next: () =>
      new Promise((res, rej) => {
        waiters.push({ res, rej });
        check();
        setTimeout(() => rej(new Error('reply timeout')), 8000);
      }),
    detach: () => sock.removeAllListeners('data'),
  };
}

/** One SMTP session: EHLO, STARTTLS with `opts`, EHLO, one message, QUIT. */
async function session(port, opts) {
  const s = net.connect(port, '127.0.0.1');
  await new Promise((r, j) => s.once('connect', r).once('error', j));
  const plain = replyReader(s);
  let transcript = await plain.next();
  s.write('EHLO client.example\r\n');
  transcript += await plain.next();
  s.write('STARTTLS\r\n');
  transcript += await plain.next();
  plain.detach();
  const { clientCert, ...tlsOpts } = opts;
  let t;
  try {
    t = tls.connect({ socket: s, rejectUnauthorized: false, ...tlsOpts, ...(clientCert ? { cert: cert(`${clientCert}.pem`), key: cert(`${clientCert}.key`) } : {}) });
  } catch (e) {
    s.destroy();
    return { error: `client: ${e.code ?? e.message}`, transcript };
  }
  const sessions = [];
  t.on('error', () => {});
  t.on('session', (b) => sessions.push(b));
  try {
    await new Promise((r, j) => t.once('secureConnect', r).once('error', j));
  } catch (e) {
    s.destroy();
    return { error: String(e.code ?? e.message), transcript };
  }
  const c = t.getCipher();
  const info = { protocol: t.getProtocol(), cipher: c.name, standardName: c.standardName, reused: t.isSessionReused(), peerCertSerial: t.getPeerCertificate().serialNumber };
  const r = replyReader(t);
  try {
    for (const cmd of ['EHLO client.example\r\n', 'MAIL FROM:<a@b.example>\r\n', 'RCPT TO:<x@y.example>\r\n', 'DATA\r\n', 'Subject: tls\r\n\r\nbody\r\n.\r\n', 'QUIT\r\n']) {
      t.write(cmd);
      transcript += await r.next();
    }
  } catch (e) {
    info.error = String(e.message);
  }
  await sleep(100);
  t.end();
  return { info, transcript, session: sessions.at(-1) };
}

/** Starts the daemon with `extra` configuration; returns a stop function and the log reader. */
async function startDaemon(name, extra, full) {
  const dir = join(TMP, name);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  const port = await freePort();
  const conf = join(dir, 'exim.conf');
  writeFileSync(conf, config(join(dir, 'spool'), port, extra, full));
  const pidFile = join(dir, 'exim.pid');
  const st = spawnSync(EXIM, ['-C', conf, '-bd', '-oX', String(port), '-oP', pidFile], { env: { PATH: '/usr/bin:/bin', TZ: 'UTC' } });
  for (let i = 0; i < 100 && !existsSync(pidFile); i++) await sleep(100);
  if (!existsSync(pidFile)) throw new Error(`daemon did not start: ${st.stderr}`);
  const pid = Number(readFileSync(pidFile, 'latin1').trim());
  const logFile = join(TMP, 'log', 'mainlog');
  let offset = existsSync(logFile) ? readFileSync(logFile).length : 0;
  return {
    port,
    spool: join(dir, 'spool'),
    newLogLines() {
      if (!existsSync(logFile)) return [];
      const all = readFileSync(logFile);
      const text = all.subarray(offset).toString('latin1');
      offset = all.length;
      return text.split('\n').filter((l) => l !== '');
    },
    stop: () => process.kill(pid, 'SIGTERM'),
  };
}

const unhex = (s) => s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
/** Log lines without the timestamp/pid prefix; V lines become a map. */
function splitLog(lines) {
  const vars = {};
  const log = [];
  for (const l of lines) {
    const body = l.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (\[\d+\] )?/, '');
    const m = /^(?:\S+ )?V ([^=]+)=(.*)$/.exec(body);
    if (m && body.includes(' V ') | body.startsWith('V ')) vars[m[1]] = unhex(m[2]);
    else log.push(body);
  }
  return { vars, log };
}

/** The tls_* lines of the newest -H file (their taint marks). */
function spoolTlsLines(spool) {
  const input = join(spool, 'input');
  if (!existsSync(input)) return [];
  const files = spawnSync('ls', ['-t', input]).stdout.toString().split('\n').filter((f) => f.endsWith('-H'));
  if (!files.length) return [];
  return readFileSync(join(input, files[0]), 'latin1').split('\n').filter((l) => /^-+tls_/.test(l)).map((l) => l.replace(/^(-+tls_\w+) .*$/s, '$1'));
}

const cases = [];
async function run(d, name, opts, note) {
  const r = await session(d.port, opts);
  await sleep(600);
  const { vars, log } = splitLog(d.newLogLines());
  const { session: sess, ...rest } = r;
  cases.push({ name, note, client: opts, ...rest, vars, log, spoolTls: spoolTlsLines(d.spool) });
  process.stderr.write(`${name}: ${r.error ?? r.info?.cipher} ${log.find((l) => l.includes('<=')) ?? log.join(' | ')}\n`);
  return sess;
}

rmSync(TMP, { recursive: true, force: true });
mkdirSync(join(TMP, 'log'), { recursive: true });
chmodSync(TMP, 0o777);
chmodSync(join(TMP, 'log'), 0o777);

// Daemon 1: tls_try_verify_hosts = *, full variable dump.
{
  const d = await startDaemon('try', 'tls_try_verify_hosts = *', true);
  try {
    await run(d, 'tls13-sni-client', { servername: 'sni.example', clientCert: 'client' }, 'TLS1.3 with SNI (the SNI certificate) and a verified client certificate');
    await run(d, 'tls13-nosni-rogue', { clientCert: 'rogue' }, 'TLS1.3, no SNI, an unverifiable client certificate');
    await run(d, 'tls13-plain', {}, 'TLS1.3, no SNI, no client certificate');
    await run(d, 'tls13-dated', { clientCert: 'dated' }, 'client certificate with chosen dates, EC key, SHA-384 signature, DC and UID in the DN');
    await run(d, 'tls12-sni-client', { servername: 'sni.example', clientCert: 'client', maxVersion: 'TLSv1.2' }, 'TLS1.2 with SNI and a verified client certificate');
  } finally {
    d.stop();
  }
}

// Daemon 2: names of ciphers (short dump only).
{
  const d = await startDaemon('ciphers', '', false);
  try {
    for (const suite of ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']) {
      for (const curve of ['X25519', 'P-256', 'P-384', 'P-521', 'X448']) {
        await run(d, `tls13-${suite}-${curve}`, { ciphers: suite, ecdhCurve: curve }, 'TLS1.3 suite and group');
      }
      await run(d, `tls13-${suite}-ecdsa`, { ciphers: suite, sigalgs: 'ecdsa_secp256r1_sha256' }, 'TLS1.3 with the EC certificate');
      await run(d, `tls13-${suite}-pss`, { ciphers: suite, sigalgs: 'rsa_pss_rsae_sha384' }, 'TLS1.3 with RSA-PSS SHA384');
    }
    const tls12 = [
      'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-CHACHA20-POLY1305', 'ECDHE-ECDSA-AES256-GCM-SHA384',
      'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-CHACHA20-POLY1305', 'DHE-RSA-AES256-GCM-SHA384', 'DHE-RSA-AES128-GCM-SHA256',
      'DHE-RSA-CHACHA20-POLY1305', 'AES256-GCM-SHA384', 'AES128-GCM-SHA256', 'ECDHE-RSA-AES256-SHA384', 'ECDHE-RSA-AES128-SHA256',
      'ECDHE-RSA-AES256-SHA', 'ECDHE-RSA-AES128-SHA', 'ECDHE-ECDSA-AES256-SHA', 'ECDHE-ECDSA-AES128-SHA', 'ECDHE-ECDSA-AES128-SHA256',
      'DHE-RSA-AES256-SHA256', 'DHE-RSA-AES128-SHA256', 'DHE-RSA-AES256-SHA', 'DHE-RSA-AES128-SHA', 'AES256-SHA256', 'AES128-SHA256', 'AES256-SHA', 'AES128-SHA',
      'ECDHE-RSA-AES256-CCM', 'ECDHE-ECDSA-AES256-CCM', 'ECDHE-ECDSA-AES128-CCM', 'DHE-RSA-AES256-CCM', 'AES256-CCM', 'AES128-CCM',
    ];
    for (const c of tls12) await run(d, `tls12-${c}`, { maxVersion: 'TLSv1.2', ciphers: `${c}:@SECLEVEL=0` }, 'TLS1.2 cipher');
    for (const curve of ['X25519', 'P-384']) await run(d, `tls12-ECDHE-RSA-AES256-GCM-SHA384-${curve}`, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES256-GCM-SHA384', ecdhCurve: curve }, 'TLS1.2 group');
    for (const v of ['TLSv1', 'TLSv1.1']) await run(d, `old-${v}`, { minVersion: v, maxVersion: v, ciphers: 'DEFAULT:@SECLEVEL=0' }, 'protocol versions below TLS1.2');
  } finally {
    d.stop();
  }
}

// Daemon 3: resumption (stateless tickets) for TLS1.3 and TLS1.2.
{
  const d = await startDaemon('resume', '', false);
  try {
    for (const max of ['TLSv1.3', 'TLSv1.2']) {
      const first = await run(d, `resume-${max}-first`, { maxVersion: max }, 'first connection, ticket requested');
      const second = await run(d, `resume-${max}-second`, { maxVersion: max, session: first }, 'second connection offers the ticket');
      await run(d, `resume-${max}-third`, { maxVersion: max, session: second ?? first }, 'third connection offers the newest ticket');
    }
    for (const [suite, curve] of [['TLS_AES_128_GCM_SHA256', 'P-256'], ['TLS_CHACHA20_POLY1305_SHA256', 'X25519']]) {
      const first = await run(d, `resume-${suite}-${curve}-first`, { ciphers: suite, ecdhCurve: curve }, 'first connection');
      await run(d, `resume-${suite}-${curve}-second`, { ciphers: suite, ecdhCurve: curve, session: first }, 'resumed');
    }
    for (const c of ['ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305', 'AES128-GCM-SHA256']) {
      const first = await run(d, `resume-tls12-${c}-first`, { maxVersion: 'TLSv1.2', ciphers: c, ecdhCurve: 'P-256' }, 'first connection');
      await run(d, `resume-tls12-${c}-second`, { maxVersion: 'TLSv1.2', ciphers: c, ecdhCurve: 'P-256', session: first }, 'resumed');
    }
  } finally {
    d.stop();
  }
}

// Daemon 4: resumption not offered to this host.
{
  const d = await startDaemon('noresume', 'tls_resumption_hosts = !*', false);
  try {
    const first = await run(d, 'noresume-first', {}, 'tls_resumption_hosts does not match');
    await run(d, 'noresume-second', { session: first }, 'a session offered where resumption is not enabled');
  } finally {
    d.stop();
  }
}

// Daemon 5: tls_verify_hosts = * (a certificate is required).
{
  const d = await startDaemon('verify', 'tls_verify_hosts = *', false);
  try {
    await run(d, 'verify-client', { clientCert: 'client' }, 'verified client certificate');
    await run(d, 'verify-none', {}, 'no client certificate where one is required');
    await run(d, 'verify-rogue', { clientCert: 'rogue' }, 'untrusted client certificate where verification is required');
  } finally {
    d.stop();
  }
}

// Daemon 6: certextract times under another timezone.
{
  const d = await startDaemon('timezone', 'timezone = America/New_York\ntls_try_verify_hosts = *', true);
  try {
    await run(d, 'timezone-dated', { clientCert: 'dated' }, 'notbefore/notafter with timezone = America/New_York');
  } finally {
    d.stop();
  }
}

// Daemon 7: tls_certificate unset (exim4 makes a self-signed certificate itself).
{
  const d = await startDaemon('selfsigned', '# no certificate', true);
  try {
    await run(d, 'selfsigned', {}, 'tls_certificate unset');
  } finally {
    d.stop();
  }
}

writeFileSync(OUT, `${JSON.stringify({ generatedBy: 'scripts/oracle/gen-tls.mjs', exim: spawnSync(EXIM, ['-bV']).stdout.toString().split('\n')[0], cases }, null, 1)}\n`);
process.stderr.write(`wrote ${cases.length} cases to ${OUT}\n`);
