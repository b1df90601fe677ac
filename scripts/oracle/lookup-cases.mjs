// Case list for gen-lookups.mjs. A case is { group, spec, key, file } for single-key lookups
// (file may use @DIR@, the scratch copy of test/fixtures/lookups/files) or { group, spec,
// query } for query-style ones. Keys may not need expansion escapes beyond literal().

export const CDB_RECORDS = [
  ['one', 'first'],
  ['One', 'second'],
  ['one', 'third'],
  ['*', 'def'],
  ['*.c.d', 'star'],
  ['user@dom.example', 'exact user'],
  ['*@dom.example', 'any user'],
  ['empty', ''],
  ['multiword', 'data with spaces in it'],
  ['a.b.c.d', 'exact abcd'],
];

export const DSEARCH_TREE = [
  { name: 'f1', type: 'file', content: 'x' },
  { name: 'F2', type: 'file' },
  { name: '.hidden', type: 'file' },
  { name: 'sub', type: 'dir' },
  { name: 'Sub2', type: 'dir' },
  { name: 'link', type: 'symlink', target: 'f1' },
  { name: 'dangling', type: 'symlink', target: 'nowhere' },
  { name: 'dirlink', type: 'symlink', target: 'sub' },
  { name: 'a.b.c', type: 'file' },
  { name: '*', type: 'file' },
];

const B = '@DIR@/basic.lsearch';
const ND = '@DIR@/nodefault.lsearch';
const IP = '@DIR@/ip.iplsearch';
const IPN = '@DIR@/ip-nodefault.iplsearch';
const W = '@DIR@/wild.wildlsearch';
const NW = '@DIR@/wild.nwildlsearch';
const NWS = '@DIR@/wild-nostar.nwildlsearch';
const D = '@DIR@/dtree';
const C = '@DIR@/data.cdb';

const single = (group, spec, file, keys) => keys.map((key) => ({ group, spec, key, file }));

export const CASES = [
  // lsearch file format
  ...single('lsearch', 'lsearch', B, [
    'abc', 'ABC', 'foo', 'FOO', 'quoted key', 'with:colon', 'esc"quote', 'tab\there', 'hexA', 'octA',
    'unterminated', 'bar', 'empty', 'colonfirst', 'spacecolon', 'multi', 'comment-end', 'blankonly',
    'cont-empty', 'quoted-then-text', 'q', 'crlf', 'crlf2', 'indented-key', 'case', 'dup', 'nosuchkey',
    '', 'a.b.c', 'user@dom.example', '*', 'line2', '#', 'with',
  ]),
  ...single('lsearch', 'lsearch,ret=full', B, ['abc', 'Foo', 'quoted key', 'cont-empty', 'spacecolon', 'q', 'nosuchkey']),
  ...single('lsearch', 'lsearch,ret=key', B, ['ABC', 'nosuchkey', 'empty']),
  ...single('lsearch', 'lsearch,cache=no_rd', B, ['abc', 'nosuchkey']),
  ...single('lsearch', 'lsearch,unknown=option', B, ['abc']),
  // partial matching
  ...['partial-lsearch', 'partial3-lsearch', 'partial1-lsearch', 'partial0-lsearch', 'partial(.)lsearch',
    'partial1()lsearch', 'partial-lsearch*', 'partial0(.)lsearch', 'partial-lsearch,ret=key', 'partial2-lsearch']
    .flatMap((spec) => single('partial', spec, B, ['a.b.c.d', 'q.a.b.c.d', 'c.d', 'z.c.d', 'w.x.y.z', 'y.z', 'foo.e', 'e', 'p.q', 'x.p.q', 'x.mid.top'])),
  ...single('partial', 'partial-lsearch', ND, ['x.gamma.example', 'gamma.example', 'example', 'a.b.gamma.example', '', 'alpha']),
  ...single('partial', 'partial0-lsearch', ND, ['nothing.here', '']),
  ...single('partial', 'partial3-lsearch', ND, ['x.gamma.example', 'gamma.example']),
  ...single('partial', 'partial(*)lsearch', ND, ['x.gamma.example']),
  ...single('partial', 'partial10-lsearch', ND, ['x.gamma.example', 'alpha']),
  ...single('partial', 'partial0-lsearch*', ND, ['x.y']),
  ...single('partial', 'partial0(.)lsearch*', B, ['x.y', 'a.p.q']),
  ...single('partial', 'partial-lsearch,ret=full', B, ['q.c.d']),
  // defaults
  ...single('defaults', 'lsearch*', B, ['nosuchkey', 'abc', '', 'zz@dom.example']),
  ...single('defaults', 'lsearch*@', B, ['user@dom.example', 'other@dom.example', 'other@dom2.example', 'a@b@dom.example', 'nodomain', '@dom.example']),
  ...single('defaults', 'lsearch*@,ret=key', B, ['other@dom.example', 'nothing']),
  ...single('defaults', 'lsearch*,ret=key', B, ['nosuchkey']),
  ...single('defaults', 'lsearch*x', B, ['nosuchkey']),
  ...single('defaults', 'lsearch**', B, ['nosuchkey']),
  ...single('defaults', 'lsearch*@*', B, ['x@dom.example']),
  ...single('defaults', 'partial-lsearch*@', B, ['u@v.dom.example', 'q.c.d']),
  ...single('defaults', 'lsearch*', ND, ['nosuchkey']),
  ...single('defaults', 'lsearch*@', ND, ['a@b.example']),
  // spec syntax errors
  ...['xxx', 'partial2lsearch', 'partialx-lsearch', 'partial(-lsearch', 'partial(a)lsearch', 'partial-', 'partial-*lsearch',
    ',lsearch', '-lsearch', '*lsearch', 'lsearch@', 'lsearch,ret=key*', 'LSEARCH', 'lsearch_x', 'partial-partial-lsearch',
    'lsearch,', 'lsearch,ret', 'lsearch,ret=key,', 'partial-dnsdb', 'dnsdb*', 'dnsdb*@', 'dnsdb*,x=y', 'json', 'lmdb', 'redis']
    .flatMap((spec) => single('spec', spec, B, ['abc'])),
  // file errors
  ...single('file-errors', 'lsearch', '@DIR@/nonexistent', ['abc', '']),
  ...single('file-errors', 'lsearch', '@DIR@', ['abc']),
  ...single('file-errors', 'wildlsearch', '@DIR@', ['abc']),
  ...single('file-errors', 'iplsearch', '@DIR@', ['1.2.3.4']),
  ...single('file-errors', 'nwildlsearch', '@DIR@/nonexistent', ['abc']),
  ...single('file-errors', 'lsearch', '/dev/null', ['abc']),
  ...single('file-errors', 'lsearch', `${B}/sub`, ['abc']),
  ...single('file-errors', 'dsearch', '@DIR@/nonexistent', ['f1']),
  ...single('file-errors', 'dsearch', B, ['f1']),
  ...single('file-errors', 'cdb', '@DIR@/nonexistent', ['one']),
  ...single('file-errors', 'cdb', B, ['one']),
  ...single('file-errors', 'cdb', '@DIR@', ['one']),
  // iplsearch
  ...single('iplsearch', 'iplsearch', IP, [
    '1.2.3.4', '192.168.5.5', 'abcd::cdab', 'ABCD::CDAB', 'abcd:abcd:1::2', '10.1.2.3', '::ffff:1.2.3.4', '1.2.3.5',
    '172.16.0.1', '172.16.0.2', '8.8.8.8', 'fe80::1', '::ffff:9.9.9.9', '9.9.9.9', 'notanip', '1.2.3', '', '1.2.3.4/32',
    '1.2.3.04', '1.2.3.4.', ' 1.2.3.4', '*',
  ]),
  ...single('iplsearch', 'iplsearch', IPN, ['5.6.7.8', '5.6.7.9', '2001:db8:1::1', '2001:db9::1', '::1', '::ffff:5.6.7.8', '::5.6.7.8']),
  ...single('iplsearch', 'iplsearch,ret=full', IP, ['1.2.3.4', 'abcd::cdab', '10.9.9.9', '192.168.1.1']),
  ...single('iplsearch', 'iplsearch,ret=key', IP, ['1.2.3.4', '10.9.9.9']),
  ...single('iplsearch', 'iplsearch*', IPN, ['9.9.9.9']),
  ...single('iplsearch', 'partial-iplsearch', IPN, ['9.9.9.9', '5.6.7.8']),
  // wildlsearch (keys expanded) and nwildlsearch (not)
  ...single('wildlsearch', 'wildlsearch', W, [
    'x.a.b.c', 'X.A.B.C', 'a.b.c', 'goldfish', 'FISH', '123.a.b', '123.A.B', 'x  y', 'LIT.eral', 'exp.com', 'dollar$x',
    'alpha', 'x.gamma.example', 'zz', '',
  ]),
  ...single('wildlsearch', 'wildlsearch,ret=full', W, ['goldfish', 'x  y']),
  ...single('wildlsearch', 'wildlsearch,ret=key', W, ['goldfish']),
  ...single('nwildlsearch', 'nwildlsearch', NW, [
    'x.a.b.c', 'a.b.c', 'goldfish', '123.a.b', 'CASE1', 'case1', 'x  y', 'lit.eral', 'exp.com', 'dollar$x', 'dollar\\$x',
    'alpha', 'x.gamma.example', 'zz',
  ]),
  ...single('nwildlsearch', 'nwildlsearch', NWS, ['www.example', 'example', 'EXAMPLE.example', '12345', '123a', '']),
  ...single('nwildlsearch', 'nwildlsearch*', NWS, ['none']),
  ...single('nwildlsearch', 'partial-nwildlsearch', NWS, ['a.b.example', 'x.y']),
  ...single('nwildlsearch', 'nwildlsearch', '@DIR@/wild-badtype.nwildlsearch', ['anything']),
  // dsearch
  ...single('dsearch', 'dsearch', D, ['f1', 'F1', 'F2', '.hidden', 'sub', '.', '..', 'link', 'dangling', 'dirlink', 'nosuch', '', 'sub/x', '*', 'a.b.c']),
  ...single('dsearch', 'dsearch,ret=full', D, ['f1', 'sub', 'nosuch']),
  ...single('dsearch', 'dsearch,ret=full', `${D}/`, ['f1']),
  ...single('dsearch', 'dsearch,filter=file', D, ['f1', 'sub', 'link', 'dangling']),
  ...single('dsearch', 'dsearch,filter=dir', D, ['sub', '.', '..', 'f1', 'dirlink']),
  ...single('dsearch', 'dsearch,filter=subdir', D, ['sub', '.', '..', 'Sub2']),
  ...single('dsearch', 'dsearch,filter=bogus', D, ['f1']),
  ...single('dsearch', 'dsearch,ret=full,filter=file', D, ['f1', 'sub']),
  ...single('dsearch', 'dsearch,ret=key', D, ['f1']),
  ...single('dsearch', 'dsearch*', D, ['nosuch']),
  ...single('dsearch', 'partial-dsearch', D, ['x.y.a.b.c', 'x.y.z']),
  ...single('dsearch', 'dsearch', '@DIR@/dtree/dirlink', ['nosuch']),
  // cdb
  ...single('cdb', 'cdb', C, ['one', 'One', 'ONE', '*', 'empty', 'multiword', 'nosuch', '', 'user@dom.example', 'a.b.c.d']),
  ...single('cdb', 'cdb*', C, ['nosuch', 'one']),
  ...single('cdb', 'cdb*@', C, ['x@dom.example', 'x@other.example', 'user@dom.example']),
  ...single('cdb', 'partial-cdb', C, ['x.c.d', 'q.a.b.c.d', 'c.d', 'd']),
  ...single('cdb', 'cdb,ret=key', C, ['one', 'nosuch']),
  // query-style passwd
  ...['root', 'nobody', 'nosuchuser', '', ' root', 'root ', 'ROOT', '0'].map((query) => ({ group: 'passwd', spec: 'passwd', query })),
  { group: 'passwd', spec: 'passwd,ret=key', query: 'root' },
  { group: 'passwd', spec: 'passwd,ret=key', query: ' \troot' },
  { group: 'passwd', spec: 'partial-passwd', query: 'root' },
  { group: 'passwd', spec: 'passwd*', query: 'root' },
  { group: 'passwd', spec: 'passwd', key: 'root', file: '/etc/passwd' },
];
