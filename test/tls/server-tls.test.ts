/**
 * Real handshakes over loopback between Node's TLS client and createServerTls(), replaying
 * the client settings of the exim4 -bd oracle sessions (scripts/oracle/gen-tls.mjs) and
 * comparing $tls_in_* values and the X=/CV=/DN=/SNI= log fields with exim4's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tlsFields } from '../../src/log/lines/reception.js';
import { parseLogSelector } from '../../src/log/selectors.js';
import { fingerprint } from '../../src/tls/certificate.js';
import { cert, oracle, type OracleCase } from './helpers.js';
import { BASE_CONFIG, connect, startServer, type LiveServer } from './live.js';

const SELECTORS = parseLogSelector('+tls_peerdn +tls_sni +tls_certificate_verified +tls_resumption');

/** " X=... CV=... [DN=...] [SNI=...]" of the oracle's <= line. */
function oracleTlsFields(c: OracleCase): string {
  const line = c.log.find((l) => l.includes(' <= '))!;
  return line.slice(line.indexOf(' X='), line.indexOf(' S='));
}

async function replay(server: LiveServer, c: OracleCase, extra: Record<string, unknown> = {}): Promise<void> {
  if (c.error?.startsWith('client:')) return; // Node's client could not even offer these suites
  const client = await connect(server.port, { ...(c.client as object), ...extra });
  const out = await server.next();
  if (c.error !== undefined || c.info?.error !== undefined) {
    assert.equal(out.ok, false, `${c.name}: exim4 refused (${c.error ?? c.info?.error})`);
    return;
  }
  assert.ok(out.ok, `${c.name}: ${out.ok ? '' : out.logText}`);
  assert.ok(client.ok);
  const s = out.session;
  const v = (name: string): string => s.vars.get(name)?.s ?? '';
  for (const name of ['tls_in_cipher', 'tls_in_cipher_std', 'tls_in_bits', 'tls_in_ver', 'tls_in_peerdn', 'tls_in_sni', 'tls_in_certificate_verified', 'tls_in_ocsp', 'tls_in_resumption', 'tls_cipher', 'tls_peerdn', 'tls_sni', 'tls_bits', 'tls_certificate_verified', 'tls_in_peercert', 'tls_in_ourcert']) {
    assert.equal(v(name), c.vars[name], `${c.name}: $${name}`);
  }
  if (s.ourCert) assert.equal(fingerprint(s.ourCert, 'sha256'), c.vars['sha256:tls_in_ourcert'], `${c.name}: our certificate`);
  assert.equal(tlsFields(s.log, SELECTORS), oracleTlsFields(c), `${c.name}: log fields`);
}

test('try-verify sessions: SNI certificate choice, client certificates, DN, CV', async () => {
  const server = await startServer(`${BASE_CONFIG}tls_try_verify_hosts = *\ntls_resumption_hosts = *\n`);
  try {
    for (const c of oracle.filter((x) => ['tls13-sni-client', 'tls13-nosni-rogue', 'tls13-plain', 'tls13-dated', 'tls12-sni-client'].includes(x.name))) await replay(server, c);
  } finally {
    await server.close();
  }
});

test('cipher, group and signature naming over the TLS1.3 and TLS1.2 suites exim4 offered', async () => {
  const server = await startServer(`${BASE_CONFIG}tls_resumption_hosts = *\n`);
  try {
    const cases = oracle.filter((x) => /^tls1[23]-/.test(x.name) && !/sni|nosni|plain|dated/.test(x.name));
    assert.ok(cases.length > 50);
    for (const c of cases) await replay(server, c);
  } finally {
    await server.close();
  }
});

test('TLS1.0 and TLS1.1 are refused (exim4 4.96 with GnuTLS still accepts them: a deliberate difference)', async () => {
  const server = await startServer(BASE_CONFIG);
  try {
    for (const v of ['TLSv1', 'TLSv1.1'] as const) {
      const client = await connect(server.port, { minVersion: v, maxVersion: v, ciphers: 'DEFAULT:@SECLEVEL=0' });
      const out = await server.next();
      assert.equal(client.ok, false, v);
      assert.equal(out.ok, false);
      if (!out.ok) assert.match(out.logText, /^\(gnutls_handshake\): /);
    }
  } finally {
    await server.close();
  }
});

test('tls_verify_hosts: a verified certificate passes; none or an untrusted one fails with exim4 log texts', async () => {
  const server = await startServer(`${BASE_CONFIG}tls_verify_hosts = *\ntls_resumption_hosts = *\n`);
  try {
    await replay(server, oracle.find((x) => x.name === 'verify-client')!);
    for (const name of ['verify-none', 'verify-rogue']) {
      const c = oracle.find((x) => x.name === name)!;
      await connect(server.port, c.client as object);
      const out = await server.next();
      const want = c.log[0]!.replace(/^TLS error on connection from \S+ \S+ /, '');
      assert.deepEqual(out, { ok: false, logText: want }, name);
    }
  } finally {
    await server.close();
  }
});

test('tls_verify_hosts not matching this host: no certificate is requested', async () => {
  const server = await startServer(`${BASE_CONFIG}tls_verify_hosts = 192.0.2.1\n`);
  try {
    await connect(server.port, { clientCert: 'client' });
    const out = await server.next();
    assert.ok(out.ok);
    if (out.ok) {
      assert.equal(out.session.vars.get('tls_in_peerdn')?.s, '');
      assert.equal(out.session.certificateVerified, false);
    }
  } finally {
    await server.close();
  }
});

test('SNI picks the certificate by re-expanding tls_certificate; $tls_in_sni is tainted', async () => {
  const server = await startServer(`${BASE_CONFIG}`);
  try {
    await connect(server.port, { servername: 'sni.example' });
    const out = await server.next();
    assert.ok(out.ok);
    if (!out.ok) return;
    assert.equal(fingerprint(out.session.ourCert!, 'sha256'), fingerprint(cert('sni'), 'sha256'));
    assert.deepEqual(out.session.vars.get('tls_in_sni'), { s: 'sni.example', tainted: true });
    assert.equal(out.session.vars.get('tls_in_peerdn')?.tainted, false);
    await connect(server.port, { servername: 'other.example' });
    const other = await server.next();
    assert.ok(other.ok && fingerprint(other.session.ourCert!, 'sha256') === fingerprint(cert('server-rsa'), 'sha256'));
  } finally {
    await server.close();
  }
});

test('taint of the $tls_in_* values matches the marks exim4 -bd wrote in its spool files', async () => {
  const server = await startServer(`${BASE_CONFIG}tls_try_verify_hosts = *\ntls_resumption_hosts = *\n`);
  try {
    const c = oracle.find((x) => x.name === 'tls13-sni-client')!;
    assert.ok(c.spoolTls.length >= 6);
    await connect(server.port, c.client as object);
    const out = await server.next();
    assert.ok(out.ok);
    if (!out.ok) return;
    for (const mark of c.spoolTls) {
      const name = mark.replace(/^-+tls_/, 'tls_in_');
      assert.equal(out.session.vars.get(name)?.tainted, mark.startsWith('--'), `${name} (${mark})`);
    }
  } finally {
    await server.close();
  }
});
