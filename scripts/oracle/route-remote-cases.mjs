// Cases of the remote-router oracle (gen-route-remote.mjs): each group is one configuration
// (main options, routers) run with `exim4 -bt` (or other args) for each address. Zone data:
// test/fixtures/dns/zones/mw.test.zone (names under rt.mw.test are for these cases).

/** The resolv.conf of the oracle's namespace; the tests build the same resolver. */
export const RESOLV = 'nameserver 127.0.0.1\noptions trust-ad\nsearch mw.test\n';
export const SCRATCH = '/tmp/mw-route-remote-oracle';

const TRANSPORTS = `
begin transports

remote_smtp:
  driver = smtp

local_delivery:
  driver = appendfile
  file = /tmp/mw-route-remote-oracle/mail/$local_part
`;

/** The whole configuration file of a group. */
export function configText(group) {
  return [
    `spool_directory = ${SCRATCH}/spool`,
    'keep_environment =',
    'primary_hostname = mail.mw.test',
    // The oracle runs where only the loopback interface exists; naming it keeps the tests
    // independent of the machine's own addresses.
    'local_interfaces = <; 127.0.0.1 ; ::1',
    group.main ?? '',
    '',
    'begin routers',
    '',
    group.routers.trim(),
    TRANSPORTS,
  ].join('\n');
}

const bt = (...addresses) => addresses.map((address) => ({ address }));
/** A case whose host order is random as a whole (hosts_randomize): compared with host lines sorted. */
const anyOrder = (address) => ({ address, anyOrder: true });
const bv = (...addresses) => addresses.map((address) => ({ address, args: ['-bv', address] }));

/** Files every group can use (paths relative to SCRATCH). */
export const FILES = {
  routes: [
    'looked.example: mx2.mw.test:mx1.mw.test',
    'rand.example: mx1.mw.test:mx2.mw.test:+:mx3.mw.test:host1.mw.test',
    'norand.example: mx1.mw.test:mx2.mw.test:mx3.mw.test  no_randomize',
    'opts.example: mx3.mw.test  ipv4_prefer local_delivery',
    'unknown.example: mx3.mw.test  foo',
    'quoted.example: "mx1.mw.test : mx2.mw.test"  bydns',
    'mxl.example: mxorder.rt.mw.test/MX',
    '',
  ].join('\n'),
  routes2: '*.part.example: mx2.mw.test\n',
};

export const ROUTE_GROUPS = [
  {
    name: 'dnslookup-basic',
    routers: `
dnslookup:
  driver = dnslookup
  transport = remote_smtp
`,
    cases: bt(
      'a@mxorder.rt.mw.test',
      'a@mxnohost.rt.mw.test',
      'a@mxpartial.rt.mw.test',
      'a@mxself.rt.mw.test',
      'a@mxsecondary.rt.mw.test',
      'a@mxip.rt.mw.test',
      'a@aonly.rt.mw.test',
      'a@cname.rt.mw.test',
      'a@mxcname.rt.mw.test',
      'a@mxcnamedom.rt.mw.test',
      'a@mxmulti.rt.mw.test',
      'a@nonexist.rt.mw.test',
      'a@nullmx.rt.mw.test',
      'a@v6only.rt.mw.test',
      'a@host1',
      'a@mxlocalonly.rt.mw.test',
      'a@mxtwolocal.rt.mw.test',
      'a@signed.test',
      'a@bogus.test',
      'a@local.rt.mw.test',
    ),
  },
  {
    name: 'dnslookup-then-accept',
    routers: `
dnslookup:
  driver = dnslookup
  transport = remote_smtp

catchall:
  driver = accept
  transport = local_delivery
`,
    cases: [
      ...bt('a@mxnohost.rt.mw.test', 'a@nonexist.rt.mw.test', 'a@nullmx.rt.mw.test', 'a@mxip.rt.mw.test', 'a@mxignored.rt.mw.test', 'a@mxorder.rt', 'a@bogus.test', 'a@srvnull.rt.mw.test'),
      ...bv('a@host1', 'a@mxnohost.rt.mw.test', 'a@mxorder.rt.mw.test'),
    ],
  },
  {
    name: 'dnslookup-options',
    main: 'allow_mx_to_ip = true',
    routers: `
dnslookup:
  driver = dnslookup
  transport = remote_smtp
  ignore_target_hosts = <; 192.0.2.99 ; 192.0.2.31 ; 2001:db8::34
  check_srv = smtp
  widen_domains = rt.mw.test : mw.test
  no_qualify_single
  mx_domains = mxnone.rt.mw.test : aonly.rt.mw.test
  fail_defer_domains = nonexist.rt.mw.test
`,
    cases: bt(
      'a@mxip.rt.mw.test',
      'a@mxignored.rt.mw.test',
      'a@mxhalfignored.rt.mw.test',
      'a@mxmulti.rt.mw.test',
      'a@srv.rt.mw.test',
      'a@srvnull.rt.mw.test',
      'a@srvnohost.rt.mw.test',
      'a@mxorder',
      'a@host1',
      'a@aonly.rt.mw.test',
      'a@nonexist.rt.mw.test',
      'a@nonexist2.rt.mw.test',
      'a@v6only.rt.mw.test',
      'a@mxequal.rt.mw.test',
    ),
  },
  {
    name: 'dnslookup-self-send',
    main: 'allow_domain_literals',
    routers: `
dnslookup:
  driver = dnslookup
  transport = remote_smtp
  self = send
  check_secondary_mx
  search_parents
  pass_on_timeout
  dnssec_require_domains = signed.test : mw.test

catchall:
  driver = accept
  transport = local_delivery
`,
    cases: bt('a@mxself.rt.mw.test', 'a@mxsecondary.rt.mw.test', 'a@mxorder.rt.mw.test', 'a@local.rt.mw.test', 'a@mxorder.rt', 'a@bogus.test', 'a@signed.test', 'a@[192.0.2.1]', 'a@mxtwolocal.rt.mw.test'),
  },
  {
    name: 'dnslookup-self-variants',
    routers: `
fail:
  driver = dnslookup
  domains = mxself.rt.mw.test
  transport = remote_smtp
  self = fail

defer:
  driver = dnslookup
  domains = local.rt.mw.test
  transport = remote_smtp
  self = defer

reroute:
  driver = dnslookup
  domains = mxlocalonly.rt.mw.test
  transport = remote_smtp
  self = reroute: rewrite: aonly.rt.mw.test

reroute2:
  driver = dnslookup
  domains = mxtwolocal.rt.mw.test
  transport = remote_smtp
  self = reroute:mxorder.rt.mw.test

pass:
  driver = dnslookup
  domains = mxsecondary.rt.mw.test : mw.test
  transport = remote_smtp
  ignore_target_hosts = 192.0.2.11 : 192.0.2.13
  self = pass

catchall:
  driver = accept
  transport = local_delivery
`,
    cases: bt('a@mxself.rt.mw.test', 'a@local.rt.mw.test', 'a@mxlocalonly.rt.mw.test', 'a@mxtwolocal.rt.mw.test', 'a@mxsecondary.rt.mw.test', 'a@mw.test'),
  },
  {
    name: 'manualroute-list',
    routers: `
manual:
  driver = manualroute
  transport = remote_smtp
  route_list = order.example  mx1.mw.test:mx2.mw.test:mx3.mw.test ; \\
    ports.example  "mx1.mw.test::2525 : 192.0.2.5 : [192.0.2.6]:26 : host1.mw.test" ; \\
    sep.example  "<;; [2001:db8::5]:27 ;; mx2.mw.test" ; \\
    sep2.example  "<+ [192.0.2.7]:28 + mx2.mw.test::29" ; \\
    mxind.example  mx2.mw.test:mxorder.rt.mw.test/MX ; \\
    mxport.example  mxequal.rt.mw.test/mx::1225 ; \\
    \\N^re(\\d+)\\.example$\\N  host$1.mw.test ; \\
    ^re(\\\\d+)x\\\\.example\\$  host$1.mw.test ; \\
    local.example  local_delivery_host  local_delivery ; \\
    lt.example  "mx1.mw.test : mx2.mw.test"  local_delivery ; \\
    dom.example  $domain:$0:mx1.mw.test ; \\
    v4.example  mx3.mw.test  ipv4_prefer ; \\
    v4only.example  mx3.mw.test  ipv4_only ; \\
    bydns.example  mx3  bydns ; \\
    byname.example  mx3  byname ; \\
    default.example  mx3 ; \\
    lsearch;;/tmp/mw-route-remote-oracle/routes  $value ; \\
    empty.example ; \\
    nohosts.example  ""  ; \\
    *.wild.example  mx2.mw.test ; \\
    short.example  "<, 1::2 , 1.2.3.4" ; \\
    experr.example  \${if eq{1}} ; \\
    expfail.example  \${if eq{1}{2}{x}fail}
`,
    cases: bt(
      'a@order.example',
      'a@ports.example',
      'a@sep.example',
      'a@sep2.example',
      'a@mxind.example',
      'a@mxport.example',
      'a@re2.example',
      'a@re1x.example',
      'a@local.example',
      'a@lt.example',
      'a@dom.example',
      'a@v4.example',
      'a@v4only.example',
      'a@bydns.example',
      'a@byname.example',
      'a@default.example',
      'a@looked.example',
      'a@empty.example',
      'a@nohosts.example',
      'a@x.wild.example',
      'a@nomatch.example',
      'a@short.example',
      'a@experr.example',
      'a@expfail.example',
    ),
  },
  {
    name: 'manualroute-failures',
    routers: `
ignore:
  driver = manualroute
  domains = ignore.example
  transport = remote_smtp
  host_find_failed = ignore
  route_list = * nowhere.rt.mw.test:mx1.mw.test:nothere.rt.mw.test

allignored:
  driver = manualroute
  domains = allignored.example
  transport = remote_smtp
  host_find_failed = ignore
  route_list = * nowhere.rt.mw.test:nothere.rt.mw.test

allfail:
  driver = manualroute
  domains = allfail.example
  transport = remote_smtp
  host_find_failed = ignore
  host_all_ignored = fail
  route_list = * nowhere.rt.mw.test:nothere.rt.mw.test

decline:
  driver = manualroute
  domains = decline.example
  transport = remote_smtp
  host_find_failed = decline
  route_list = * mx1.mw.test:nowhere.rt.mw.test

fail:
  driver = manualroute
  domains = fail.example
  transport = remote_smtp
  host_find_failed = fail
  route_list = * nowhere.rt.mw.test

defer:
  driver = manualroute
  domains = defer.example
  transport = remote_smtp
  host_find_failed = defer
  route_list = * nowhere.rt.mw.test

pass:
  driver = manualroute
  domains = pass.example
  transport = remote_smtp
  host_find_failed = pass
  no_more
  route_list = * nowhere.rt.mw.test

timeout:
  driver = manualroute
  domains = timeout.example
  transport = remote_smtp
  route_list = * mx.bogus.test

timeoutpass:
  driver = manualroute
  domains = timeoutpass.example
  transport = remote_smtp
  pass_on_timeout
  route_list = * mx.bogus.test

ignoretarget:
  driver = manualroute
  domains = itarget.example : itargetall.example
  transport = remote_smtp
  ignore_target_hosts = 192.0.2.11 : 2001:db8::13
  route_list = itarget.example mx1.mw.test:mx3.mw.test ; itargetall.example mx1.mw.test

selffirst:
  driver = manualroute
  domains = selffirst.example : selflater.example : selfmx.example
  transport = remote_smtp
  route_list = selffirst.example local.rt.mw.test:mx1.mw.test ; \\
    selflater.example mx1.mw.test:local.rt.mw.test:mx2.mw.test ; \\
    selfmx.example mx2.mw.test:mxself.rt.mw.test/MX:mx3.mw.test

overridetransport:
  driver = manualroute
  domains = ot.example : badt.example
  transport = remote_smtp
  route_list = ot.example mx1.mw.test local_delivery ; badt.example mx1.mw.test no_such_transport

catchall:
  driver = accept
  transport = local_delivery
`,
    cases: bt(
      'a@ignore.example',
      'a@allignored.example',
      'a@allfail.example',
      'a@decline.example',
      'a@fail.example',
      'a@defer.example',
      'a@pass.example',
      'a@timeout.example',
      'a@timeoutpass.example',
      'a@itarget.example',
      'a@itargetall.example',
      'a@selffirst.example',
      'a@selflater.example',
      'a@selfmx.example',
      'a@ot.example',
      'a@badt.example',
    ).concat(bv('a@fail.example', 'a@defer.example', 'a@allfail.example', 'a@timeout.example', 'a@ignore.example')),
  },
  {
    name: 'ipliteral',
    main: 'allow_domain_literals',
    routers: `
ipliteral:
  driver = ipliteral
  transport = remote_smtp
  ignore_target_hosts = 192.0.2.99

catchall:
  driver = accept
  transport = local_delivery
`,
    cases: bt(
      'a@[192.0.2.1]',
      'a@[IPv6:2001:db8::1]',
      'a@[ipv6:2001:db8::1]',
      'a@[IPv4:192.0.2.1]',
      'a@[192.0.2.99]',
      'a@[127.0.0.1]',
      'a@[::1]',
      'a@[IPv6:::1]',
      'a@[300.1.1.1]',
      'a@[host1.mw.test]',
      'a@host1.mw.test',
    ),
  },
  {
    name: 'ipliteral-self',
    main: 'allow_domain_literals',
    routers: `
ipliteral:
  driver = ipliteral
  transport = remote_smtp
  self = send
  fallback_hosts = mx1.mw.test : 192.0.2.8

catchall:
  driver = accept
  transport = local_delivery
`,
    cases: bt('a@[127.0.0.1]', 'a@[IPv6:::1]', 'a@[192.0.2.1]'),
  },
  {
    name: 'manualroute-data',
    routers: `
data:
  driver = manualroute
  domains = ! +nothing
  transport = remote_smtp
  route_data = \${lookup{$domain}lsearch{/tmp/mw-route-remote-oracle/routes}}
  hosts_randomize

catchall:
  driver = accept
  transport = local_delivery
`,
    main: 'domainlist nothing = nothing.example',
    cases: [
      anyOrder('a@looked.example'),
      anyOrder('a@rand.example'),
      ...bt('a@norand.example', 'a@opts.example', 'a@unknown.example'),
      anyOrder('a@quoted.example'),
      ...bt('a@mxl.example', 'a@none.example'),
      ...bv('a@looked.example', 'a@unknown.example'),
    ],
  },
  {
    name: 'dnslookup-dnssec',
    routers: `
require:
  driver = dnslookup
  domains = req.signed.test : signed.test : mxorder.rt.mw.test
  transport = remote_smtp
  dnssec_require_domains = *
  ipv4_only = yes

request:
  driver = dnslookup
  transport = remote_smtp
  dnssec_request_domains =
  ipv4_prefer = true
`,
    cases: bt('a@signed.test', 'a@mxorder.rt.mw.test', 'a@mxmulti.rt.mw.test', 'a@aonly.rt.mw.test'),
  },
  {
    name: 'dnslookup-secondary',
    routers: `
secondary:
  driver = dnslookup
  transport = remote_smtp
  check_secondary_mx
  fallback_hosts = mx1.mw.test : 192.0.2.8
`,
    cases: bt('a@mxorder.rt.mw.test', 'a@mxsecondary.rt.mw.test', 'a@mxself.rt.mw.test', 'a@aonly.rt.mw.test'),
  },
  {
    name: 'treat-as-local',
    main: 'hosts_treat_as_local = mx2.mw.test : *.signed.test',
    routers: `
dnslookup:
  driver = dnslookup
  domains = ! *.example
  transport = remote_smtp

manual:
  driver = manualroute
  transport = remote_smtp
  self = fail
  route_list = first.example mx2.mw.test:mx1.mw.test ; later.example mx1.mw.test:mx2.mw.test:mx3.mw.test
`,
    cases: bt('a@mxorder.rt.mw.test', 'a@mxequal.rt.mw.test', 'a@signed.test', 'a@first.example', 'a@later.example'),
  },
  {
    name: 'dns-main-options',
    main: 'dns_ipv4_lookup = mx3.mw.test : *.rt.mw.test',
    routers: `
failtoo:
  driver = dnslookup
  domains = bogus.test
  transport = remote_smtp
  check_srv = smtp
  srv_fail_domains = bogus.test
  mx_fail_domains = bogus.test

widen:
  driver = dnslookup
  domains = mxorder : host1 : aonly
  transport = remote_smtp
  no_qualify_single
  widen_domains = rt.mw.test : mw.test

srvexp:
  driver = dnslookup
  domains = srv.rt.mw.test
  transport = remote_smtp
  check_srv = \${if eq{$local_part}{srv}{smtp}fail}

dnslookup:
  driver = dnslookup
  transport = remote_smtp
`,
    cases: [
      ...bt('a@bogus.test', 'a@mxorder.rt.mw.test', 'a@aonly.rt.mw.test', 'a@mxmulti.rt.mw.test', 'a@host1.mw.test', 'a@mxorder', 'a@aonly', 'srv@srv.rt.mw.test', 'other@srv.rt.mw.test'),
      { address: 'a@mxorder', args: ['-bvs', 'a@mxorder'] },
      { address: 'a@aonly', args: ['-bv', 'a@aonly'] },
    ],
  },
  {
    name: 'disable-ipv6',
    main: 'disable_ipv6',
    routers: `
manual:
  driver = manualroute
  domains = *.example
  transport = remote_smtp
  route_list = * mx3.mw.test:host1.mw.test byname

dnslookup:
  driver = dnslookup
  transport = remote_smtp
`,
    cases: bt('a@mxorder.rt.mw.test', 'a@v6only.rt.mw.test', 'a@m.example'),
  },
  ...[
    ['config-dnslookup-no-transport', 'r1:\n  driver = dnslookup\n'],
    ['config-ipliteral-no-transport', 'r1:\n  driver = ipliteral\n'],
    ['config-verify-only', 'r1:\n  driver = dnslookup\n  verify_only\n'],
    ['config-both-routes', 'r1:\n  driver = manualroute\n  transport = remote_smtp\n  route_list = * a\n  route_data = b\n'],
    ['config-no-routes', 'r1:\n  driver = manualroute\n  transport = remote_smtp\n'],
    ['config-bad-hff', 'r1:\n  driver = manualroute\n  transport = remote_smtp\n  route_list = * a\n  host_find_failed = bogus\n'],
    ['config-bad-hai', 'r1:\n  driver = manualroute\n  transport = remote_smtp\n  route_list = * a\n  host_all_ignored = ignore\n'],
    ['config-bad-self', 'r1:\n  driver = dnslookup\n  transport = remote_smtp\n  self = reroute\n'],
  ].map(([name, routers]) => ({ name, routers, cases: bt('a@mxorder.rt.mw.test') })),
  {
    name: 'expansion-variables',
    routers: `
manual:
  driver = manualroute
  domains = *.example
  route_list = partial-lsearch;;${SCRATCH}/routes2 $value:$1.mw.test ; \\
     *.star.example $1.mw.test
  transport = remote_smtp

dnslookup:
  driver = dnslookup
  transport = remote_smtp
  ignore_target_hosts = \${if eq{$host}{mx1.mw.test}{$host_address}{}} : \${if eq{$host_address}{192.0.2.13}{$host_address}{}} : mx2.mw.test
`,
    cases: bt('a@host1.part.example', 'a@mx3.star.example', 'a@mxorder.rt.mw.test'),
  },
];
