// Inputs of the spool fixtures (see gen-spool.mjs). Each case gives extra configuration, the
// exim4 arguments, stdin (latin1 string: one char per byte) and optional follow-up commands in
// which `{id}` stands for the first queued message id.

export const BASE_CONFIG = (spool) => `spool_directory = ${spool}
keep_environment =
queue_only = true
primary_hostname = mail.example.com
`;

const crlf = (lines) => lines.map((l) => `${l}\r\n`).join('');
const SMTP_HOST = ['-oMa', '192.0.2.1.1234', '-oMi', '192.0.2.2.25'];

const ROUTERS_FAIL = `
begin routers
fail_all:
  driver = redirect
  data = :fail: no such user here
`;

const ROUTERS_DEFER = `
begin routers
defer_all:
  driver = redirect
  allow_defer
  data = :defer: try later
`;

const ROUTERS_PARTIAL = `
begin routers
partial:
  driver = redirect
  allow_defer
  data = \${if eq{\$local_part}{ok}{:blackhole:}{:defer: try later}}
begin retry
*  *  F,1d,1h
`;

// Daemon cases: exim4 -bd on a free loopback port; `client` is the body of an async function
// given (port, fs) that talks SMTP (with STARTTLS) to it. The certificate is a fixed self-signed
// test certificate (scripts/oracle/spool-tls/), used as server and client certificate.
const TLS_DIR = new URL('./spool-tls/', import.meta.url).pathname;
const TLS_CONFIG = `tls_certificate = ${TLS_DIR}cert.pem
tls_privatekey = ${TLS_DIR}key.pem
tls_advertise_hosts = *
tls_try_verify_hosts = *
tls_verify_certificates = ${TLS_DIR}cert.pem
acl_smtp_rcpt = accept
`;
const TLS_CLIENT = `
  const net = await import('node:net'); const tls = await import('node:tls');
  const s = net.connect(port, '127.0.0.1');
  let buf = '';
  const wait = (sock) => new Promise((res) => { const on = (d) => { buf += d; if (/^\\d{3} .*\\r\\n/m.test(buf)) { sock.off('data', on); const b = buf; buf = ''; res(b); } }; sock.on('data', on); });
  let out = await wait(s);
  s.write('EHLO client.example\\r\\n'); out += await wait(s);
  s.write('STARTTLS\\r\\n'); out += await wait(s);
  const t = tls.connect({ socket: s, servername: 'sni.example', rejectUnauthorized: false, cert: fs.readFileSync(TLS_DIR + 'cert.pem'), key: fs.readFileSync(TLS_DIR + 'key.pem') });
  await new Promise((r) => t.once('secureConnect', r));
  for (const c of CMDS) { t.write(c); out += await wait(t); }
  t.end();
  return out;
`;

export const cases = [
  {
    name: 'esmtp-basic',
    description: 'EHLO session, two recipients, acl_c/acl_m variables (one with an embedded newline)',
    config: `acl_smtp_rcpt = acl_r
begin acl
acl_r:
  accept set acl_m_foo = bar
         set acl_c1 = hello\\nworld
`,
    args: ['-bs', ...SMTP_HOST],
    stdin: crlf(['EHLO client.example', 'MAIL FROM:<a@b.example>', 'RCPT TO:<x@y.example>', 'RCPT TO:<z@y.example>', 'DATA', 'Subject: hello', 'To: x@y.example', '', 'body line 1', 'body line 2', '.', 'QUIT']),
  },
  {
    name: 'smtp-helo',
    description: 'HELO (protocol smtp), no headers at all, empty body',
    config: 'acl_smtp_rcpt = accept\n',
    args: ['-bs', ...SMTP_HOST],
    stdin: crlf(['HELO client.example', 'MAIL FROM:<>', 'RCPT TO:<postmaster@y.example>', 'DATA', '', '.', 'QUIT']),
  },
  {
    name: 'esmtp-dsn-auth-frozen',
    description: 'DSN parameters (RET, ENVID, NOTIFY, ORCPT), -oMaa/-oMai authentication, -oMs host name, tainted acl_m, control=freeze, header types, NUL byte, dot-stuffing, lone CR',
    config: `dsn_advertise_hosts = *
acl_smtp_rcpt = acl_r
acl_smtp_data = acl_d
begin acl
acl_r:
  accept set acl_m_t = $sender_helo_name
acl_d:
  accept control = freeze/no_tell
`,
    args: ['-bs', ...SMTP_HOST, '-oMaa', 'plain', '-oMai', 'joe', '-oMas', 'joe@b.example', '-oMs', 'host.example'],
    stdin: crlf([
      'EHLO client.example',
      'MAIL FROM:<a@b.example> RET=HDRS ENVID=env123',
      'RCPT TO:<x@y.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;X@y.example',
      'RCPT TO:<z@y.example> NOTIFY=NEVER',
      'RCPT TO:<w@y.example> NOTIFY=DELAY',
      'RCPT TO:<v@y.example> ORCPT=rfc822;v+2B@y',
      'RCPT TO:<u@y.example> NOTIFY=SUCCESS,FAILURE,DELAY',
      'DATA',
      'Subject: hello',
      'From: A <a@b.example>',
      'Cc: c@d',
      'Bcc: e@f',
      'Reply-To: r@s',
      'Sender: s@t',
      'Message-ID: <abc@def>',
      'X-Long: aaa',
      '  bbb',
      '',
      'body\0x',
      '',
      '..dot',
      'lone\rcr',
      'end',
      '.',
      'QUIT',
    ]),
  },
  {
    name: 'esmtp-ret-full-auth-sender',
    description: 'RET=FULL, MAIL AUTH= after a fake authentication, 8-bit header bytes, a header over 999 bytes, long body line',
    config: `dsn_advertise_hosts = *
acl_smtp_rcpt = accept
`,
    args: ['-bs', ...SMTP_HOST, '-oMaa', 'plain', '-oMai', 'joe'],
    stdin: crlf([
      'EHLO client.example',
      'MAIL FROM:<a@b.example> RET=FULL AUTH=<joe@b.example> BODY=8BITMIME',
      'RCPT TO:<x@y.example> NOTIFY=FAILURE',
      'DATA',
      'Subject: caf\xe9 \xc3\xa9t\xc3\xa9',
      `X-Big: ${'x'.repeat(1100)}`,
      '',
      'y'.repeat(1500),
      '.',
      'QUIT',
    ]),
  },
  {
    name: 'local-t-args',
    description: '-t with command-line addresses: they form the non-recipients tree; Bcc marked deleted; local fix-ups (Message-Id, From, Date)',
    config: '',
    args: ['-t', 'a@x.example', 'd@x.example', 'q@x.example', 'b@x.example', 'm@x.example', 'c@x.example', 'z@x.example'],
    stdin: 'To: a@x.example, b@x.example, c@x.example, k@x.example\nCc: d@x.example\nBcc: e@x.example\nSubject: t\n\nhello\n',
  },
  {
    name: 'local-t-args-sorted',
    description: '-t with seven ascending command-line addresses (tree balancing)',
    config: '',
    args: ['-t', 'a1@x', 'a2@x', 'a3@x', 'a4@x', 'a5@x', 'a6@x', 'a7@x'],
    stdin: 'To: k@x.example\nSubject: t\n\nhello\n',
  },
  {
    name: 'local-bm-frozen',
    description: '-bm local submission, acl_not_smtp freezes and sets variables, -oMr protocol, no final newline',
    config: `acl_not_smtp = acl_n
begin acl
acl_n:
  accept control = freeze/no_tell
         set acl_m0 = zero
         set acl_c_conn = ${'$'}{quote_pgsql:it's}
`,
    args: ['-bm', '-oMr', 'custom', 'one@x.example', 'two@x.example'],
    stdin: 'From: someone@else.example\nSubject: frozen\n\nno final newline',
  },
  {
    name: 'local-freeze-thaw',
    description: '-bm then -Mf and -Mt: the -H file rewritten with -manual_thaw',
    config: '',
    args: ['-bm', '-f', 'sender@x.example', 'one@x.example'],
    stdin: 'Subject: thaw me\n\nbody\n',
    followups: [['-Mf', '{id}'], ['-Mt', '{id}']],
  },
  {
    name: 'local-bounce',
    description: 'delivery fails: the bounce (-localerror, empty sender) is queued, the original removed',
    config: ROUTERS_FAIL,
    args: ['-bm', '-f', 'sender@x.example', 'nobody@x.example'],
    stdin: 'Subject: will bounce\n\nbody\n',
    followups: [['-M', '{id}']],
  },
  {
    name: 'local-defer-N',
    description: '-N delivery that defers: the -H file rewritten with -N, no -deliver_firsttime',
    config: ROUTERS_DEFER,
    args: ['-bm', '-f', 'sender@x.example', 'later@x.example'],
    stdin: 'Subject: defer me\n\nbody\n',
    followups: [['-N', '-M', '{id}']],
  },
  {
    name: 'local-partial-delivery',
    description: 'one of three recipients delivered (blackhole), two deferred: the -H file rewritten with the non-recipients tree',
    config: ROUTERS_PARTIAL,
    args: ['-bm', '-f', 'sender@x.example', 'later@x.example', 'ok@x.example', 'again@x.example'],
    stdin: 'Subject: partial\n\nbody\n',
    followups: [['-M', '{id}']],
  },
  {
    name: 'local-untrusted',
    description: 'untrusted caller (nobody) sets the sender: -sender_set_untrusted',
    config: 'untrusted_set_sender = *\nexim_user = nobody\nexim_group = nogroup\n',
    user: 'nobody',
    args: ['-bm', '-f', 'other@x.example', 'one@x.example'],
    stdin: 'Subject: untrusted\n\nbody\n',
  },
  {
    name: 'local-null-sender',
    description: '-f <> from root: empty sender',
    config: '',
    args: ['-bm', '-f', '<>', 'one@x.example'],
    stdin: 'Subject: null\n\nbody\n',
  },
  {
    name: 'bdat-wireformat-utf8',
    description: 'SMTPUTF8, BDAT with spool_wireformat, IPv6 host, smtp_active_hostname, failed host lookup',
    config: `host_lookup = *
smtp_active_hostname = other.example
spool_wireformat = true
acl_smtp_rcpt = accept
`,
    args: ['-bs', '-oMa', '2001:db8::1.1234', '-oMi', '192.0.2.2.25'],
    stdin: 'EHLO client.example\r\nMAIL FROM:<\xc3\xbc@b.example> SMTPUTF8\r\nRCPT TO:<x@y.example>\r\nBDAT 33 LAST\r\nSubject: hi\r\n\r\nbody\r\nline2\r\n.\r\nQUIT\r\n',
  },
  {
    name: 'esmtp-multi',
    description: 'two messages in one session (RSET between), header rewriting marks replaced headers',
    config: `acl_smtp_rcpt = accept
begin rewrite
*@old.example  $local_part@new.example  hF
`,
    args: ['-bs', ...SMTP_HOST],
    stdin: crlf([
      'EHLO client.example',
      'MAIL FROM:<a@b.example>',
      'RCPT TO:<x@y.example>',
      'DATA',
      'From: Someone <s@old.example>',
      'Subject: one',
      '',
      'first',
      '.',
      'MAIL FROM:<a@b.example>',
      'RCPT TO:<x@y.example>',
      'RCPT TO:<x2@y.example>',
      'DATA',
      'Subject: two',
      '',
      'second',
      '.',
      'QUIT',
    ]),
  },
  {
    name: 'daemon-tls',
    description: 'real TCP connection to exim4 -bd, STARTTLS with SNI and a verified client certificate: tls_* options and their taint',
    config: TLS_CONFIG,
    daemon: true,
    client: TLS_CLIENT.replaceAll('TLS_DIR', JSON.stringify(TLS_DIR)).replace('CMDS', JSON.stringify(['EHLO client.example\r\n', 'MAIL FROM:<a@b.example>\r\n', 'RCPT TO:<x@y.example>\r\n', 'DATA\r\n', 'Subject: tls\r\n\r\nbody\r\n.\r\n', 'QUIT\r\n'])),
  },
];
