// Configuration and sessions for gen-auth.mjs. Each case: { id, lines, helo?, note? }; the session
// is `EHLO x` (or `helo`), the lines, `QUIT`. `{cram user secret}` is replaced by the CRAM-MD5
// response to the challenge Exim just sent.

const b64 = (s) => Buffer.from(s, 'latin1').toString('base64');

export const AUTH_CONF = `spool_directory = /tmp/mw-auth-oracle-spool
keep_environment =
primary_hostname = myhost.test.ex
acl_smtp_mail = m
acl_smtp_rcpt = r

begin acl
m:
  accept message = V id=[$authenticated_id] fail=[$authenticated_fail_id] a1=[$auth1] a2=[$auth2] a3=[$auth3] n1=[$1] sha=[$sender_host_authenticated]
r:
  accept

begin authenticators
plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if and {{eq{$auth2}{user}}{eq{$auth3}{pass}}}}
  server_set_id = $auth2
login:
  driver = plaintext
  public_name = LOGIN
  server_prompts = Username:: : Password::
  server_condition = \${if and {{eq{$auth1}{user}}{eq{$auth2}{pass}}}}
  server_set_id = $auth1
cram:
  driver = cram_md5
  public_name = CRAM-MD5
  server_secret = \${if eq{$auth1}{ph10}{secret}fail}
  server_set_id = $auth1
cram2:
  driver = cram_md5
  public_name = CRAM2
  server_secret = \${if eq{$auth1}{boom}{\${lookup{x}lsearch{/nonexistent/mw-auth}}}{secret}}
  server_condition = \${if eq{$auth1}{nocond}{no}{yes}}
  server_set_id = $auth1
weird:
  driver = plaintext
  public_name = WEIRD
  server_prompts = Data
  server_condition = \${if eq{$auth1}{boom}{\${lookup{x}lsearch{/nonexistent/mw-auth}}}{$auth1}}
  server_set_id = w-$auth1
badprompt:
  driver = plaintext
  public_name = BADPROMPT
  server_prompts = \${nosuchop:x}
  server_condition = yes
multi:
  driver = plaintext
  public_name = MULTI
  server_prompts = A:B:C
  server_condition = yes
  server_set_id = $auth1|$auth2|$auth3|$4
noset:
  driver = plaintext
  public_name = NOSET
  server_condition = yes
forced:
  driver = plaintext
  public_name = FORCED
  server_prompts = P
  server_condition = \${if eq{$auth1}{x}{yes}fail}
  server_set_id = f-$auth1
hidden:
  driver = plaintext
  public_name = HIDDEN
  server_condition = yes
  server_advertise_condition = no
clientonly:
  driver = plaintext
  public_name = CLIENTONLY
  client_send = ^a^b
setidfail:
  driver = plaintext
  public_name = SETIDFAIL
  server_condition = yes
  server_set_id = \${nosuchop:x}
defaultname:
  driver = plaintext
  server_condition = yes
echo:
  driver = plaintext
  public_name = ECHO
  server_condition = yes
  server_set_id = [$auth1][$auth2][$auth3][$1]
`;

const mail = 'MAIL FROM:<a@b.example>';
const PLAIN_OK = b64('\0user\0pass');

export const authCases = [
  { id: 'advertised', lines: [] },
  { id: 'plain-ok', lines: [`AUTH PLAIN ${PLAIN_OK}`, mail] },
  { id: 'plain-bad', lines: [`AUTH PLAIN ${b64('\0user\0bad')}`, mail] },
  { id: 'plain-prompt', lines: ['AUTH PLAIN', PLAIN_OK, mail] },
  { id: 'plain-equals', lines: ['AUTH PLAIN =', mail] },
  { id: 'plain-empty-response', lines: ['AUTH PLAIN', '', mail] },
  { id: 'plain-bad64', lines: ['AUTH PLAIN !!!', mail] },
  { id: 'plain-bad64-prompt', lines: ['AUTH PLAIN', '!!!'] },
  { id: 'plain-cancel', lines: ['AUTH PLAIN', '*', mail] },
  { id: 'plain-lowercase', lines: [`auth plain ${PLAIN_OK}`, mail] },
  { id: 'plain-four-parts', lines: [`AUTH PLAIN ${b64('authz\0user\0pass\0extra')}`, mail] },
  { id: 'plain-authz', lines: [`AUTH PLAIN ${b64('admin\0user\0pass')}`, mail] },
  { id: 'plain-no-padding', lines: [`AUTH PLAIN ${PLAIN_OK.replace(/=+$/, '')}`] },
  { id: 'plain-inner-space', lines: [`AUTH PLAIN ${PLAIN_OK.slice(0, 4)} ${PLAIN_OK.slice(4)}`] },
  { id: 'plain-trailing-space', lines: [`AUTH PLAIN ${PLAIN_OK} `] },
  { id: 'plain-two-args', lines: [`AUTH PLAIN ${PLAIN_OK} xyz`] },
  { id: 'plain-bad-padding', lines: ['AUTH PLAIN AHVzZXIAcGFzcw=x'] },
  { id: 'plain-star-initial', lines: ['AUTH PLAIN *'] },
  { id: 'plain-twice', lines: [`AUTH PLAIN ${PLAIN_OK}`, `AUTH PLAIN ${PLAIN_OK}`] },
  { id: 'plain-fail-then-ok', lines: [`AUTH PLAIN ${b64('\0user\0bad')}`, `AUTH PLAIN ${PLAIN_OK}`, mail] },
  { id: 'login-ok', lines: ['AUTH LOGIN', b64('user'), b64('pass'), mail] },
  { id: 'login-initial', lines: [`AUTH LOGIN ${b64('user')}`, b64('pass'), mail] },
  { id: 'login-cancel-second', lines: ['AUTH LOGIN', b64('user'), '*', mail] },
  { id: 'login-bad', lines: ['AUTH LOGIN', b64('user'), b64('nope'), mail] },
  { id: 'login-nul-in-response', lines: ['AUTH LOGIN', b64('user\0pass'), mail] },
  { id: 'login-equals-answer', lines: ['AUTH LOGIN', '=', b64('pass'), mail] },
  { id: 'login-star-with-space', lines: ['AUTH LOGIN', ' * ', mail] },
  { id: 'login-empty-then-values', lines: ['AUTH LOGIN', '', b64('pass'), mail] },
  { id: 'cram-ok', lines: ['AUTH CRAM-MD5', '{cram ph10 secret}', mail] },
  { id: 'cram-wrong-secret', lines: ['AUTH CRAM-MD5', '{cram ph10 wrong}', mail] },
  { id: 'cram-unknown-user', lines: ['AUTH CRAM-MD5', '{cram bob secret}', mail] },
  { id: 'cram-uppercase-digest', lines: ['AUTH CRAM-MD5', '{cramU ph10 secret}', mail] },
  { id: 'cram-cancel', lines: ['AUTH CRAM-MD5', '*', mail] },
  { id: 'cram-bad64', lines: ['AUTH CRAM-MD5', '!!!'] },
  { id: 'cram-no-space', lines: ['AUTH CRAM-MD5', b64('ph10')] },
  { id: 'cram-short-digest', lines: ['AUTH CRAM-MD5', b64('ph10 abc')] },
  { id: 'cram-initial-response', lines: [`AUTH CRAM-MD5 ${b64('ph10 0123')}`] },
  { id: 'cram2-expansion-error', lines: ['AUTH CRAM2', '{cram boom secret}', mail] },
  { id: 'cram2-condition-no', lines: ['AUTH CRAM2', '{cram nocond secret}', mail] },
  { id: 'cram2-ok', lines: ['AUTH CRAM2', '{cram other secret}', mail] },
  { id: 'weird-yes', lines: [`AUTH WEIRD ${b64('yes')}`, mail] },
  { id: 'weird-true-caps', lines: [`AUTH WEIRD ${b64(' TRUE ')}`, mail] },
  { id: 'weird-no', lines: [`AUTH WEIRD ${b64('no')}`, mail] },
  { id: 'weird-zero', lines: [`AUTH WEIRD ${b64('0')}`, mail] },
  { id: 'weird-empty', lines: ['AUTH WEIRD =', mail] },
  { id: 'weird-maybe', lines: [`AUTH WEIRD ${b64('maybe')}`, mail] },
  { id: 'weird-boom', lines: [`AUTH WEIRD ${b64('boom')}`, mail] },
  { id: 'weird-prompted', lines: ['AUTH WEIRD', b64('yes'), mail] },
  { id: 'badprompt', lines: ['AUTH BADPROMPT', mail] },
  { id: 'badprompt-initial', lines: [`AUTH BADPROMPT ${b64('x')}`, mail] },
  { id: 'multi-split', lines: [`AUTH MULTI ${b64('a\0b')}`, b64('c\0d\0e'), mail] },
  { id: 'multi-prompts', lines: ['AUTH MULTI', b64('one'), b64('two'), b64('three'), mail] },
  { id: 'multi-all-initial', lines: [`AUTH MULTI ${b64('1\x002\x003\x004')}`, mail] },
  { id: 'noset', lines: [`AUTH NOSET ${b64('x')}`, mail] },
  { id: 'noset-no-initial', lines: ['AUTH NOSET', mail] },
  { id: 'forced-ok', lines: [`AUTH FORCED ${b64('x')}`, mail] },
  { id: 'forced-fail', lines: [`AUTH FORCED ${b64('y')}`, mail] },
  { id: 'hidden', lines: [`AUTH HIDDEN ${b64('x')}`] },
  { id: 'clientonly', lines: [`AUTH CLIENTONLY ${b64('x')}`] },
  { id: 'setidfail', lines: [`AUTH SETIDFAIL ${b64('x')}`, mail] },
  { id: 'defaultname', lines: [`AUTH DEFAULTNAME ${b64('x')}`, mail] },
  { id: 'weird-TRUE', lines: [`AUTH WEIRD ${b64('TRUE')}`, mail] },
  { id: 'weird-Yes', lines: [`AUTH WEIRD ${b64('Yes')}`, mail] },
  { id: 'weird-NO', lines: [`AUTH WEIRD ${b64('NO')}`, mail] },
  { id: 'weird-False', lines: [`AUTH WEIRD ${b64('False')}`, mail] },
  { id: 'weird-one', lines: [`AUTH WEIRD ${b64('1')}`, mail] },
  { id: 'weird-two', lines: [`AUTH WEIRD ${b64('2')}`, mail] },
  ...[
    ['QQ', 'no padding'], ['QQ=', 'one pad short'], ['QQ==', 'A'], ['QUI=', 'AB'], ['QUJD', 'ABC'], ['QUJD====', 'extra pads'],
    ['QQ==QQ==', 'pad then data'], ['Q Q = =', 'spaces inside'], ['QU=I', 'pad inside'], ['Pz8_', 'url-safe char'],
    ['Pz8/', 'slash'], ['QUJDRA==', 'ABCD'], ['=', 'empty marker'], ['==', 'two pads only'], ['====', 'four pads'],
    ['QUJD\tRA==', 'tab inside'], ['QQ==\t', 'trailing tab'], ['YQBiAGMAZA==', 'a NUL b NUL c NUL d'], ['AAAA', 'three NULs'],
    ['w6k=', 'UTF-8 e-acute'],
  ].map(([data, note], i) => ({ id: `echo-b64-${i}`, note, lines: [`AUTH ECHO ${data.replace('\\t', '\t')}`, mail] })),
  { id: 'echo-no-data', lines: ['AUTH ECHO', mail] },
  { id: 'no-mechanism', lines: ['AUTH'] },
  { id: 'unknown-mechanism', lines: ['AUTH FOO'] },
  { id: 'helo-only', helo: 'HELO x', lines: [`AUTH PLAIN ${PLAIN_OK}`] },
  { id: 'no-hello', helo: 'NOOP', lines: [`AUTH PLAIN ${PLAIN_OK}`] },
];
