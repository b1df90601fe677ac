// Cases for gen-route.mjs: configurations with accept and redirect routers and the -bt / -bv /
// -bvs runs to make against each. `@D@` in configs and file contents is the scratch directory
// (the same path in the generator and the tests, which recreate the files from the fixture).
export const SCRATCH = '/tmp/mw-route-oracle';

export const HEAD = `spool_directory = @D@/spool
keep_environment =
primary_hostname = test.ex
qualify_domain = test.ex
`;

const T = `begin transports
t1:
  driver = appendfile
  file = @D@/mbox
t2:
  driver = appendfile
  file = @D@/mbox
tp:
  driver = pipe
tf:
  driver = appendfile
td:
  driver = appendfile
  directory = @D@/dir
ts:
  driver = smtp
`;

const ALIAS_ROUTERS = `begin routers
r0:
  driver = redirect
  domains = test.ex
  local_parts = lsearch;@D@/aliases
  data = \${lookup{$local_part}lsearch{@D@/aliases}}
  allow_fail
  allow_defer
  pipe_transport = tp
  file_transport = tf
  directory_transport = td
r2:
  driver = accept
  domains = test.ex
  local_parts = !nob
  transport = t1
r3:
  driver = accept
  domains = other.ex
  transport = t2
`;

const ALIASES = `l1: a, b, c
l2: a, |/p1, b, |/p2, c, /f1
l3: a, x@nowhere.ex, b, y@nowhere.ex, c
l4: l1, d
l5: a, l1
l6: a, nob, d, :defer: x
l7: l5
failer: :fail: Gone away
failer2: :fail:
defer1: :defer: try later
defer2: :defer:
bh: :blackhole:
pipe1: |/bin/cat, /tmp/file1, /tmp/dir/, joe
unk: :unknown:
quoted: "a b"@test.ex, "|/bin/echo a,b"
unq: fred
loop: loop, other
bad: a@@b
empty:
one: a
two: a, b
twof: nob, a
onef: nob
onebh: bh
onedefer: defer1
oth: x@other.ex, y@nowhere.ex
cmt: # just a comment
withcmt: a, # comment
 b
angle: Some Name <angled@test.ex>, (comment) c@test.ex
`;

export const GROUPS = [
  {
    name: 'aliases',
    config: HEAD + ALIAS_ROUTERS + T,
    files: { aliases: ALIASES },
    runs: [
      ['-bt', 'l1@test.ex', 'l2@test.ex'],
      ['-bt', 'l3@test.ex', 'l4@test.ex', 'l5@test.ex'],
      ['-bt', 'l6@test.ex', 'l7@test.ex'],
      ['-bt', 'failer@test.ex', 'failer2@test.ex', 'defer1@test.ex', 'defer2@test.ex', 'bh@test.ex'],
      ['-bt', 'pipe1@test.ex', 'unk@test.ex', 'quoted@test.ex', 'unq@test.ex', 'loop@test.ex'],
      ['-bt', 'bad@test.ex', 'empty@test.ex', 'nob@test.ex', 'x@other.ex', 'zz@nowhere.ex'],
      ['-bt', 'l1@test.ex', 'l4@test.ex', 'nob@test.ex', 'a@test.ex'],
      ['-bt', 'cmt@test.ex', 'withcmt@test.ex', 'angle@test.ex', 'oth@test.ex'],
      ['-bt', 'l1@test.ex'],
      ['-bt', 'a', 'a@test.ex', 'a', 'unq@test.ex', 'fred', 'A@test.ex', 'a@TEST.EX'],
      ['-bt', 'nob@test.ex'],
      ['-bt', 'defer1@test.ex'],
      ['-bt', 'bh@test.ex'],
      ['-bv', 'one@test.ex', 'two@test.ex', 'twof@test.ex', 'onef@test.ex', 'failer@test.ex'],
      ['-bv', 'defer1@test.ex', 'bh@test.ex', 'onebh@test.ex', 'onedefer@test.ex', 'pipe1@test.ex', 'l3@test.ex'],
      ['-bv', '-v', 'one@test.ex', 'two@test.ex', 'twof@test.ex', 'onef@test.ex', 'failer@test.ex'],
      ['-bv', '-v', 'defer1@test.ex', 'bh@test.ex', 'onebh@test.ex', 'onedefer@test.ex', 'pipe1@test.ex', 'l3@test.ex'],
      ['-bvs', 'one@test.ex', 'nob@test.ex', 'x@other.ex'],
      ['-bv', 'a@test.ex'],
      ['-bv', 'nob@test.ex'],
      ['-bv', 'defer1@test.ex'],
    ],
  },
  {
    name: 'syntax',
    config: HEAD + ALIAS_ROUTERS + T,
    files: { aliases: ALIASES },
    runs: [
      ['-bt', 'Name <a@test.ex>', 'a@test.ex (comment)', '"quoted"@test.ex', 'a.@test.ex', '@test.ex', 'a@', 'a b'],
      ['-bt', '<a@b', 'A@TEST.EX', 'a@[1.2.3.4]', '"x y" <a@test.ex>', 'a@b.', 'a..b@test.ex', 'x@test.ex, y@test.ex', 'Plain@Test.Ex', 'plain'],
      ['-bt', ''],
      ['-bv', 'plain', 'a@@b'],
      { stdin: 'one@test.ex\n\nnob@test.ex x@test.ex\n# comment\n  plain  \n', args: ['-bt'] },
      { stdin: 'one@test.ex\nnob\n', args: ['-bv'] },
    ],
  },
  {
    name: 'verifyopts',
    config:
      HEAD +
      `begin routers
r0:
  driver = redirect
  domains = test.ex
  local_parts = lsearch;@D@/aliases
  data = \${lookup{$local_part}lsearch{@D@/aliases}}
  errors_to = bounce@test.ex
  headers_add = X-Foo: bar
  allow_fail
rv:
  driver = accept
  local_parts = vo
  verify_only
  transport = t1
rnv:
  driver = accept
  local_parts = nv
  no_verify
  transport = t1
rfv:
  driver = accept
  local_parts = fv
  fail_verify
  transport = t1
rfvs:
  driver = accept
  local_parts = fvs
  fail_verify_sender
  transport = t1
rvr:
  driver = accept
  local_parts = vr
  no_verify_recipient
  transport = t1
rat:
  driver = accept
  local_parts = at
  no_address_test
  transport = t1
rvonly:
  driver = accept
  local_parts = vonly
  verify_only
r2:
  driver = accept
  domains = test.ex
  local_parts = !nob
  transport = t1
` +
      T,
    files: { aliases: 'one: a\ntwo: a, b\nfailer: :fail: gone\n' },
    runs: [
      ['-bt', 'vo@test.ex', 'nv@test.ex', 'fv@test.ex', 'fvs@test.ex', 'vr@test.ex', 'at@test.ex', 'vonly@test.ex', 'one@test.ex'],
      ['-bv', 'vo@test.ex', 'nv@test.ex', 'fv@test.ex', 'fvs@test.ex', 'vr@test.ex', 'at@test.ex', 'vonly@test.ex', 'one@test.ex'],
      ['-bvs', 'vo@test.ex', 'nv@test.ex', 'fv@test.ex', 'fvs@test.ex', 'vr@test.ex', 'at@test.ex', 'vonly@test.ex', 'one@test.ex'],
      ['-bv', '-v', 'vo@test.ex', 'fv@test.ex', 'vonly@test.ex', 'two@test.ex'],
    ],
  },
  {
    name: 'generic',
    config:
      HEAD +
      `begin routers
ru:
  driver = accept
  local_parts = un
  unseen
  transport = t1
ru2:
  driver = accept
  local_parts = un2
  unseen = \${if eq{$domain}{test.ex}{yes}{no}}
  transport = t1
rnm:
  driver = redirect
  local_parts = nm
  data =
  no_more
  cannot_route_message = nm cannot be routed $local_part
rpre:
  driver = accept
  local_part_prefix = *-
  local_part_suffix = +*
  local_part_suffix_optional
  transport = \${if eq{$local_part_suffix_v}{bad}{nonesuch}{t1}}
  address_data = DATA-$local_part
rcase:
  driver = accept
  local_parts = CaSe
  caseful_local_part
  transport = t1
rclu:
  driver = accept
  check_local_user
  local_parts = ! root
  transport = t2
rsend:
  driver = accept
  senders = special@test.ex
  transport = t1
rreq:
  driver = accept
  local_parts = req : req2
  require_files = \${if eq{$local_part}{req}{@D@/nonexistent}{@D@/aliases}}
  transport = t1
rnreq:
  driver = accept
  local_parts = nreq
  require_files = !@D@/aliases
  transport = t1
rcond:
  driver = accept
  local_parts = cond : cond2 : cond3
  condition = \${if eq{$local_part}{cond}{yes}{\${if eq{$local_part}{cond3}{\${lookup{x}lsearch{@D@/nonexist}}}{no}}}}
  transport = t1
rlast:
  driver = accept
  local_parts = last
  transport = $local_part
rdata:
  driver = accept
  local_parts = dd
  domains = lsearch;@D@/domains
  address_data = $domain_data
  transport = \${if eq{$address_data}{ok}{t1}{t2}}
rpass:
  driver = redirect
  local_parts = pass
  data = :unknown:
  more = false
rcrm:
  driver = accept
  domains = crm.ex
  local_parts = nothing
  cannot_route_message = crm: no such user $local_part
  transport = t1
rlastcrm:
  driver = redirect
  domains = crm.ex
  local_parts = maybe
  data = :unknown:
` +
      T,
    files: { aliases: 'x: y\n', domains: 'test.ex: ok\nd2.ex: other\n' },
    runs: [
      ['-bt', 'un@test.ex', 'un2@test.ex', 'un2@other.ex', 'nm@test.ex'],
      ['-bt', 'a-b@test.ex', 'a-b+c@test.ex', 'x-y-z+q+r@test.ex', 'a-x+bad@test.ex', 'plain+x@test.ex'],
      ['-bt', 'CaSe@test.ex', 'case@test.ex', 'root@test.ex', 'daemon@test.ex', 'zz@test.ex'],
      ['-bt', 'req@test.ex', 'req2@test.ex', 'nreq@test.ex', 'cond@test.ex', 'cond2@test.ex', 'cond3@test.ex'],
      ['-bt', 'last@test.ex', 'dd@test.ex', 'dd@d2.ex', 'dd@d3.ex', 'pass@test.ex', 'any@crm.ex', 'maybe@crm.ex'],
      ['-bt', '-f', 'special@test.ex', 'zz@test.ex'],
      ['-bv', 'un@test.ex', 'nm@test.ex', 'a-b@test.ex'],
    ],
  },
  {
    name: 'expfail',
    config:
      HEAD +
      `begin routers
r1:
  driver = accept
  domains = \${if eq{$local_part}{d1}{\${lookup{x}lsearch{/nonexist}}}{test.ex}}
  local_parts = \${if eq{$local_part}{l1}{\${lookup{x}lsearch{/nonexist}}}{*}}
  senders = \${if eq{$local_part}{s1}{\${lookup{x}lsearch{/nonexist}}}{*}}
  require_files = \${if eq{$local_part}{q1}{\${lookup{x}lsearch{/nonexist}}}{/etc/passwd}}
  router_home_directory = \${if eq{$local_part}{h1}{\${lookup{x}lsearch{/nonexist}}}{/tmp}}
  address_data = \${if eq{$local_part}{a1}{\${lookup{x}lsearch{/nonexist}}}{\${if eq{$local_part}{a2}{fail}{x}}}}
  transport = \${if eq{$local_part}{t1}{\${lookup{x}lsearch{/nonexist}}}{t1}}
  errors_to = \${if eq{$local_part}{e1}{\${lookup{x}lsearch{/nonexist}}}{x@test.ex}}
  headers_add = \${if eq{$local_part}{ha}{\${lookup{x}lsearch{/nonexist}}}{X: y}}
  headers_remove = \${if eq{$local_part}{hr}{\${lookup{x}lsearch{/nonexist}}}{X}}
  more = \${if eq{$local_part}{m1}{\${lookup{x}lsearch{/nonexist}}}{yes}}
  unseen = \${if eq{$local_part}{u2}{maybe}{no}}
r2:
  driver = accept
  local_parts = a2
  transport = t2
` +
      T,
    files: {},
    runs: [
      ['-bt', 'd1@test.ex', 'l1@test.ex', 's1@test.ex', 'q1@test.ex', 'h1@test.ex', 'a1@test.ex', 'a2@test.ex'],
      ['-bt', 't1@test.ex', 'e1@test.ex', 'ha@test.ex', 'hr@test.ex', 'm1@test.ex', 'ok@test.ex'],
      ['-bv', 'd1@test.ex', 'l1@test.ex'],
      ['-bvs', 'd1@test.ex'],
      ['-bv', '-v', 'd1@test.ex'],
    ],
  },
  {
    name: 'redirect',
    config:
      HEAD +
      `qualify_recipient = qd.ex
begin routers
rstrict:
  driver = redirect
  domains = strict.ex
  data = \${lookup{$local_part}lsearch{@D@/aliases2}}
  forbid_include
  forbid_blackhole
rnotrans:
  driver = redirect
  domains = notrans.ex
  data = \${lookup{$local_part}lsearch{@D@/aliases2}}
rfile:
  driver = redirect
  domains = file.ex
  file = @D@/fwd/$local_part_data
  local_parts = lsearch;@D@/fwdusers
  pipe_transport = tp
  file_transport = tf
rfilter:
  driver = redirect
  domains = filter.ex
  file = @D@/fwd/$local_part_data
  local_parts = lsearch;@D@/fwdusers
  allow_filter
  user = nobody
rtaint:
  driver = redirect
  domains = taint.ex
  file = @D@/fwd/$local_part
rdexp:
  driver = redirect
  domains = dexp.ex
  data = \${if eq{$local_part}{x}{\${lookup{x}lsearch{/nonexist}}}{\${if eq{$local_part}{f}{fail}{}}}}
rqual:
  driver = redirect
  domains = qual.ex
  data = \${lookup{$local_part}lsearch{@D@/aliases2}}
  qualify_preserve_domain
  include_directory = @D@/inc
  skip_syntax_errors
rqd:
  driver = redirect
  domains = qd2.ex
  data = \${lookup{$local_part}lsearch{@D@/aliases2}}
  qualify_domain = other.qd
rrr:
  driver = redirect
  domains = rr.ex
  data = \${lookup{$local_part}lsearch{@D@/aliases2}}
  redirect_router = racc2
ranc:
  driver = redirect
  domains = anc.ex
  local_parts = ! jb
  data = \${lookup{$local_part}lsearch{@D@/aliases2}}
rancfwd:
  driver = redirect
  domains = anc.ex
  local_parts = jb
  data = joe@anc.ex, other@anc.ex
  check_ancestor
racc:
  driver = accept
  transport = t1
racc2:
  driver = accept
  transport = t2
` +
      T,
    files: {
      aliases2: `pipe: |/bin/cat
file: /tmp/f
inc: :include:@D@/inc/list
bh: :blackhole:
fail: :fail: no
defer: :defer: no
unq: plain, \\back
incout: :include:@D@/otherlist
incmiss: :include:@D@/inc/missing
bad: good, a@@b, c
allbad: a@@b
rel: relative/file
dir: /tmp/dir/
devnull: /dev/null
list: x, y
joe: jb
`,
      fwdusers: 'u1: u1\nu2: u2\nu3: u3\nu4: u4\nfilter: filter\nsieve: sieve\nu5: u5\n',
      'fwd/u1': 'a, b\n',
      'fwd/u2': '# comment only\n',
      'fwd/u4': { content: 'x@y.z\n', mode: 0o666 },
      'fwd/u5': { content: 'a, b\n', mode: 0o620 },
      'fwd/filter': '# Exim filter\ndeliver a@b.c\n',
      'fwd/sieve': '# Sieve filter\nkeep;\n',
      'inc/list': 'i1, i2\n',
      otherlist: 'o1\n',
    },
    runs: [
      ['-bt', 'pipe@strict.ex', 'file@strict.ex', 'inc@strict.ex', 'bh@strict.ex', 'fail@strict.ex', 'defer@strict.ex'],
      ['-bt', 'pipe@notrans.ex', 'file@notrans.ex', 'dir@notrans.ex', 'devnull@notrans.ex', 'rel@notrans.ex', 'bad@notrans.ex'],
      ['-bt', 'u1@file.ex', 'u2@file.ex', 'u3@file.ex', 'u4@file.ex', 'u5@file.ex', 'filter@file.ex', 'sieve@file.ex'],
      ['-bt', 'u1@taint.ex', 'x@dexp.ex', 'f@dexp.ex', 'e@dexp.ex'],
      ['-bt', 'unq@qual.ex', 'inc@qual.ex', 'incout@qual.ex', 'incmiss@qual.ex', 'bad@qual.ex', 'allbad@qual.ex', 'unq@qd2.ex'],
      ['-bv', 'bad@qual.ex'],
      ['-bt', 'list@rr.ex', 'joe@anc.ex'],
    ],
  },
  {
    name: 'items',
    config:
      HEAD +
      `begin routers
r0:
  driver = redirect
  local_parts = lsearch;@D@/aliases5
  data = \${lookup{$local_part}lsearch{@D@/aliases5}}
  pipe_transport = tp
  file_transport = tf
r1:
  driver = accept
  transport = t1
` +
      T,
    files: {
      aliases5: `w1: a@test.ex c
w2: "unterminated
w3: a@test.ex,,c@test.ex
w4: <a@test.ex>
w5: a@test.ex (comment, with comma), d@test.ex
w6: Joe <j@test.ex>, "Quoted, Name" <q@test.ex>
w7: |"/bin/cmd x"
w8: \\Back, /dev/null
w9: ::blackhole::
`,
    },
    runs: [['-bt', 'w1@test.ex', 'w2@test.ex', 'w3@test.ex', 'w4@test.ex', 'w5@test.ex', 'w6@test.ex', 'w7@test.ex', 'w8@test.ex', 'w9@test.ex']],
  },
  {
    name: 'unseen',
    config:
      HEAD +
      `begin routers
r0:
  driver = redirect
  local_parts = list
  data = a, b
  unseen
r1:
  driver = accept
  local_parts = ! nob
  transport = t1
  unseen = \${if eq{$local_part}{u}{yes}{no}}
r2:
  driver = accept
  transport = t2
` +
      T,
    files: {},
    runs: [
      ['-bt', 'list@test.ex', 'u@test.ex'],
      ['-bv', 'list@test.ex', 'u@test.ex'],
      ['-bv', '-v', 'list@test.ex', 'u@test.ex'],
    ],
  },
  {
    name: 'misc',
    config:
      HEAD +
      `begin routers
rdp:
  driver = accept
  local_parts = dp
  debug_print = DP: lp=$local_part dom=$domain
  transport = t1
rinc:
  driver = redirect
  local_parts = inc
  data = :include:@D@/nonexist
rfp:
  driver = redirect
  local_parts = fp
  file = @D@/fwdp
  forbid_pipe
  forbid_file
  pipe_transport = tp
  file_transport = tf
rfp2:
  driver = redirect
  local_parts = fp2
  data = |/bin/cat
  forbid_pipe
  pipe_transport = tp
rerr:
  driver = accept
  local_parts = et
  errors_to = nob@nowhere.ex
  transport = t1
rr:
  driver = redirect
  local_parts = rel
  data = :include:relative
rnotabs:
  driver = redirect
  local_parts = nabs
  file = relative/file
rsend:
  driver = redirect
  local_parts = snd
  senders = ^boss@
  data = boss-copy@test.ex
racc:
  driver = accept
  local_parts = ! nob
  transport = t1
` +
      T,
    files: { fwdp: '|/bin/cat\n/tmp/file\n' },
    runs: [
      ['-bt', 'dp@test.ex', 'inc@test.ex', 'fp@test.ex', 'fp2@test.ex', 'et@test.ex', 'rel@test.ex', 'nabs@test.ex'],
      ['-bv', 'dp@test.ex', 'fp2@test.ex'],
      ['-bv', '-v', 'dp@test.ex', 'fp@test.ex'],
      ['-bt', 'fp2@test.ex'],
      ['-bt', '-f', 'boss@test.ex', 'snd@test.ex'],
      ['-bt', '-f', '<>', 'snd@test.ex'],
      ['-bt', '-f', 'other@test.ex', 'snd@test.ex'],
    ],
  },
  {
    name: 'config-errors',
    configs: {
      noTransport: HEAD + 'begin routers\nr1:\n  driver = accept\n',
      dataAndFile: HEAD + 'begin routers\nr2:\n  driver = redirect\n  data = x\n  file = /y\n',
      neither: HEAD + 'begin routers\nr2:\n  driver = redirect\n',
      oneTimeUnseen: HEAD + 'begin routers\nr2:\n  driver = redirect\n  data = x\n  one_time\n  unseen\n',
      unknownDriver: HEAD + 'begin routers\nr2:\n  driver = nonesuch\n',
      oneTimeHeaders: HEAD + 'begin routers\nr2:\n  driver = redirect\n  data = x\n  one_time\n  headers_add = X: y\n',
      preserveAndQualify: HEAD + 'begin routers\nr2:\n  driver = redirect\n  data = x\n  qualify_preserve_domain\n  qualify_domain = a.b\n',
      filterNoUser: HEAD + 'begin routers\nr2:\n  driver = redirect\n  data = x\n  allow_filter\n',
      badPassRouter: HEAD + 'begin routers\nr1:\n  driver = redirect\n  data = x\n  pass_router = r0\nr0:\n  driver = redirect\n  data = y\n',
      passRouterBefore: HEAD + 'begin routers\nr0:\n  driver = redirect\n  data = y\nr1:\n  driver = redirect\n  data = x\n  pass_router = r0\n',
      missingRedirectRouter: HEAD + 'begin routers\nr1:\n  driver = redirect\n  data = x\n  redirect_router = nonesuch\n',
    },
    runs: [['-bt', 'a@test.ex']],
  },
];
