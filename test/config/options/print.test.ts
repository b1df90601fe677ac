// -bP output against exim4 fixtures: the full main listing, driver instances, named lists,
// macros, unknown names and exit statuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import { printConfig } from '../../../src/config/options/print.js';
import { EXPERIMENTAL_MAIN_OPTIONS, mainOptions } from '../../../src/config/options/index.js';
import { buildConfig, useFakeIds } from './helpers.js';

const dir = 'test/fixtures/config-options';
const load = <T>(name: string): T => JSON.parse(readFileSync(`${dir}/${name}`, 'latin1')) as T;
useFakeIds();

/**
 * Host-specific lines: Exim's values on the fixture machine versus Mailwright's (computed at run
 * time). Everything else must be byte-identical.
 */
function mailwrightHostLines(text: string): string {
  const host = hostname();
  const ours: Record<string, string> = {
    primary_hostname: host,
    qualify_domain: host,
    qualify_recipient: host,
    exim_path: mainLine('exim_path'),
    exim_user: mainLine('exim_user'),
    exim_group: mainLine('exim_group'),
    log_file_path: '/var/log/mailwright/%slog',
    pid_file_path: '/run/mailwright/mailwright.pid',
  };
  return text
    .split('\n')
    .map((l) => {
      const m = /^([a-z_]+) = /.exec(l);
      return m && ours[m[1]!] !== undefined ? `${m[1]} = ${ours[m[1]!]}` : l;
    })
    .join('\n');
}

function mainLine(name: string): string {
  const out = printConfig(buildConfig(''), [name], true).out;
  return out.slice(out.indexOf(' = ') + 3, -1);
}

test('-bP with no arguments lists every main option as exim4 does', () => {
  const fx = load<{ config: string; stdout: string; status: number }>('bp-main.json');
  const r = printConfig(buildConfig(fx.config), [], true);
  assert.equal(r.status, 0);
  assert.equal(r.out, mailwrightHostLines(fx.stdout));
});

test('-bP all is the main listing too', () => {
  const fx = load<{ config: string; stdout: string }>('bp-main.json');
  assert.equal(printConfig(buildConfig(fx.config), ['all'], true).out, printConfig(buildConfig(fx.config), [], true).out);
});

test('experimental main options are accepted and printable by name, not listed', () => {
  const listing = printConfig(buildConfig(''), [], true).out;
  for (const name of EXPERIMENTAL_MAIN_OPTIONS) assert.doesNotMatch(listing, new RegExp(`^(no_)?${name}( |$)`, 'm'));
  assert.ok(mainOptions.get('srs_config')?.pending === 'srs');
  const cfg = buildConfig('srs_config = secret:86400:6\nno_srs_usehash\ndccifd_options = header\n');
  assert.equal(printConfig(cfg, ['srs_config', 'srs_usehash', 'srs_maxage'], true).out, 'srs_config = secret:86400:6\nno_srs_usehash\nsrs_maxage = 31\n');
  assert.equal(printConfig(cfg, ['dmarc_tld_file', 'dccifd_address'], true).out, 'dmarc_tld_file = \ndccifd_address = /usr/local/dcc/var/dccifd\n');
});

test('experimental driver options and drivers: unlisted in reference drivers, listed in new ones', () => {
  const cfg = buildConfig(
    'begin routers\nr1:\n  driver = redirect\n  data = x\n  srs = forward\n  bmi_rule = 5:8\nbegin transports\nq:\n  driver = queuefile\n  directory = /var/spool/other\nt:\n  driver = smtp\n  dk_selector = s1\n  arc_sign = d:s:/k\n  tpda_delivery_action = x\nbegin authenticators\ng:\n  driver = gsasl\n  public_name = SCRAM-SHA-1\n',
  );
  const r1 = printConfig(cfg, ['router', 'r1'], true).out;
  assert.doesNotMatch(r1, /^(srs|bmi_rule) =/m);
  assert.equal(cfg.routers[0]!.options.get('srs')?.value, 'forward');
  const q = printConfig(cfg, ['transport', 'q'], true).out;
  assert.match(q, /^driver = queuefile$/m);
  assert.ok(q.endsWith('user = \ndirectory = /var/spool/other\n'));
  assert.equal(cfg.transports[1]!.options.get('arc_sign')?.value, 'd:s:/k');
  const g = printConfig(cfg, ['authenticator', 'g'], true).out;
  assert.match(g, /^server_mech = SCRAM-SHA-1$/m);
  assert.match(g, /^server_scram_iter = 4096$/m);
  assert.match(g, /^no_client_channelbinding$/m);
});

for (const kind of ['routers', 'transports', 'authenticators'] as const) {
  test(`-bP ${kind} prints every instance with generic then private options`, () => {
    const fx = load<Record<string, string>>('bp-drivers.json');
    const r = printConfig(buildConfig(fx.config!), [kind], true);
    assert.equal(r.out, fx[kind]);
    assert.equal(r.status, 0);
  });
}

interface MiscCase {
  args: string[];
  stdout: string;
  status: number;
}

const misc = load<{ config: string; configFile: string; cases: MiscCase[] }>('bp-misc.json');
for (const c of misc.cases) {
  // Exim 4.96 no longer knows this legacy name; Mailwright keeps it as an alias (checked below).
  if (c.args.includes('proxy_required_hosts')) continue;
  test(`-bP ${c.args.join(' ')}`, () => {
    const cfg = buildConfig(misc.config, misc.configFile);
    const r = printConfig(cfg, c.args, true);
    assert.equal(r.out, mailwrightHostLines(c.stdout));
    assert.equal(r.status, c.status);
  });
}

test('legacy alias names print the canonical value under the name asked for', () => {
  const cfg = buildConfig('hosts_proxy = 10.0.0.0/8\nreturn_size_limit = 2M\n');
  assert.equal(printConfig(cfg, ['proxy_required_hosts'], true).out, 'proxy_required_hosts = 10.0.0.0/8\n');
  assert.equal(printConfig(cfg, ['bounce_return_size_limit'], true).out, 'bounce_return_size_limit = 2M\n');
  const viaAlias = buildConfig('proxy_required_hosts = 1.2.3.4\n');
  assert.equal(printConfig(viaAlias, ['hosts_proxy'], true).out, 'hosts_proxy = 1.2.3.4\n');
});

test('router verify shorthand sets both halves', () => {
  const cfg = buildConfig('begin routers\nr1:\n  driver = accept\n  no_verify\n  fail_verify\n');
  const out = printConfig(cfg, ['router', 'r1'], true).out;
  assert.match(out, /^no_verify_sender$/m);
  assert.match(out, /^no_verify_recipient$/m);
  assert.match(out, /^fail_verify_sender$/m);
  assert.doesNotMatch(out, /^(no_)?verify$/m);
});

test('hidden values are not displayable to non-admin callers', () => {
  const cfg = buildConfig(misc.config, misc.configFile);
  assert.equal(printConfig(cfg, ['mysql_servers'], false).out, 'mysql_servers = <value not displayable>\n');
  assert.match(printConfig(cfg, ['transport', 't1'], false).out, /^helo_data = <value not displayable>$/m);
  assert.equal(printConfig(cfg, ['mysql_servers'], true).out, 'mysql_servers = secret\n');
});

test('a pending option gets a note on stderr only', () => {
  const r = printConfig(buildConfig(''), ['smtp_accept_max'], true);
  assert.equal(r.out, 'smtp_accept_max = 20\n');
  assert.match(r.err, /smtp_accept_max.*not yet used by Mailwright \(smtp-server\)/);
  assert.equal(printConfig(buildConfig(''), ['primary_hostname'], true).err, '');
});

test('-bP macros prints the built-in macros in exim order (restricted set)', () => {
  const fx = load<{ stdout: string }>('bp-macros.json');
  const ours = printConfig(buildConfig(''), ['macros'], true).out.split('\n');
  const theirs = new Set(fx.stdout.split('\n'));
  // Every _OPT_ macro for a Debian option is present and the relative order matches Exim's.
  const common = ours.filter((l) => theirs.has(l));
  const theirOrder = fx.stdout.split('\n').filter((l) => common.includes(l));
  assert.deepEqual(common, theirOrder);
  for (const l of fx.stdout.split('\n')) {
    if (l.startsWith('_OPT_') || l.startsWith('_DRIVER_') || l.startsWith('_LOG_') || l.startsWith('_DKIM_')) {
      assert.ok(ours.includes(l), `missing ${l}`);
    }
  }
  for (const want of ['_HAVE_DMARC=y', '_HAVE_SRS=y', '_HAVE_DKIM=y', '_OPT_MAIN_SRS_CONFIG=y', '_HAVE_LOOKUP_LMDB=y']) {
    assert.ok(ours.includes(want), want);
  }
});

test('-bP config re-prints the file as exim does', () => {
  const fx = load<{ config: string; configFile: string; stdout: string }>('bp-config.json');
  // Re-create the file at the path Exim read (the path is part of the output).
  mkdirSync(dirname(fx.configFile), { recursive: true });
  writeFileSync(fx.configFile, fx.config, 'latin1');
  const r = printConfig({ ...buildConfig(''), sourceName: fx.configFile }, ['config'], true);
  assert.equal(r.out, fx.stdout);
});

test('expandable driver values: $-strings for user/group/more, fixed users bring their group', () => {
  const cfg = buildConfig(
    'begin routers\nr1:\n  driver = accept\n  more = ${if eq{1}{1}}\n  user = $local_part\n  group = $x\nr2:\n  driver = accept\n  user = nobody\nbegin transports\nt1:\n  driver = smtp\n  group = mail\n',
  );
  const r1 = printConfig(cfg, ['router', 'r1'], true).out;
  assert.match(r1, /^more = \$\{if eq\{1\}\{1\}\}$/m);
  assert.match(r1, /^user = \$local_part$/m);
  assert.match(r1, /^group = \$x$/m);
  const r2 = printConfig(cfg, ['router', 'r2'], true).out;
  assert.match(r2, /^user = nobody$/m);
  assert.match(r2, /^group = nogroup$/m);
  const t1 = printConfig(cfg, ['transport', 't1'], true).out;
  assert.match(t1, /^group = mail$/m);
  assert.match(t1, /^user = $/m);
});

test('tls authenticator shows its instance name as public_name even when one is set', () => {
  const cfg = buildConfig('begin authenticators\nmy_tls:\n  driver = tls\n  public_name = OTHER\n');
  assert.match(printConfig(cfg, ['authenticator', 'my_tls'], true).out, /^public_name = my_tls$/m);
});

test('appendfile/pipe framing defaults follow the delivery mode (checked with exim4)', () => {
  const cfg = buildConfig(
    'begin transports\nf:\n  driver = appendfile\n  file = /x\nd:\n  driver = appendfile\n  directory = /x\n  quota_warn_threshold = 10\nm:\n  driver = appendfile\n  directory = /x\n  maildir_format\n  check_string = X\nb:\n  driver = pipe\n  use_bsmtp\n',
  );
  const show = (n: string): string => printConfig(cfg, ['transport', n], true).out;
  assert.match(show('f'), /^check_string = From $/m);
  assert.match(show('f'), /^message_suffix = \\n$/m);
  assert.match(show('d'), /^check_string = $/m);
  assert.match(show('d'), /^message_prefix = $/m);
  assert.match(show('d'), /^quota_warn_message = To: \$local_part@\$domain\\nSubject: Your mailbox\\n/m);
  assert.match(show('m'), /^check_string = X$/m);
  assert.match(show('b'), /^check_string = \.$/m);
  assert.match(show('b'), /^escape_string = \.\.$/m);
  assert.match(show('b'), /^message_prefix = $/m);
});

test('retry_interval_max is limited to a day', () => {
  assert.equal(printConfig(buildConfig('retry_interval_max = 2d12h\n'), ['retry_interval_max'], true).out, 'retry_interval_max = 1d\n');
  assert.equal(printConfig(buildConfig('retry_interval_max = 5h\n'), ['retry_interval_max'], true).out, 'retry_interval_max = 5h\n');
});
