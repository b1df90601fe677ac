#!/usr/bin/env node
// Oracle for src/util/crypt: hashes (key, setting) pairs with the system crypt(3) (libxcrypt,
// through python3's deprecated `crypt` module) and with `openssl passwd -1/-5/-6`, and writes
// test/fixtures/expand-conditions/crypt.json. A null hash means crypt(3) rejected the setting
// (it returned "*0"/"*1"). Keys are valid UTF-8 text, hashed as their UTF-8 bytes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const OUT_DIR = 'test/fixtures/expand-conditions';

const keys = ['', 'a', 'test', 'password', '01234567', '012345678', 'tést', 'Zürich €5', 'x'.repeat(16),
  '0123456789abcdefXYZ', 'a much longer pass phrase with spaces and symbols !@#$%^&*()', 'y'.repeat(129)];

const settings = [
  // traditional DES and bigcrypt (settings longer than 13 characters)
  'ab', '..', 'zz', './', 'ab1', 'abgOeLfPimXQo', 'a', '', 'a!', 'ab!', 'abcdefghijklmn', 'ab2wHQ4RTFVKI3cyxPgr4a7QWs',
  'abcdefghijkl!n', 'ab' + 'x'.repeat(40),
  // BSDi extended DES
  '_J9..abcd', '_/...salt', '_....salt', '_J9..ab', '_J9..ab!d', '_zz..salt',
  // MD5-crypt
  '$1$', '$1$abc$', '$1$abc', '$1$abcdefgh$', '$1$abcdefghijk$', '$1$abc$ignored', '$1$a:b$', '$1$ab c$', '$1$./$',
  // SHA-256 / SHA-512 crypt
  '$5$', '$5$$', '$5$abc', '$5$saltstring', '$5$abcdefghijklmnopqrstuv$', '$5$rounds=1000$abc$', '$5$rounds=5000$abc',
  '$5$rounds=1001$toolongsaltstring$', '$5$rounds=10$abc', '$5$rounds=0$abc', '$5$rounds=01000$abc', '$5$rounds=1000',
  '$5$rounds=$abc', '$5$ab;c$',
  '$6$', '$6$abc', '$6$saltstring', '$6$rounds=1000$abc$', '$6$rounds=1234$0123456789abcdefgh$', '$6$a b$',
  // unknown methods
  '$9$abc$', '$$', '*0', '*1',
];

const cases = [];
for (const setting of settings) for (const key of keys) cases.push({ key, setting });

// bcrypt: cheap costs only. $2a$ with 8-bit key bytes (libxcrypt's countermeasure) and the
// buggy $2x$ are not implemented, so they are left out.
const bcryptSettings = ['$2b$04$abcdefghijklmnopqrstuu', '$2y$04$abcdefghijklmnopqrstuu', '$2a$04$abcdefghijklmnopqrstuu',
  '$2b$05$......................', '$2b$04$9999999999999999999999', '$2b$04$abcdefghijklmnopqrstuv', '$2b$04$abcdefghijklmnopqrstuuXYZ',
  '$2b$03$abcdefghijklmnopqrstuu', '$2b$32$abcdefghijklmnopqrstuu', '$2b$4$abcdefghijklmnopqrstuu', '$2b$04$short', '$2c$04$abcdefghijklmnopqrstuu',
  '$2b$04$abcdefghijklmnopqrst!u'];
const bcryptKeys = [...keys, 'z'.repeat(71), 'z'.repeat(72), 'z'.repeat(72) + 'A', 'z'.repeat(71) + 'A'];
// scrypt: small N and r so that libxcrypt and the tests stay fast.
const scryptSettings = ['$7$0/..../....abcd$', '$7$1/..../....abcd', '$7$2/..../....$', '$7$13..../....saltsalt$ignored',
  '$7$0/..../0...abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQ$', '$7$./..../....abcd$', '$7$//..../....abcd$',
  '$7$0...../....abcd$', '$7$0/.........abcd$', '$7$0/..../....ab!d$', '$7$0/..../....a:b$', '$7$', '$7$0/...'];
for (const setting of scryptSettings) for (const key of keys) cases.push({ key, setting });
for (const setting of bcryptSettings) {
  for (const key of bcryptKeys) {
    if (setting.startsWith('$2a$') && /[^\x00-\x7f]/.test(key)) continue;
    cases.push({ key, setting });
  }
}

const python = `
import crypt, json, sys, warnings
warnings.simplefilter('ignore')
out = []
for c in json.load(sys.stdin):
    h = crypt.crypt(c['key'], c['setting'])
    out.append(None if h is None or h.startswith('*') else h)
json.dump(out, sys.stdout)
`;
const res = spawnSync('python3', ['-c', python], { input: JSON.stringify(cases), maxBuffer: 1 << 26 });
if (res.status !== 0) throw new Error(`python3 crypt failed: ${res.stderr}`);
const hashes = JSON.parse(res.stdout.toString());
const fixture = cases.map((c, i) => ({ ...c, hash: hashes[i], oracle: 'libxcrypt' }));

// openssl passwd as a second, independent oracle for the $1$/$5$/$6$ constructions.
const opensslSalts = { '-1': ['abc', 'abcdefgh', 'x'], '-5': ['abc', 'saltstring', '0123456789abcdef'], '-6': ['abc', 'saltstring'] };
for (const [flag, salts] of Object.entries(opensslSalts)) {
  for (const salt of salts) {
    for (const key of keys.filter((k) => k !== '')) {
      const r = spawnSync('openssl', ['passwd', flag, '-salt', salt, '-stdin'], { input: key + '\n' });
      if (r.status !== 0) throw new Error(`openssl passwd failed: ${r.stderr}`);
      const prefix = { '-1': '$1$', '-5': '$5$', '-6': '$6$' }[flag];
      fixture.push({ key, setting: `${prefix}${salt}$`, hash: r.stdout.toString().trim(), oracle: 'openssl' });
    }
  }
}

mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(`${OUT_DIR}/crypt.json`, JSON.stringify(fixture, null, 1) + '\n');
console.log(`wrote ${fixture.length} crypt cases`);
