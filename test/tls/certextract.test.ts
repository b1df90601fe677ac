/**
 * certextract, ${md5/sha1/sha256/base64:<cert variable>} and plain certificate variables,
 * through the real expander, against exim4 -bd's values for the same certificates
 * (test/fixtures/tls/oracle.json, scripts/oracle/gen-tls.mjs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expand } from '../../src/expand/index.js';
import { EMPTY, type TStr } from '../../src/expand/types.js';
import { certVariable } from '../../src/tls/cert-vars.js';
import { fingerprint, type Certificate } from '../../src/tls/certificate.js';
import { cert, context, oracleCase } from './helpers.js';

/** The oracle's dump name → the expression it logged (see dumpExpressions in gen-tls.mjs). */
function expression(name: string): string | undefined {
  let m = /^certextract yes\/no (\w+)$/.exec(name);
  if (m) return `\${certextract{subject,CN}{$${m[1]}}{<$value>}{none}}`;
  m = /^certextract (\S+) (\w+)$/.exec(name);
  if (m) return `\${certextract{${m[1]}}{$${m[2]}}}`;
  m = /^def:(\w+)$/.exec(name);
  if (m) return `\${if def:${m[1]}{y}{n}}`;
  m = /^(md5|sha1|sha256|sha2|sha2_256|base64):(\w+)$/.exec(name);
  if (m) return `\${${m[1]}:$${m[2]}}`;
  if (name === 'tls_in_peercert' || name === 'tls_in_ourcert') return `$${name}`;
  return undefined;
}

const ALL = ['ca', 'client', 'dated', 'rogue', 'server-ec', 'server-rsa', 'sni'].map((n) => cert(n));

/** Which committed certificate the oracle's variable held (by its SHA-256 fingerprint). */
function certBehind(vars: Record<string, string>, v: string): Certificate | undefined {
  return ALL.find((c) => fingerprint(c, 'sha256') === vars[`sha256:${v}`]);
}

for (const name of ['tls13-sni-client', 'tls13-dated', 'tls13-nosni-rogue', 'resume-TLSv1.3-second', 'timezone-dated']) {
  test(`certificate expansions match exim4: ${name}`, async () => {
    const c = oracleCase(name);
    const vars = new Map<string, TStr>();
    for (const v of ['tls_in_peercert', 'tls_in_ourcert']) {
      const crt = certBehind(c.vars, v);
      vars.set(v, crt ? certVariable(crt, v === 'tls_in_peercert') : EMPTY);
      if (c.vars[v] === '<cert>') assert.ok(crt, `${v} is one of the committed certificates`);
    }
    const ctx = context(vars, name.startsWith('timezone') ? { timezone: 'America/New_York' } : { timezone: 'UTC' });
    let checked = 0;
    for (const [key, want] of Object.entries(c.vars)) {
      const text = expression(key);
      if (text === undefined) continue;
      assert.equal((await expand(text, ctx)).s, want, `${key}: ${text}`);
      checked++;
    }
    assert.ok(checked >= 14, `checked ${checked} expressions`);
  });
}

test('certextract with an unknown field fails as exim4 does', async () => {
  const ctx = context(new Map([['tls_in_peercert', certVariable(cert('client'), true)]]));
  await assert.rejects(expand('${certextract{nosuch}{$tls_in_peercert}}', ctx), /bad field selector "nosuch" for certextract/);
});

test('certextract results from a peer certificate are tainted; fingerprints keep the variable taint', async () => {
  const ctx = context(new Map<string, TStr>([
    ['tls_in_peercert', certVariable(cert('client'), true)],
    ['tls_in_ourcert', certVariable(cert('server-rsa'), false)],
  ]));
  assert.equal((await expand('${certextract{subject,CN}{$tls_in_peercert}}', ctx)).tainted, true);
  assert.equal((await expand('${certextract{subject,CN}{$tls_in_ourcert}}', ctx)).tainted, false);
  assert.equal((await expand('${sha256:$tls_in_ourcert}', ctx)).tainted, false);
});

test('an unset certificate variable: certextract takes the "not found" branch', async () => {
  const ctx = context();
  assert.equal((await expand('${certextract{subject}{$tls_in_peercert}{yes}{no}}', ctx)).s, 'no');
  assert.equal((await expand('${certextract{subject}{$tls_in_peercert}}', ctx)).s, '');
});
