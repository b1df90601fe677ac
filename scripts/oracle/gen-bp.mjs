#!/usr/bin/env node
// Generates the option-table fixtures from the real Exim (exim4 -bP): full main listing, driver
// instance listings, built-in macros, per-value parse results (printed value or error text) and
// assorted -bP invocations. Output: test/fixtures/config-options/*.json. Needs /usr/sbin/exim4 and
// a writable /tmp; run as root (so -C is honoured and hidden values are shown).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const OUT = 'test/fixtures/config-options';
const TMP = '/tmp/mailwright-gen-bp';
const SPOOL = `${TMP}/spool`;
const HEAD = `spool_directory = ${SPOOL}\nkeep_environment =\n`;
mkdirSync(SPOOL, { recursive: true });
mkdirSync(OUT, { recursive: true });

let seq = 0;
function run(configText, args) {
  const file = join(TMP, `c${seq++}.conf`);
  writeFileSync(file, configText);
  const r = spawnSync(EXIM, ['-C', file, ...args], { encoding: 'latin1', env: { PATH: '/usr/bin:/bin' } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, file };
}

/** The configuration error text Exim reports (third line of the PANIC DIE block). */
function configError(stderr) {
  const lines = stderr.split('\n');
  const i = lines.findIndex((l) => /Exim configuration error/.test(l));
  return i >= 0 ? lines[i + 1].replace(/^ {2}/, '') : undefined;
}

function write(name, data) {
  writeFileSync(join(OUT, name), JSON.stringify(data, null, 1) + '\n');
  console.log(`wrote ${name}`);
}

// 1. Main options with defaults, and the built-in macros.
const main = run(HEAD, ['-bP']);
write('bp-main.json', { config: HEAD, stdout: main.stdout, status: main.status });
const macros = run(HEAD, ['-bP', 'macros']);
write('bp-macros.json', { stdout: macros.stdout });

// 2. One instance of every driver the binary has.
const DRIVERS = `${HEAD}begin routers
r_accept:
  driver = accept
  transport = t_smtp
r_dnslookup:
  driver = dnslookup
  transport = t_smtp
r_ipliteral:
  driver = ipliteral
  transport = t_smtp
r_iplookup:
  driver = iplookup
  hosts = localhost
  port = 25
r_manualroute:
  driver = manualroute
  transport = t_smtp
  route_list = * localhost
r_queryprogram:
  driver = queryprogram
  command = /bin/true
  command_user = root
r_redirect:
  driver = redirect
  data = x
begin transports
t_appendfile:
  driver = appendfile
  file = /tmp/x
t_autoreply:
  driver = autoreply
t_lmtp:
  driver = lmtp
  socket = /tmp/s
t_pipe:
  driver = pipe
t_smtp:
  driver = smtp
begin authenticators
a_cram_md5:
  driver = cram_md5
  public_name = XCRAMMD5
a_cyrus_sasl:
  driver = cyrus_sasl
  server_set_id = x
  public_name = LOGIN
a_dovecot:
  driver = dovecot
  public_name = XDOVECOT
a_external:
  driver = external
  public_name = XEXTERNAL
a_plaintext:
  driver = plaintext
  public_name = XPLAINTEXT
a_spa:
  driver = spa
  public_name = XSPA
a_tls:
  driver = tls
`;
const drivers = {};
for (const k of ['routers', 'transports', 'authenticators']) drivers[k] = run(DRIVERS, ['-bP', k]).stdout;
write('bp-drivers.json', { config: DRIVERS, ...drivers });

// 3. Value parsing: each case sets one main option and asks -bP for it.
const VALUE_CASES = [
  // integers
  ['smtp_accept_max', ['abc', '12x', '12K', '12M', '12G', '12k', '-5', '0x1F', '010', '09', '99999999999', '4G', '2147483647', '2147483648', '', '12 3', '"12"', '+12', '1.5', ' 7 ']],
  // fixed-point
  ['queue_only_load', ['2.5', '2.12345', '3', '0.05', '.5', 'x', '2.5x', '-1', '1K', '99999999', '10.']],
  // times and time lists
  ['auto_thaw', ['3h50m', '90', '90m', '3x', 'x', '', '1h 5m', '-5s', '0', '0s', '99999999999', '1h5', '3600s', '1w2d3h4m5s', '10w', '86400s', '1d1d']],
  ['delay_warning', ['1h:x', '', '1h : 2h', '1h::2h', '0', '1h:2d:3w', '30m']],
  // sizes in K and in bytes
  ['check_log_space', ['1G', '5000000', '2048', '3T', 'x', '0', '-1', '4G', '1536K', '10M']],
  ['bounce_return_size_limit', ['1G', '1048576', '1048577', '0', '2048M', '3G', 'x', '-1024', '1536K', '100k']],
  ['return_size_limit', ['2M']],
  // booleans
  ['accept_8bitmime', ['yes', 'no', 'false', 'true', 'maybe', '', 'TRUE', 'Yes', 'true x']],
  // ids
  ['exim_user', ['nosuchuser', 'root', 'nobody', '', '12x', '0']],
  ['exim_group', ['nosuchgroup', 'root', '54321', 'mail']],
  ['never_users', ['root : nosuch', '', '99999', 'root:0:mail', 'root : daemon']],
  ['admin_groups', ['nosuch', 'root:12', 'mail', '']],
  // strings
  ['smtp_banner', ['"a\\tb\\x41\\101\\\\\\"q"', '"abc" def', '"abc', 'abc "def"', 'a\\tb', '"a\\qb\\N"', '"a\\$b"', '""', '', '"x\\', '"a\\\\"', '"a\\x4g\\xqq\\400"', '"\\r\\b\\f\\v\\a\\e"', '"\\0"', '"a\\nb\\001\\x7f\\xe9z"', ' "q" ']],
];
const values = [];
for (const [name, list] of VALUE_CASES) {
  for (const value of list) {
    const r = run(`${HEAD}${name} = ${value}\n`, ['-bP', name]);
    values.push({ name, value, stdout: r.status === 0 ? r.stdout : undefined, error: configError(r.stderr) });
  }
}
// Name forms: no_/not_ prefixes, missing values.
const LINES = ['not_accept_8bitmime', 'no_accept_8bitmime = true', 'no_accept_8bitmime = false', 'no_foo', 'foo = 1', 'no_primary_hostname', 'primary_hostname', 'smtp_accept_max', 'no_smtp_accept_max', 'accept_8bitmime', 'no_accept_8bitmime', 'auto_thaw', 'exim_user'];
const lines = LINES.map((line) => {
  const r = run(`${HEAD}${line}\n`, ['-bP', 'accept_8bitmime']);
  return { line, stdout: r.status === 0 ? r.stdout : undefined, error: configError(r.stderr) };
});
write('values.json', { head: HEAD, values, lines });

// 4. Driver option errors (the instance context is not part of Exim's text).
const DRIVER_HEAD = `${HEAD}begin routers\nr1:\n  driver = accept\n  transport = t1\n%R\nbegin transports\nt1:\n  driver = smtp\n%T\nbegin authenticators\na1:\n  driver = plaintext\n  public_name = PLAIN\n%A\n`;
const DRIVER_CASES = [
  ['R', '  foo = 1'], ['R', '  no_foo'], ['R', '  no_domains'], ['R', '  self'], ['R', '  more = maybe'],
  ['R', '  hosts = x'], ['R', '  user = nosuchuser'], ['R', '  group = nosuchgr'], ['R', '  transport_home_directory = "abc'],
  ['T', '  foo = 1'], ['T', '  batch_max = x'], ['T', '  connect_timeout = 5'], ['T', '  port'], ['T', '  max_rcpt = 1x'],
  ['A', '  foo = 1'], ['A', '  server_prompts'], ['A', '  no_client_ignore_invalid_base64 = yes'],
];
const driverErrors = DRIVER_CASES.map(([where, line]) => {
  const text = DRIVER_HEAD.replace(`%${where}`, line).replace(/%[RTA]/g, '');
  const r = run(text, ['-bP', 'router', 'r1']);
  return { where, line, error: configError(r.stderr), status: r.status };
});
write('driver-errors.json', { template: DRIVER_HEAD, cases: driverErrors });

// 5. Assorted -bP invocations on a config with lists, macros, drivers and a hidden option.
const MISC = `${HEAD}hide mysql_servers = secret
MYMAC = hello
domainlist local_domains = @ : localhost
hostlist relay = 127.0.0.1
addresslist al = a@b
localpartlist lp = x
begin routers
r1:
  driver = accept
  transport = t1
begin transports
t1:
  driver = smtp
  hide helo_data = sec
begin authenticators
a1:
  driver = plaintext
  public_name = PLAIN
`;
const MISC_ARGS = [
  ['mysql_servers'], ['+local_domains', '+relay', '+al', '+lp'], ['+nope'], ['+relay', '+nope'], ['+nope', '+relay'],
  ['router_list', 'transport_list', 'authenticator_list'], ['macro', 'MYMAC'], ['macro', 'NOPE'], ['macro'],
  ['router', 'r1'], ['router', 'nope'], ['router'], ['transport', 't1'], ['authenticator', 'a1'],
  ['routers'], ['transports'], ['authenticators'], ['routers', 'transports'], ['primary_hostname', 'nonexist'],
  ['nonexist', 'primary_hostname'], ['nonexist'], ['no_accept_8bitmime', 'accept_8bitmime'], ['helo_data'],
  ['return_size_limit'], ['proxy_required_hosts'], ['exim_version', 'message_size_limit', 'delay_warning'],
];
const miscFile = run(MISC, ['-bV']).file;
const misc = MISC_ARGS.map((args) => {
  const r = spawnSync(EXIM, ['-C', miscFile, '-bP', ...args], { encoding: 'latin1', env: { PATH: '/usr/bin:/bin' } });
  return { args, stdout: r.stdout, status: r.status };
});
write('bp-misc.json', { config: MISC, configFile: miscFile, cases: misc });

// 6. -bP config re-printing.
const SOURCE = `# comment
spool_directory = ${SPOOL}   
keep_environment =
  primary_hostname = a.b \\
     .c
acl_smtp_rcpt = acl_check_rcpt

begin acl

acl_check_rcpt:
  accept hosts = :
  # c
         deny message = x
     domains = y

begin routers
r1:
  driver = accept
  transport = t1
r2:
  driver = redirect
  data = x
begin transports
t1:
  driver = smtp
begin retry
*   *   F,2h,15m
begin rewrite
*@x  $1@y  F
`;
const src = run(SOURCE, ['-bP', 'config']);
write('bp-config.json', { config: SOURCE, configFile: src.file, stdout: src.stdout });
