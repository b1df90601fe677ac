// Inputs for gen-match.mjs. FIXDIR stands for the absolute path of test/fixtures/match/files.
export const PRIMARY_HOSTNAME = 'mail.test.example';

/** [kind, name, value] named lists put into the -C configuration (and given to the tests). */
export const NAMED_LISTS = [
  ['domain', 'local_domains', '@ : localhost : lo.example'],
  ['domain', 'neg', '!a.b'],
  ['domain', 'dom2', '+neg : *.b'],
  ['domain', 'dom1', 'first.example : second.example'],
  ['domain', 'dom3', 'fourth.example : +dom1 : fifth.example'],
  ['domain', 'withlookup', 'lsearch;FIXDIR/ls.txt'],
  ['host', 'relay', '127.0.0.1 : 10.0.0.0/8'],
  ['host', 'relay6', '<; ::1 ; 2001:db8::/32'],
  ['host', 'names', '*.bar.example : ^mail\\d+\\.'],
  ['address', 'bad', '*@spam.example : evil@x.example'],
  ['localpart', 'lps', 'postmaster : abuse'],
];

const F = 'FIXDIR';

export const CASES = [
  // ---- domain lists
  ['domain', 'a.b', '*.b'], ['domain', 'a.b', 'a.b'], ['domain', 'A.B', 'a.b'], ['domain', 'a.b', 'A.B'], ['domain', 'x.y', 'a.b'],
  ['domain', 'x.y', '!a.b'], ['domain', 'a.b', '!a.b'], ['domain', 'a.b.c', '!a.b.c : *.b.c'], ['domain', 'x.b.c', '!a.b.c : *.b.c'],
  ['domain', 'x.y', '!a.b.c : *.b.c'], ['domain', 'x.y', '!a.b : !c.d'], ['domain', 'c.d', '!a.b : !c.d'], ['domain', 'x.y', '! a.b'],
  ['domain', 'x.b', '+dom2'], ['domain', 'x.y', '+dom2'], ['domain', 'a.b', '+dom2'], ['domain', 'x.y', '!+dom2'], ['domain', 'x.b', '! +dom2'],
  ['domain', 'second.example', '+dom3'], ['domain', 'fifth.example', '+dom3'], ['domain', 'other.example', '+dom3'],
  ['domain', 'mail.test.example', '@'], ['domain', 'MAIL.test.example', '@'], ['domain', 'other', '@'], ['domain', 'lo.example', '+local_domains'],
  ['domain', 'mail.test.example', '+local_domains'], ['domain', 'x.y', '+nosuch'],
  ['domain', 'key.ex', '*key.ex'], ['domain', 'donkey.ex', '*key.ex'], ['domain', 'cipher.key.ex', '*key.ex'], ['domain', 'key.ex.x', '*key.ex'],
  ['domain', 'abc.de', '^a(b)c'], ['domain', 'ABC.de', '^a(b)c'], ['domain', 'ABC.de', '(?-i)^a(b)c'], ['domain', 'xabc.de', '^a(b)c'],
  ['domain', 'ABC.de', '^(?-i)a(b)c'], ['domain', 'a.b', '^a\\.b$'], ['domain', 'axb', '^a\\.b$'],
  ['domain', 'a.b', `lsearch;${F}/ls.txt`], ['domain', 'A.B', `lsearch;${F}/ls.txt`], ['domain', 'c.d', `lsearch;${F}/ls.txt`], ['domain', 'e.f', `lsearch;${F}/ls.txt`],
  ['domain', 'a.b', `!lsearch;${F}/ls.txt`], ['domain', 'q.wild.example', `partial-lsearch;${F}/ls.txt`], ['domain', 'x.q.wild.example', `partial-lsearch;${F}/ls.txt`],
  ['domain', 'wild.example', `partial-lsearch;${F}/ls.txt`], ['domain', 'nowhere', `lsearch*;${F}/ls.txt`], ['domain', 'a.b', `lsearch,ret=key;${F}/ls.txt`],
  ['domain', 'a.b', '+withlookup'], ['domain', 'zz', '+withlookup'],
  ['domain', 'q.foo.example', `${F}/domains.txt`], ['domain', 'bad.example', `${F}/domains.txt`], ['domain', 'foo.bar', `${F}/domains.txt`],
  ['domain', 'other.org', `${F}/domains.txt`], ['domain', 'other.example', `${F}/negonly.txt`], ['domain', 'other.example', `${F}/negonly.txt : foo`],
  ['domain', 'bad.example', `!${F}/negonly.txt`], ['domain', 'other.example', `!${F}/negonly.txt`], ['domain', 'bad.example', `${F}/negonly.txt`],
  ['domain', 'x.y', 'a.b : x.y : c.d'], ['domain', 'x.y', '<; a.b ; x.y'], ['domain', 'x:y', 'a.b : x::y'], ['domain', '', ':'], ['domain', '', 'a.b'],
  ['domain', '', ''], ['domain', 'a.b', ''], ['domain', 'a.b', '*'], ['domain', 'a.b', 'nosuchtype;foo'], ['domain', 'a.b', '@mx_any'],
  ['domain', '[127.0.0.1]', '@[]'], ['domain', '[10.99.99.99]', '@[]'], ['domain', 'a.b', '*.B'], ['domain', 'a.b', '^'],
  // ---- local part lists
  ['localpart', 'Post', 'post'], ['localpart', 'Post', '+caseful : post'], ['localpart', 'Post', '+caseful : Post'], ['localpart', 'Post', '*st'],
  ['localpart', 'Post', '+caseful : *st'], ['localpart', 'Post', '@'], ['localpart', 'postmaster', '+lps'], ['localpart', 'Abuse', '+lps'],
  ['localpart', 'x', '!+lps'], ['localpart', 'abuse', '!+lps'], ['localpart', 'local1', `lsearch;${F}/ls.txt`], ['localpart', 'LOCAL1', `lsearch;${F}/ls.txt`],
  ['localpart', 'alice', `${F}/lpfile.txt`], ['localpart', 'bob', `${F}/lpfile.txt`], ['localpart', 'carol', `${F}/lpfile.txt`], ['localpart', 'dave', `${F}/lpfile.txt`],
  ['localpart', 'Abc', '^a(b)'], ['localpart', 'Abc', '+caseful : ^a(b)'], ['localpart', 'x', '!x : *'], ['localpart', 'y', '!x : *'],
  ['localpart', 'a+b', '^a\\+b$'], ['localpart', '', ':'], ['localpart', 'Postmaster', `+caseful : lsearch;${F}/ls.txt`],
  // ---- address lists
  ['address', 'User@Example.COM', 'user@example.com'], ['address', 'User@Example.COM', '+caseful : user@example.com'],
  ['address', 'User@Example.COM', '+caseful : User@example.com'], ['address', 'a@x.z', '*@*.z'], ['address', 'a@x.z', 'x.z'], ['address', 'a@x.z', '*.z'],
  ['address', 'a@x.z', '@x.z'], ['address', 'a@x.z', 'a@'], ['address', 'a@x.z', '*@x.z'], ['address', 'ba@x.z', '*a@x.z'], ['address', 'b@x.z', '*a@x.z'],
  ['address', 'postmaster@x.z', `@@lsearch;${F}/atat.txt`], ['address', 'bob@x.z', `@@lsearch;${F}/atat.txt`], ['address', 'c@y.z', `@@lsearch;${F}/atat.txt`],
  ['address', 'd5@y.z', `@@lsearch;${F}/atat.txt`], ['address', 'e@y.z', `@@lsearch;${F}/atat.txt`], ['address', 'a@y.z', `@@lsearch;${F}/atat.txt`],
  ['address', 'bob@w.z', `@@lsearch;${F}/atat.txt`], ['address', 'Bob@w.z', `@@lsearch;${F}/atat.txt`], ['address', 'a@none.z', `@@lsearch;${F}/atat.txt`],
  ['address', 'x@y.z', `lsearch;${F}/ls.txt`], ['address', 'X@Y.z', `lsearch;${F}/ls.txt`], ['address', '', ':'], ['address', '', 'a@b'], ['address', 'a@b', ':'],
  ['address', 'a@b', '^A@b$'], ['address', 'a@b', '+caseful : ^A@b$'], ['address', 'a@x.z', '*@+local_domains'], ['address', 'a@lo.example', '*@+local_domains'],
  ['address', 'a@lo.example', `a@lsearch;${F}/ls.txt`], ['address', 'a@a.b', `a@lsearch;${F}/ls.txt`], ['address', 'noat', 'noat'],
  ['address', 'q@spam.example', '+bad'], ['address', 'evil@X.example', '+bad'], ['address', 'good@x.example', '+bad'], 
  ['address', 'a@q.example', `${F}/addrfile.txt`], ['address', 'a@foo.bar', `${F}/addrfile.txt`], ['address', 'x@y.z', `${F}/addrfile.txt`],
  ['address', 'not#comment@q.example', `${F}/addrfile.txt`], ['address', 'a@mail.test.example', '*@@'], ['address', 'a@x.z', '!*@x.z'],
  // ---- match_ip
  ['ip', '127.0.0.1', '@[]'], ['ip', '127.0.0.1', 'localhost'], ['ip', '10.1.2.3', '+relay'], ['ip', '::1', '+relay6'], ['ip', '2001:db8::5', '+relay6'],
  ['ip', '10.1.2.3', `net24-lsearch;${F}/ipkeys.txt`], ['ip', '10.1.2.3', `net-lsearch;${F}/ipkeys.txt`], ['ip', '10.1.2.3', `lsearch;${F}/ipkeys.txt`],
  ['ip', '10.1.2.4', `lsearch;${F}/ipkeys.txt`], ['ip', '10.1.2.3', `iplsearch;${F}/ipl.txt`], ['ip', '2001:db8::1', `iplsearch;${F}/ipl.txt`],
  ['ip', '2001:db8::1', `net-lsearch;${F}/ipkeys.txt`], ['ip', '2001:db8::1', '<; 2001:db8::/32'], ['ip', '2001:0db8:0:0::1', '2001::db8::::1'],
  ['ip', '::ffff:10.1.2.3', '10.1.2.3'], ['ip', '10.1.2.3', '*'], ['ip', '', ':10.1.2.3'], ['ip', '10.1.2.3', ':10.1.2.3'], ['ip', '10.1.2.3', '*.foo'],
  ['ip', '10.1.2.3', 'foo.bar'], ['ip', '10.1.2.3', '10.1.2.3/abc'], ['ip', '10.1.2.3', '10.1.2.0/24'], ['ip', '10.1.3.3', '10.1.2.0/24'],
  ['ip', '10.1.2.3', '10.1.2.3/33'], ['ip', '10.1.2.3', '!10.1.2.0/24 : *'], ['ip', '10.9.2.3', '!10.1.2.0/24 : *'], ['ip', '10.1.2.3', '+include_unknown : !10.1.2.4 : *.foo'],
  ['ip', '10.1.2.3', '+ignore_unknown : *.foo : 10.1.2.3'], ['ip', '10.1.2.3', `${F}/ipfile.txt`], ['ip', '192.168.0.1', `${F}/ipfile.txt`],
  ['ip', '192.168.0.2', `${F}/ipfile.txt`], ['ip', 'x', '10.1.2.0/24'], ['ip', '10.1.2.3', '0.0.0.0/0'], ['ip', '2001:db8::1', '::/0'], ['ip', '10.1.2.3', '::/0'],
  // ---- host lists (ACL hosts = ...), [address, name or null, list]
  ['host', '10.1.2.3', 'foo.bar.example', '*.bar.example'], ['host', '10.1.2.3', 'foo.bar.example', '10.0.0.0/8'], ['host', '10.1.2.3', 'foo.bar.example', '+relay'],
  ['host', '10.1.2.3', 'foo.bar.example', '*.nomatch'], ['host', '10.1.2.3', 'foo.bar.example', '*'], ['host', '10.1.2.3', 'foo.bar.example', `net24-lsearch;${F}/ipkeys.txt`],
  ['host', '10.1.2.3', 'foo.bar.example', `net-lsearch;${F}/ipkeys.txt`], ['host', '10.1.2.3', 'foo.bar.example', `net-iplsearch;${F}/ipl.txt`],
  ['host', '10.1.2.3', 'foo.bar.example', `${F}/ipfile.txt`], ['host', '10.1.2.3', 'foo.bar.example', '!10.1.2.3'], ['host', '10.1.2.3', 'foo.bar.example', '^foo\\.bar'],
  ['host', '10.1.2.3', 'foo.bar.example', '^FOO\\.bar'], ['host', '10.1.2.3', 'foo.bar.example', `lsearch;${F}/hostnames.txt`],
  ['host', '10.1.2.3', 'foo.bar.example', '+names'], ['host', '10.1.2.3', 'mail12.x.example', '+names'], ['host', '10.1.2.3', 'foo.bar.example', '!*.bar.example : *'],
  ['host', '127.0.0.1', 'foo.bar.example', 'localhost'], ['host', '127.0.0.1', 'foo.bar.example', '@[]'], ['host', '10.1.2.3', 'foo.bar.example', 'localhost'],
  ['host', '127.0.0.1', null, '*.foo'], ['host', '127.0.0.1', null, '+include_unknown : *.foo'], ['host', '127.0.0.1', null, '+ignore_unknown : *.foo : 127.0.0.1'],
  ['host', '127.0.0.1', null, '127.0.0.1 : *.foo'], ['host', '10.1.2.3', 'foo.bar.example', '10.1.2'],
];
