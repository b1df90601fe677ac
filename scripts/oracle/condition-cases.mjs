// Cases for gen-conditions.mjs: { cond, args, probe? } with probe 'value' ($value) or
// 'numeric' ($0..$12). Arguments are literal text (the generator escapes them).
import { createHash } from 'node:crypto';

const cases = [];
const add = (cond, args, probe) => cases.push(probe ? { cond, args, probe } : { cond, args });

// ---- numeric comparisons -------------------------------------------------------------------
const numericPairs = [
  ['1', '2'], ['2', '1'], ['2', '2'], ['', '0'], ['', '1'], [' ', '0'], [' 1', '1'], ['1 ', '1'], ['\t1\n', '1'],
  ['1k', '1024'], ['1K', '1024'], ['1m', '1048576'], ['1M', '1048576'], ['1g', '1073741824'], ['1G', '1073741824'],
  ['-1', '-1'], ['+1', '1'], [' +1', '1'], ['-1k', '-1024'], ['010', '10'], ['-0', '0'], ['1k ', '1024'],
  ['00000000000000000000000001', '1'], ['9223372036854775807', '9223372036854775806'],
  ['-9223372036854775808', '-9223372036854775807'], ['8589934591G', '1'], ['-8589934592G', '1'],
  ['9007199254740993', '9007199254740992'],
  ['1t', '1'], ['0x10', '16'], ['1.5', '1'], ['99999999999999999999', '1'], ['9223372036854775808', '1'],
  ['-9223372036854775809', '1'], ['8589934592G', '1'], ['-8589934593G', '1'], ['9223372036854775807K', '1'],
  ['1kk', '1'], ['x', '1'], ['1', 'x'], [' x', '1'], ['-', '2'], ['+', '1'], ['++1', '1'], ['- 1', '1'],
  ['1 k', '2'], ['1 x', '1'], ['1x', '1'], [' 1x ', '1'], [' 99999999999999999999 ', '1'], ['x', 'y'],
];
for (const op of ['<', '<=', '=', '==', '>', '>=']) for (const p of numericPairs) add(op, p);

// ---- lexical comparisons -------------------------------------------------------------------
const stringPairs = [
  ['a', 'b'], ['b', 'a'], ['a', 'a'], ['A', 'a'], ['a', 'A'], ['ABC', 'abc'], ['', ''], ['', 'a'], ['ab', 'a'],
  ['B', 'a'], ['[', 'a'], ['_', 'a'], ['_', 'A'], ['É', 'é'], ['é', 'z'], ['z', 'é'], ['a b', 'a  b'],
  ['abc', 'abd'], ['Hello World', 'hello world'], ['~', '\x7f'], ['a', 'ab'], ['A', 'ab'], ['ab', 'a'], ['ab', 'AB'],
  ['aB', 'Abc'], ['abc', 'AB'], ['é', 'É'], ['\u00e9', '\u00e9x'],
];
for (const op of ['eq', 'eqi', 'lt', 'lti', 'le', 'lei', 'gt', 'gti', 'ge', 'gei']) for (const p of stringPairs) add(op, p);

// ---- bool, bool_lax ------------------------------------------------------------------------
const boolValues = [
  'true', ' TRUE ', 'yes', 'Yes', 'no', 'NO', 'false', 'False', '', '  ', '\tyes\n', '0', '00', '1', '-1', '-0', '-',
  '-00', '1k', '0k', 'x', 'y', 'on', 'off', ' 1 ', '1x', ' 1x ', '99999999999999999999', '+0', 'tru', 'true x',
  '--1', 'y es', '4294967296', '4294967297', '-4294967296', '2147483648', '9223372036854775808',
  '-18446744073709551616', '0000000000000000000000000000001', ' - ', '--', '-x', '+', 'x-', '- ', '0-', '.', 'n', 'f',
  'no ', 'ye', '2', 'n o', '-5', '5',
];
for (const v of boolValues) {
  add('bool', [v]);
  add('bool_lax', [v]);
}

// ---- isip, isip4, isip6 --------------------------------------------------------------------
const ipCandidates = [
  '1.2.3.4', '1.2.3', '256.1.1.1', '255.255.255.255', '0.0.0.0', '01.2.3.4', '0001.2.3.4', '1.2.3.4.', ' 1.2.3.4',
  '1.2.3.4 ', '1.2.3.04', '1.2.3.999', '1.2.3.4.5', '1.2.3.4a', '0x1.2.3.4', '1.2.3.4/24', '1.2.3.4/', '1.2.3.4:',
  '1.2.3.4%eth0', '', '::', '::1', '1::', '1::2:3', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8',
  '1::2::3', '::ffff:1.2.3.4', '::1.2.3.4', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', '00000::1', '0001::',
  '00001::', '::g', '[::1]', 'fe80::1%eth0', 'fe80::1%', '::1%%', '::1% x', '::1%x ', '::1%a:b', '::1%~', '::1%/',
  '::%1', '::1/128', '::1/', '1:2:3:4:5:6:7:', ':1:2', '::1:', '12345::1', 'ABCD::EF', '1::2:3:4:5:6:7:8',
  '::1:2:3:4:5:6:7', '1:2:3:4:5:6:7::', '::01.2.3.4', '::1.2.3', '0:0:0:0:0:0:0:0', 'a:b:c:d:e:f:1.2.3.4',
  '::ffff:256.1.1.1', ':', ':::', '1:::2', '1.2.3.4::', 'fe80::1%é',
];
for (const ip of ipCandidates) for (const c of ['isip', 'isip4', 'isip6']) add(c, [ip]);

// ---- inlist, inlisti ------------------------------------------------------------------------
const listCases = [
  ['b', 'a:B:c'], ['B', 'a:B:c'], ['b', 'a: b :c'], ['', 'a::b'], ['', 'a:'], [':', 'a:::b'], ['a:b', 'a::b'],
  ['b', '<;a;b'], ['', ''], [' ', ' : '], ['x', ':x'], ['', ':x'], ['needle', 'foo:needle:bar'], ['Needle', 'fOo:NeeDLE:bAr'],
  ['é', 'É:é'], ['É', 'x:é'], ['a b', 'a b:c'], ['c', '<, a, b ,c'],
];
for (const [s, l] of listCases) {
  add('inlist', [s, l], 'value');
  add('inlisti', [s, l], 'value');
}

// ---- match --------------------------------------------------------------------------------
const matchCases = [
  ['abc', '(b)(c)'], ['abc', '(x)?(b)'], ['abcdefghijkl', '(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)'], ['ABC', 'b'],
  ['ABC', '(?i)b'], ['abc', '^b'], ['abc', 'c$'], ['', ''], ['', '^$'], ['x@y.z', '^([^@]+)@(.+)$'], ['a', '('],
  ['a', '['], ['a', '*'], ['a', '(?<n>a)\\k<x>'], ['123', '^\\d{3}$'], ['a.b', 'a\\.b'], ['aXb', 'a\\.b'],
];
for (const [s, re] of matchCases) add('match', [s, re], 'numeric');

// ---- exists -------------------------------------------------------------------------------
for (const p of ['/etc/passwd', '/etc/', '/etc//passwd', '/nonexistent-mailwright', '/etc/passwd/x', '']) add('exists', [p]);

// ---- crypteq ------------------------------------------------------------------------------
const digest = (alg, s, enc) => createHash(alg).update(s, 'utf8').digest(enc);
for (const pw of ['test', '', 'tést']) {
  add('crypteq', [pw, `{md5}${digest('md5', pw, 'base64')}`]);
  add('crypteq', [pw, `{MD5}${digest('md5', pw, 'hex')}`]);
  add('crypteq', [pw, `{md5}${digest('md5', pw, 'hex').toUpperCase()}`]);
  add('crypteq', [pw, `{sha1}${digest('sha1', pw, 'base64')}`]);
  add('crypteq', [pw, `{SHA1}${digest('sha1', pw, 'hex')}`]);
  add('crypteq', [pw, `{Sha1}${digest('sha1', pw, 'hex').toUpperCase()}`]);
}
const cryptStored = [
  '{md5}CY9rzUYh03PK3k6DJie09g==', '{md5}cy9rzUYh03PK3k6DJie09g==', '{md5}CY9rzUYh03PK3k6DJie09g=', '{md5}abc',
  '{sha1}qUqP5cyxm6YcTAhz05Hph5gvu9M=', '{sha1}qUqP5cyxm6YcTAhz05Hph5gvu9M', '{sha256}abc', '{foo}abc', '{md5abc',
  '{}abc', '', '{crypt}', '{crypt16}',
  'abgOeLfPimXQo', '{crypt}abgOeLfPimXQo', '{CRYPT}abgOeLfPimXQo', '{crypt16}abgOeLfPimXQo', 'abgOeLfPimXQ', 'ab!OeLfPimXQo',
  '$1$abc$B..HicC/afMveWeNyfNsf/', '{crypt}$1$abc$B..HicC/afMveWeNyfNsf/', '$1$abc$B..HicC/afMveWeNyfNsf.',
  '$5$abc$xhLlZvoXRNo2v63CS0Ku6RxTjR8AtjqvUgTrPKnxyb1',
  '$5$rounds=1000$abc$1/AFll5u1v/mco1s6gjlnMiJFg8Oj19yltzAO/MaIS/',
  '$6$abc$XdYVWINHFqAPqCkQNpBc64k/whmYeD3VETO0Hk79c4aGoQEvgiYKd/03lbc/XloI0fcMwRw.Rj.dZbn3LdPVz.',
  '{crypt16}$6$abc$XdYVWINHFqAPqCkQNpBc64k/whmYeD3VETO0Hk79c4aGoQEvgiYKd/03lbc/XloI0fcMwRw.Rj.dZbn3LdPVz.',
  '_J9..abcdx/cgK8gMibw', '*0', '*1',
  '$2b$05$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/z.Ri', '$2y$05$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/z.Ri',
  '$2a$05$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/z.Ri', '$2b$05$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/z.Rj',
  '{crypt}$2b$05$abcdefghijklmnopqrstuuMceFj4VbmHOj8C7PetMxzZkwre/z.Ri',
  '$7$0/..../....abcd$B7XCPCL/zuSvUpqS.U6kwLvw45w/2R3JrrxIIGRzkP6', '$7$0/..../....abcd$B7XCPCL/zuSvUpqS.U6kwLvw45w/2R3JrrxIIGRzkP7',
];
for (const stored of cryptStored) add('crypteq', ['test', stored]);
const longKey = '0123456789abcdefXYZ';
for (const stored of [
  '{crypt}ab2wHQ4RTFVKI', '{crypt16}ab2wHQ4RTFVKI', '{crypt16}ab2wHQ4RTFVKI3cyxPgr4a7Q', '{crypt16}ab2wHQ4RTFVKIwJJDPjAks7c',
  '{crypt16}ab2wHQ4RTFVKI3cyxPgr4a7QWs', 'ab2wHQ4RTFVKI3cyxPgr4a7QWs/CExQflrk', 'ab2wHQ4RTFVKI3cyxPgr4a7QWs', 'ab2wHQ4RTFVKI',
]) add('crypteq', [longKey, stored]);
for (const [pw, stored] of [
  ['0123456789', '{crypt16}ab2wHQ4RTFVKIOepeFYX74HQ'], ['0123456789', '{crypt16}ab2wHQ4RTFVKI'],
  ['01234567', '{crypt16}ab2wHQ4RTFVKId2DlEKUPTr2'], ['01234567', '{crypt16}ab2wHQ4RTFVKI'],
  ['0123456789abcdefg', '{crypt16}ab2wHQ4RTFVKI3cyxPgr4a7Q'], ['test', '{crypt16}abgOeLfPimXQoeBTo5vfBdUs'],
  ['', '{crypt16}abmF1QH4PEr.E'], ['', 'abmF1QH4PEr.E'], ['tést', 'abW1NerLNSXio'],
]) add('crypteq', [pw, stored]);

// ---- list matching (need the list-matching module) ----------------------------------------
const listMatches = [
  ['match_domain', 'a.b', '*.b'], ['match_domain', 'A.b', 'a.b'], ['match_domain', 'a.b', 'x.y:a.b:p.q'],
  ['match_domain', 'a.b', '!a.b:*'], ['match_domain', 'a.b', 'lsearch;@FILES@/domains'],
  ['match_domain', 'x.a.b', 'partial-lsearch;@FILES@/domains'], ['match_domain', 'c.d', 'lsearch;@FILES@/domains'],
  ['match_domain', '', ''], ['match_domain', 'a.b', ''], ['match_domain', 'a.b', '^a.b$'],
  ['match_local_part', 'Bill', 'alice:bill'], ['match_local_part', 'Bill', '+caseful:bill'],
  ['match_local_part', 'bill', 'lsearch;@FILES@/localparts'], ['match_local_part', 'Bill', 'lsearch;@FILES@/localparts'],
  ['match_local_part', 'carol', 'alice:bill'], ['match_local_part', 'Bill', '^b'],
  ['match_address', 'Bill@x.y', 'alice@x.y:bill@X.Y'], ['match_address', 'Bill@X.y', '+caseful:bill@x.y'],
  ['match_address', 'a@b', ''], ['match_address', 'a@b', '*@b'], ['match_address', 'a@b', '@b'],
  ['match_ip', '1.2.3.4', '1.2.0.0/16'], ['match_ip', '1.2.3.4', '!1.2.3.4:*'], ['match_ip', '', ':1.2.3.4'],
  ['match_ip', 'x', '1.2.3.4'], ['match_ip', ' 1.2.3.4', '1.2.3.4'], ['match_ip', '1.2.3.4', 'x.y'],
  ['match_ip', '1.2.3.4', '*'], ['match_ip', '1.2.3.4', '1.2.3.4'], ['match_ip', '1.2.3.5', '1.2.3.4'],
  ['match_ip', '::1', '<; ::1'], ['match_ip', '::1', '::1'], ['match_ip', '127.0.0.1', '@[]'], ['match_ip', '192.0.2.1', '@[]'],
  ['match_ip', '1.2.3.4', 'iplsearch;@FILES@/ips'], ['match_ip', '1.2.9.9', 'iplsearch;@FILES@/ips'],
  ['match_ip', '1.2.3.4', 'net24-lsearch;@FILES@/ips'], ['match_ip', '1.2.3.4', 'lsearch;@FILES@/ips'],
];
for (const [cond, s, l] of listMatches) add(cond, [s, l], 'value');

export const CASES = cases;
