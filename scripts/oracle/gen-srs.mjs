#!/usr/bin/env node
// Oracle for the inbound_srs condition: builds SRS0 local parts (valid ones from exim4's own
// ${srs_encode}, then damaged variants and day stamps around today), asks exim4 whether
// inbound_srs accepts each and what $srs_recipient becomes, and writes
// test/fixtures/expand-conditions/srs.json. Day stamps depend on the date, so the fixture
// records the day it was made; tests decode with that day as "now".
import { mkdirSync, writeFileSync } from 'node:fs';
import { expandLines, literal } from './exim-lines.mjs';

const OUT_DIR = 'test/fixtures/expand-conditions';
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
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(`${OUT_DIR}/srs.json`, JSON.stringify(fixture, null, 1) + '\n');
console.log(`wrote ${fixture.cases.length} inbound_srs cases for day ${day}`);
