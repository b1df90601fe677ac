#!/usr/bin/env node
// Generates the -brt fixtures from the real Exim: for each retry configuration below, a set of
// `exim4 -brt` invocations (with and without -f) and what they printed.
// Output: test/fixtures/queue/brt.json. Needs /usr/sbin/exim4; run as root (so -C is honoured).
// The timestamps Exim puts on its stderr remarks are replaced by TIMESTAMP.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EXIM = process.env.EXIM ?? '/usr/sbin/exim4';
const OUT = 'test/fixtures/queue';
const TMP = '/tmp/mailwright-gen-retry';
const SPOOL = `${TMP}/spool`;
const HEAD = `spool_directory = ${SPOOL}\nkeep_environment =\nprimary_hostname = myhost.test.ex\n`;
mkdirSync(SPOOL, { recursive: true });
mkdirSync(OUT, { recursive: true });

const CONFIGS = {
  errors: `begin retry
a1.x * F,1h,10m
a2.x rcpt_4xx F,1h,10m
a3.x rcpt_451 F,1h,10m
a4.x rcpt_45x F,1h,10m
a5.x mail_4xx F,1h,10m
a6.x mail_452 F,1h,10m
a7.x data_4xx F,1h,10m
a8.x data_45x F,1h,10m
a9.x timeout F,1h,10m
b1.x timeout_A F,1h,10m
b2.x timeout_MX F,1h,10m
b3.x timeout_connect F,1h,10m
b4.x timeout_connect_A F,1h,10m
b5.x timeout_connect_MX F,1h,10m
b6.x refused F,1h,10m
b7.x refused_A F,1h,10m
b8.x refused_MX F,1h,10m
b9.x lost_connection F,1h,10m
c1.x auth_failed F,1h,10m
c2.x tls_required F,1h,10m
c3.x quota F,1h,10m
c4.x quota_3d F,1h,10m
c5.x quota_36h F,1h,10m
c6.x lookup F,1h,10m
c7.x TIMEOUT_mx F,1h,10m
`,
  params: `begin retry
p1.x * H,1h,10m,2.5; G,2d,3h,2
p2.x * F,90m,1w
p3.x * F,100s,61m
p4.x * F,1d12h,2h30m
p5.x * F,3w,1w2d
p6.x * G,1h,10m,1.25; G,2h,10m,2; G,3h,10m,3.14159; H,4h,5m,7
p7.x * G,1h,10m,1.05; G,2h,10m,1.0005; G,3h,10m,1; G,4h,10m,10.5; G,5h,10m,1.999999
`,
  patterns: `addresslist al = lists.dom : *@*.lists.org
domainlist dl = dlist.example
begin retry
+al * F,5h,1h
lp@*.ex2 * F,6h,1h
*@z.com * senders="*@q.com : a@b" F,7h,1h
"*@w.com" * senders=: F,7h,1h
"  sp.com" * F,7h,1h
^\\N[^@]+@rx\\d+\\.com$\\N * F,9h,1h
^rx2 * F,9h,1h
*.b.c * F,10h,1h
host.mx.example * F,11h,1h
mail.example * F,12h,1h
!*@neg.com * F,8h,1h
`,
  defaultish: `begin retry
*   refused_A   F,2h,20m;
wonderland.example quota_5d
*   *   F,2h,15m; G,16h,1h,1.5; F,4d,6h
`,
  unknownlist: `begin retry
a.x * F,1h,10m
+nosuch * F,2h,10m
b.x * F,3h,10m
`,
  empty: `begin retry
`,
};

const CASES = [
  ...['* ', 'rcpt_4xx', 'rcpt_451', 'rcpt_45x', 'rcpt_461', 'mail_4xx', 'mail_452', 'data_4xx', 'data_451', 'timeout', 'timeout_A',
    'timeout_MX', 'timeout_connect', 'timeout_connect_A', 'timeout_connect_MX', 'refused', 'refused_A', 'refused_MX',
    'lost_connection', 'auth_failed', 'tls_required', 'quota', 'quota_1d', 'quota_3d', 'quota_4d', 'quota_2d', 'quota_36h',
    'lookup', 'timeout_dns', 'bogus', 'rcpt_4', 'refused_B'].flatMap((e) =>
    ['a1.x', 'a2.x', 'a3.x', 'a4.x', 'a5.x', 'a6.x', 'a7.x', 'a8.x', 'a9.x', 'b1.x', 'b2.x', 'b3.x', 'b4.x', 'b5.x', 'b6.x', 'b7.x', 'b8.x',
      'b9.x', 'c1.x', 'c2.x', 'c3.x', 'c4.x', 'c5.x', 'c6.x', 'c7.x'].map((d) => ({ config: 'errors', args: e.trim() === '*' ? [d] : [d, e] }))),
  ...['p1.x', 'p2.x', 'p3.x', 'p4.x', 'p5.x', 'p6.x', 'p7.x', 'nomatch.x'].map((d) => ({ config: 'params', args: [d] })),
  ...[
    ['lists.dom'], ['a.lists.org'], ['x@a.lists.org'], ['lp@a.ex2'], ['a.ex2'], ['lp@ex2'], ['q@z.com'], ['z.com'], ['q@w.com'],
    ['sp.com'], ['neg.com'], ['other.com'], ['x@rx12.com'], ['rx12.com'], ['rx2.foo'], ['x.b.c'], ['b.c'], ['X.B.C'],
    ['nomatch.zz', 'x.b.c'], ['nomatch.zz', 'x.b.c', 'timeout'], ['nomatch.zz', 'timeout', 'x.b.c'], ['host.mx.example', 'mail.example'],
    ['other.host', 'mail.example'], ['nothing'], ['a', 'b', 'c'], ['a@'], ['@b'], [],
  ].map((args) => ({ config: 'patterns', args })),
  ...['q@z.com', 'q@w.com', 'z.com'].flatMap((a) => ['q@q.com', '', 'a@b', 'x@y', '<>'].map((s) => ({ config: 'patterns', args: [a], sender: s }))),
  ...[['x@wonderland.example', 'quota_7d'], ['wonderland.example', 'quota_4d'], ['h.example', 'refused_A'], ['h.example', 'refused_MX'], ['h.example']]
    .map((args) => ({ config: 'defaultish', args })),
  ...[['a.x'], ['b.x'], ['c.x']].map((args) => ({ config: 'unknownlist', args })),
  { config: 'empty', args: ['a.x'] },
];

const stamp = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d /gm;
const results = [];
for (const [i, c] of CASES.entries()) {
  const file = join(TMP, `${c.config}.conf`);
  writeFileSync(file, HEAD + CONFIGS[c.config]);
  const extra = c.sender !== undefined ? ['-f', c.sender] : [];
  const r = spawnSync(EXIM, ['-C', file, ...extra, '-brt', ...c.args], { encoding: 'latin1', env: { PATH: '/usr/bin:/bin' } });
  results.push({ ...c, stdout: r.stdout, stderr: r.stderr.replace(stamp, 'TIMESTAMP '), status: r.status });
  if (i % 100 === 0) console.log(`${i}/${CASES.length}`);
}
writeFileSync(join(OUT, 'brt.json'), JSON.stringify({ head: HEAD, configs: CONFIGS, cases: results }, null, 1) + '\n');
console.log(`wrote brt.json (${results.length} cases)`);

// ---------------------------------------------------------------------------------------------
// Part 2: retry times. A routing deferral (redirect :defer:) creates R:fail.example; exim_fixdb
// then moves its first-failed / last-try / next-try times into the past, `exim4 -qff` fails
// again, and exim_dumpdb shows the record Exim computed. Output: test/fixtures/queue/retry-times.json.
const RT = '/tmp/mailwright-gen-retry-times';
const DEFAULT_RULE = '* * F,2h,15m; G,16h,1h,1.5; F,4d,6h';
const SCENARIOS = [
  { name: 'F stage', first: 60, last: 15, next: 0 },
  { name: 'G first step', first: 180, last: 60, next: 0 },
  { name: 'G grows past the planned gap', first: 300, last: 120, next: 30 },
  { name: 'G uses the actual gap when shorter', first: 600, last: 20, next: 0 },
  { name: 'G far along', first: 900, last: 200, next: 0 },
  { name: 'last F stage', first: 20 * 60, last: 60, next: 0 },
  { name: 'past the final cutoff', first: 5 * 24 * 60, last: 6 * 60, next: 0 },
  { name: 'retry_interval_max caps', first: 900, last: 200, next: 0, main: 'retry_interval_max = 2h' },
  { name: 'single F rule', first: 30, last: 10, next: 0, rule: '* * F,1h,7m' },
  { name: 'G with factor 2', first: 300, last: 100, next: 40, rule: '* * G,10h,30m,2' },
  { name: 'H within bounds', first: 180, last: 60, next: 0, rule: '* * H,10h,1h,2', random: true },
  { name: 'new record', rule: DEFAULT_RULE },
  { name: 'message older than the final cutoff', first: 60, last: 15, next: 0, rule: '* * F,1d,15m', messageAge: 2 * 86400 },
  { name: 'message older than the cutoff, no record yet', rule: '* * F,1d,15m', messageAge: 2 * 86400, fresh: true },
];

function fixdbTime(secondsAgo, now) {
  const d = new Date((now - secondsAgo) * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}

/** Makes the queued message look `age` seconds old (reception time on line 4 of -H). */
function ageQueued(age) {
  const dir = `${RT}/spool/input`;
  for (const n of readdirSync(dir)) {
    if (!n.endsWith('-H')) continue;
    const lines = readFileSync(`${dir}/${n}`, 'latin1').split('\n');
    const [t, count] = lines[3].split(' ');
    lines[3] = `${Number(t) - age} ${count}`;
    writeFileSync(`${dir}/${n}`, lines.join('\n'), 'latin1');
  }
}

function dumpRecord() {
  const r = spawnSync('/usr/sbin/exim_dumpdb', ['-z', `${RT}/spool`, 'retry'], { encoding: 'latin1', env: { PATH: '/usr/bin:/bin', TZ: 'UTC' } });
  const lines = r.stdout.split('\n');
  const i = lines.findIndex((l) => l.trim().startsWith('R:fail.example'));
  if (i < 0) return undefined;
  const times = lines[i + 1].trim().split(/\s{2,}/).map((t) => Date.parse(`${t} UTC`) / 1000);
  return { firstFailed: times[0], lastTry: times[1], nextTry: times[2], expired: /\*/.test(lines[i + 1]) };
}

const exim = (conf, args, input) => spawnSync(EXIM, ['-C', conf, ...args], { input: input ?? '', encoding: 'latin1', env: { PATH: '/usr/bin:/bin', TZ: 'UTC' } });
const timeResults = [];
for (const s of SCENARIOS) {
  rmSync(RT, { recursive: true, force: true });
  for (const d of ['spool', 'log']) mkdirSync(`${RT}/${d}`, { recursive: true });
  spawnSync('chown', ['-R', 'Debian-exim:Debian-exim', RT]);
  const conf = `${RT}/exim.conf`;
  const rule = s.rule ?? DEFAULT_RULE;
  writeFileSync(conf, `primary_hostname = myhost.test.ex\nqualify_domain = test.ex\nspool_directory = ${RT}/spool\nlog_file_path = ${RT}/log/%slog\nkeep_environment =\n${s.main ?? ''}\nbegin routers\nfail_router:\n  driver = redirect\n  domains = fail.example\n  allow_defer\n  data = :defer: try later\nbegin retry\n${rule}\n`);
  exim(conf, ['-odq', '-f', 's@test.ex', 'a@fail.example'], 'Subject: x\n\nbody\n');
  if (s.fresh) ageQueued(s.messageAge);
  else exim(conf, ['-qff']);
  let before;
  if (s.first !== undefined) {
    const now = Math.floor(Date.now() / 1000);
    const input = `R:fail.example\n2 ${fixdbTime(s.first * 60, now)}\n3 ${fixdbTime(s.last * 60, now)}\n4 ${fixdbTime(s.next * 60, now)}\n`;
    spawnSync('/usr/sbin/exim_fixdb', ['-z', `${RT}/spool`, 'retry'], { input, encoding: 'latin1', env: { PATH: '/usr/bin:/bin', TZ: 'UTC' } });
    before = dumpRecord();
    if (s.messageAge) ageQueued(s.messageAge);
    exim(conf, ['-qff']);
  }
  if (s.fresh) exim(conf, ['-qff']);
  const after = dumpRecord();
  const log = readFileSync(`${RT}/log/mainlog`, 'latin1');
  const failures = log.split('\n').filter((l) => / \*\* /.test(l)).map((l) => l.replace(/^\S+ \S+ \S+ /, ''));
  timeResults.push({ ...s, rule, before, after, failures });
  console.log(s.name, JSON.stringify(before), JSON.stringify(after));
}
writeFileSync(join(OUT, 'retry-times.json'), JSON.stringify(timeResults, null, 1) + '\n');
console.log(`wrote retry-times.json (${timeResults.length} scenarios)`);
