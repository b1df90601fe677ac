#!/usr/bin/env node
// SRS oracles. Needs exim4 plus what scripts/deps/srs-oracle.sh installs (faketime, Debian's
// Mail::SRS). Writes:
//  - test/fixtures/expand-conditions/srs.json: inbound_srs on local parts around today (the
//    fixture records the day; tests decode with that day as "now");
//  - test/fixtures/srs/native-encode.json: ${srs_encode} at fixed instants (faketime) for many
//    return-path forms, including the ones Exim refuses (with its error text);
//  - test/fixtures/srs/native-decode.json: inbound_srs at fixed instants, with the value of
//    $srs_recipient after each check (a sentinel set just before shows when it is untouched);
//  - test/fixtures/srs/mail-srs.json: classic SRS0/SRS1 forward and reverse by Mail::SRS
//    (Guarded, AlwaysRewrite) under faketime, with several secrets, separators and lengths.
// Usage: node scripts/oracle/gen-srs.mjs (runs scripts/deps/srs-oracle.sh first).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandLines, literal } from './exim-lines.mjs';

const deps = spawnSync('sh', ['scripts/deps/srs-oracle.sh'], { stdio: 'inherit' });
if (deps.status !== 0) throw new Error('scripts/deps/srs-oracle.sh failed');

const DAY = 86_400;
const SRS_DIR = 'test/fixtures/srs';
mkdirSync(SRS_DIR, { recursive: true });

function write(path, data) {
  writeFileSync(path, JSON.stringify(data, null, 1) + '\n');
  console.log(`wrote ${path}`);
}

// ---------------------------------------------------------------------------------------------
// inbound_srs around today (kept as before: test/expand/conditions/inbound-srs.test.ts reads it)
// ---------------------------------------------------------------------------------------------
function todayConditionFixture() {
  const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
  const day = Math.floor(Date.now() / 86_400_000);
  const stamp = (d) => {
    const v = ((d % 1024) + 1024) % 1024;
    return BASE32[v >> 5] + BASE32[v & 31];
  };
  const originals = ['user@example.com', 'User@Example.COM', 'a.b+tag@sub.example.org', 'x@y'];
  const secrets = ['secret', 'other secret'];
  const encoded = expandLines(
    secrets.flatMap((sec) => originals.map((o) => `\${srs_encode{${literal(sec)}}{${literal(o)}}{fwd.example}}`)),
  ).map((r) => r.out.replace(/@fwd\.example$/, ''));
  const localParts = new Set(encoded);
  const [hash] = /^SRS0=([^=]+)=/.exec(encoded[0]).slice(1);
  for (const back of [0, 1, 5, 10, 11, 12, 30, 500, -1, -2]) localParts.add(`SRS0=${hash}=${stamp(day - back)}=example.com=user`);
  for (const lp of [
    `srs0=${hash}=${stamp(day)}=example.com=user`, `SRS0=${hash.toUpperCase()}=${stamp(day)}=example.com=user`,
    `SRS0=${hash}=${stamp(day).toUpperCase()}=example.com=user`, `SRS0=${hash.slice(0, 3)}=${stamp(day)}=example.com=user`,
    `SRS0=${hash}a=${stamp(day)}=example.com=user`, `SRS0=${hash}=${stamp(day)}x=example.com=user`, `SRS0=${hash}==example.com=user`,
    `SRS0==${stamp(day)}=example.com=user`, `SRS0=${hash}=${stamp(day)}==user`, `SRS0=${hash}=${stamp(day)}=example.com=`,
    `SRS0=${hash}=${stamp(day)}=example.com`, `SRS0=${hash}=${stamp(day)}=EXAMPLE.com=User`, `SRS0=${hash}=${stamp(day)}=example.com=us=er`,
    `SRS0=${hash}=${stamp(day)}=exa=mple.com=user`, `SRS0=${hash}=j1=example.com=user`, `SRS0=${hash}=0m=example.com=user`,
    `SRS1=${hash}=${stamp(day)}=example.com=user`, `SRS0+${hash}=${stamp(day)}=example.com=user`, ` SRS0=${hash}=${stamp(day)}=example.com=user`,
    'plain', '', 'SRS0=x=aa=e=a b', 'SRS0=x=aa=e=a"b', 'SRS0=x=aa=e=a\\b', 'SRS0=x=aa=e=a.b', 'SRS0=x=aa=e=.a..b.',
    "SRS0=x=aa=e=a!#$%&'*+/=?^_`{|}~-b", 'SRS0=x=aa=e=a(b', 'SRS0=x=aa=e=a:b', 'SRS0=x=aa=e=a[b', 'SRS0=x=aa=e=user@x', 'SRS0=x=aa=e=é',
  ]) localParts.add(lp);
  const cases = [];
  for (const lp of localParts) for (const secret of ['secret', '', 'SECRET']) cases.push({ localPart: lp, secret });
  const answers = expandLines(cases.map((c) => `\${if inbound_srs{${literal(c.localPart)}}{${literal(c.secret)}}{T[$srs_recipient]}{F}}`));
  const fixture = {
    day,
    cases: cases.map((c, i) => {
      const a = answers[i];
      if ('error' in a) throw new Error(`unexpected error for ${c.localPart}: ${a.error}`);
      return a.out === 'F' ? { ...c, result: false } : { ...c, result: true, recipient: a.out.slice(2, -1) };
    }),
  };
  mkdirSync('test/fixtures/expand-conditions', { recursive: true });
  write('test/fixtures/expand-conditions/srs.json', fixture);
}

// ---------------------------------------------------------------------------------------------
// exim4 -be at a fixed instant (faketime)
// ---------------------------------------------------------------------------------------------
function eximAt(epochSeconds, exprs) {
  const spool = mkdtempSync(join(tmpdir(), 'mw-srs-spool-'));
  const config = join(spool, 'test.conf');
  writeFileSync(config, `spool_directory = ${spool}\nkeep_environment =\n`);
  const input = exprs.map((e, i) => `@@B${i}@@${e}@@E${i}@@\n`).join('');
  const res = spawnSync('faketime', [`@${epochSeconds}`, '/usr/sbin/exim4', '-C', config, '-be'], { input, maxBuffer: 1 << 26 });
  if (res.status !== 0) throw new Error(`exim4 failed: ${res.stderr}`);
  const lines = res.stdout.toString('utf8').split('\n');
  return exprs.map((_, i) => {
    const body = (lines[i] ?? '').replace(/^> /, '');
    if (body.startsWith('Failed: ')) return { error: body.slice(8) };
    const m = new RegExp(`^@@B${i}@@(.*)@@E${i}@@$`).exec(body);
    if (!m) throw new Error(`unexpected answer for case ${i}: ${body}`);
    return { out: m[1] };
  });
}

// Instants: an ordinary day, a day whose slot is below 32 (one significant base-32 digit), the
// slot-0 day and the last second before it.
const INSTANTS = [1577836860, 18437 * DAY + 100, 18432 * DAY + 5, 18432 * DAY - 1];

const RETURN_PATHS = [
  'user@example.org', 'User.Name@Example.COM', 'a=b@example.org', 'user+tag@sub.example.co.uk', 'localonly', '',
  '"a test"@example.org', '"a_test_user"@example.org', '"a"."b"@c', 'a."b c"@d', '"a\\"b"@c', '"a\\\\b"@c',
  '<user@example.org>', 'Fred <a@b>', 'Fred Bloggs <a@b>', '"Fred" <a@b>', '"a b" <x@y>', 'a@b (comment)', '(c) a@b',
  'a(comment)@b', 'a @ b', 'a . b@c', 'a@b . c', ' a@b ', '<@r1,@r2:a@b>', '@r:a@b', '<"a b"@c>', '<a>',
  'a@[1.2.3.4]', 'a@b-', 'a@1.2', 'a..b@c', '.a@c', 'a.@c', 'a\\@b@c', 'é@b', 'SRS0=abcd=xy=example.org=user@fwd.test',
  // refused
  'a b c', 'a@', '@b', '<>', '<a@b', 'a@b>', 'a@b.', 'a@b..c', 'a@-b', 'a@b_c', 'a@b, c@d', 'a@b@c', 'a:b@c',
  'group: a@b;', 'a@é', 'a@[1.2.3.4', 'a@b c', '<a@b> x', 'Fred <a@b> x', ' ', '(x)', 'x <>', '<@r:a>', '<@r a@b>',
  '"unterminated@c', 'a"b"@c', 'a@b;', 'a[b]@c', '<a@b x>', '<a b@c>',
  // more corners (not '""@c' nor '<"">': an empty quoted local part crashes exim4 4.96 with SIGSEGV)
  '<a@b>(c)', 'a@b(c)(d)', '((n)) a@b', 'a@[IPv6:::1]', '"a@b"@c', 'a@b\t', '\ta@b', '"a b"', 'abc',
  '<a@b>,<c@d>', 'x y <a@b>', 'x.y <a@b>', '"x" "y" <a@b>', '<a@b>>', '<<a@b>>', 'a@b@', 'a..@b', 'a\\ b@c', 'a\\"b@c',
  'a@b.c.d.e', 'a@B-1.Example', 'a+b=c@d', '<@r1:a@b', '@r1,@r2:a@b', '<@r1, @r2 : a@b>', 'x:y', 'a@b:c', '(unclosed a@b',
  'a (x) . (y) b@c', 'a@(x)b', 'a@b(x).c', '<a@b>(x) ', 'a@[]', 'a@[a]b', 'SRS0=x=aa=e=l', '"SRS0=x=aa=e=l"@d',
];

function nativeEncodeFixture() {
  const cases = [];
  for (const time of INSTANTS) {
    const inputs = [];
    for (const rp of RETURN_PATHS) inputs.push({ secret: 'mysecret', returnPath: rp, origDomain: 'fwd.example' });
    for (const secret of ['', 'x'.repeat(100), 'ünï', 'Secret With Spaces']) inputs.push({ secret, returnPath: 'user@example.org', origDomain: 'f' });
    inputs.push({ secret: 's', returnPath: 'A@B', origDomain: 'F' }, { secret: 's', returnPath: 'a@b', origDomain: '' });
    const answers = eximAt(time, inputs.map((c) => `\${srs_encode{${literal(c.secret)}}{${literal(c.returnPath)}}{${literal(c.origDomain)}}}`));
    inputs.forEach((c, i) => cases.push({ ...c, time, ...answers[i] }));
  }
  write(`${SRS_DIR}/native-encode.json`, { source: 'exim4 4.96 -be under faketime', cases });
}

const SENTINEL = 'SRS0=x=aa=sentinel=reset';

function nativeDecodeFixture() {
  const cases = [];
  const base = 1577836860;
  const encoded = eximAt(base, RETURN_PATHS.slice(0, 37).map((rp) => `\${srs_encode{mysecret}{${literal(rp)}}{fwd}}`))
    .filter((a) => 'out' in a && a.out !== '')
    .map((a) => a.out.slice(0, a.out.lastIndexOf('@')).replace(/^"(.*)"$/, '$1'));
  const localParts = [...new Set([...encoded, ...encoded.map((e) => e.toUpperCase()), ...encoded.map((e) => e.toLowerCase())])];
  localParts.push('SRS0=x=aa=e=a\nb', 'SRS0=x=aa=e=ab\n', 'SRS0=x=aa=e=', 'SRS0=x=aa==', 'SRS0=x=AA=e=l', 'SRS0=x=a2=e=l', 'SRS0=x=a8=e=l');
  for (const offset of [0, 1, 10, 11, 600, 1023, 1024]) {
    const time = base + offset * DAY;
    const inputs = [];
    for (const lp of localParts) for (const secret of ['mysecret', '']) inputs.push({ localPart: lp, secret });
    const answers = eximAt(time, inputs.map((c) => `\${if inbound_srs{${SENTINEL}}{}{}{}}\${if inbound_srs{${literal(c.localPart)}}{${literal(c.secret)}}{T}{F}}[$srs_recipient]`));
    inputs.forEach((c, i) => {
      const a = answers[i];
      if ('error' in a) throw new Error(`unexpected error for ${c.localPart}: ${a.error}`);
      const m = /^([TF])\[(.*)\]$/s.exec(a.out);
      const recipient = m[2] === 'reset@sentinel' ? null : m[2];
      cases.push({ ...c, time, result: m[1] === 'T', recipient });
    });
  }
  write(`${SRS_DIR}/native-decode.json`, { source: 'exim4 4.96 -be under faketime', sentinel: SENTINEL, cases });
}

// inbound_srs where exim4 is skipping: it still runs (nested expansions empty) and sets
// $srs_recipient; srs_encode does not run there.
function nativeSkipFixture() {
  const exprs = [
    '${if eq{1}{2}{${srs_encode{s}{a b c}{f}}}{ok}}',
    '${if eq{1}{2}{${if inbound_srs{SRS0=x=aa=e=l}{}{}{}}}{skip}}',
    '${if or{{eq{1}{1}}{inbound_srs{SRS0=x=aa=e=m}{}}}{T}{F}}',
    '${if and{{eq{1}{2}}{inbound_srs{SRS0=x=aa=e=n}{}}}{T}{F}}',
    '${if eq{1}{2}{${if inbound_srs{SRS0=x=aa=${lc:E}=l}{}{}{}}}{skip}}',
    '${if eq{1}{2}{${if inbound_srs{SRS0=x=aa=$primary_hostname=o}{}{}{}}}{skip}}',
    '${if eq{1}{2}{${if inbound_srs{SRS0=x=aa=e=p}{zz}{}{}}}{skip}}',
    '${if eq{1}{2}{${if inbound_srs{plain}{}{}{}}}{skip}}',
    '${if !inbound_srs{SRS0=x=aa=e=q}{}{T}{F}}',
    '${if forany{a:b}{inbound_srs{SRS0=x=aa=e=$item}{}}{T}{F}}',
  ].map((e) => `\${if inbound_srs{${SENTINEL}}{}{}{}}${e}[$srs_recipient]`);
  const answers = eximAt(1577836860, exprs);
  write(`${SRS_DIR}/native-skip.json`, { source: 'exim4 4.96 -be', cases: exprs.map((expr, i) => ({ expr, ...answers[i] })) });
}

// ---------------------------------------------------------------------------------------------
// Mail::SRS (classic SRS0/SRS1) under faketime
// ---------------------------------------------------------------------------------------------
const PERL = String.raw`
use strict; use warnings; use Mail::SRS; use JSON::PP;
my $in = decode_json(do { local $/; <STDIN> });
my @out;
for my $c (@$in) {
  my $srs = Mail::SRS->new(Secret => $c->{secrets}, MaxAge => $c->{maxAge}, HashLength => $c->{hashLength},
    HashMin => $c->{hashMin}, Separator => $c->{separator}, AlwaysRewrite => 1);
  local $SIG{__WARN__} = sub { $c->{warning} = $_[0] =~ /smashed case/ ? 'casebroken' : $_[0] };
  my $r = $c->{op} eq 'forward' ? eval { $srs->forward($c->{address}, $c->{domain}) } : eval { $srs->reverse($c->{address}) };
  if ($@) { (my $e = $@) =~ s/ at \S+ line \d+.*//s; push @out, { %$c, error => $e }; }
  else { push @out, { %$c, result => $r }; }
}
print JSON::PP->new->canonical->encode(\@out);
`;

function mailSrs(epochSeconds, cases) {
  const res = spawnSync('faketime', [`@${epochSeconds}`, 'perl', '-e', PERL], { input: JSON.stringify(cases), maxBuffer: 1 << 26 });
  if (res.status !== 0) throw new Error(`perl failed: ${res.stderr}`);
  return JSON.parse(res.stdout.toString('utf8'));
}

function mailSrsFixture() {
  const settings = [
    { secrets: ['tops3cr3t'], maxAge: 21, hashLength: 4, hashMin: 4, separator: '=' },
    { secrets: ['alpha', 'beta'], maxAge: 31, hashLength: 6, hashMin: 6, separator: '+' },
    { secrets: ['another secret'], maxAge: 10, hashLength: 8, hashMin: 4, separator: '-' },
  ];
  const senders = ['test@otherdomain.com', 'Test.User@OtherDomain.COM', 'user+tag@sub.example.co.uk', 'a=b@example.org',
    'SRS0=HHHH=TT=orig.example=user@hop1.example', 'SRS0+abcd=ZZ=orig.example=u@hop1.example',
    'SRS1=GGGG=hop1.example==HHHH=TT=orig.example=user@hop2.example', 'srs0=hash=tt=d.example=l@h.example'];
  const t0 = 1577836860;
  const forwardCases = [];
  for (const s of settings) for (const address of senders) forwardCases.push({ op: 'forward', ...s, address, domain: 'fwd.example', time: t0 });
  const forwards = mailSrs(t0, forwardCases);
  const reverseCases = [];
  for (const f of forwards.filter((x) => x.result)) {
    const { secrets, maxAge, hashLength, hashMin, separator } = f;
    const s = { secrets, maxAge, hashLength, hashMin, separator };
    const at = f.result.lastIndexOf('@');
    const local = f.result.slice(0, at);
    const variants = [f.result, local.toLowerCase() + f.result.slice(at), local.toUpperCase() + f.result.slice(at),
      f.result.replace(/^(SRS[01].)(.)/, (_, p, c) => p + (c === 'A' ? 'B' : 'A'))];
    for (const address of variants) for (const days of [0, 1, maxAge, maxAge + 1, -1]) {
      reverseCases.push({ op: 'reverse', ...s, address, time: t0 + days * DAY });
    }
  }
  const reverses = [];
  for (const time of [...new Set(reverseCases.map((c) => c.time))]) reverses.push(...mailSrs(time, reverseCases.filter((c) => c.time === time)));
  write(`${SRS_DIR}/mail-srs.json`, { source: 'Debian libmail-srs-perl 0.31 (Mail::SRS::Guarded, AlwaysRewrite) under faketime', cases: [...forwards, ...reverses] });
}

todayConditionFixture();
nativeEncodeFixture();
nativeDecodeFixture();
nativeSkipFixture();
mailSrsFixture();
