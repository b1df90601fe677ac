/**
 * Option handling: tls_require_ciphers (GnuTLS priority strings and OpenSSL lists),
 * tls_advertise_hosts, tls_on_connect_ports, tls_dhparam, tls_eccurve and configuration errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cipherSettings, isGnutlsPriority } from '../../src/tls/priority.js';
import { dhParam, ecdhCurve } from '../../src/tls/secure-context.js';
import { createServerTls } from '../../src/tls/server-tls.js';
import { TlsConfigError } from '../../src/tls/errors.js';
import { createExpandContext } from '../../src/expand/index.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { fromLoadedConfig } from '../../src/cli/runtime-config.js';
import { BASE_CONFIG, connect, loadConfig, startServer } from './live.js';

const suites = (s: string): string[] => cipherSettings(s).ciphers.split(':');

test('default (unset) ciphers are the suites exim4 accepted: AEAD, SHA1-CBC, CCM; no SHA256/SHA384 CBC', () => {
  const d = suites('');
  for (const s of ['TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-CCM', 'DHE-RSA-AES256-SHA', 'AES128-SHA', 'AES256-CCM']) assert.ok(d.includes(s), s);
  for (const s of ['ECDHE-RSA-AES256-SHA384', 'ECDHE-RSA-AES128-SHA256', 'AES256-SHA256', 'DHE-RSA-AES128-SHA256']) assert.ok(!d.includes(s), s);
  assert.deepEqual([cipherSettings('').minVersion, cipherSettings('').maxVersion], ['TLSv1.2', 'TLSv1.3']);
});

test('GnuTLS priority strings', () => {
  assert.ok(isGnutlsPriority('NORMAL:%COMPAT'));
  assert.ok(isGnutlsPriority('NONE:+VERS-TLS1.3:+AES-256-GCM'));
  assert.ok(!isGnutlsPriority('HIGH:!MD5:!SHA1'));
  const only13 = cipherSettings('NORMAL:-VERS-TLS1.2');
  assert.equal(only13.minVersion, 'TLSv1.3');
  assert.ok(only13.ciphers.split(':').every((s) => s.startsWith('TLS_')));
  const only12 = cipherSettings('NORMAL:-VERS-TLS1.3');
  assert.equal(only12.maxVersion, 'TLSv1.2');
  assert.ok(!only12.ciphers.includes('TLS_AES'));
  assert.ok(!suites('PFS').some((s) => /^AES/.test(s)), 'PFS drops RSA key exchange');
  assert.ok(suites('SECURE256').every((s) => /256|CHACHA/.test(s)));
  assert.deepEqual(suites('NONE:+VERS-TLS1.2:+AES-256-GCM:+ECDHE-RSA:+AEAD:+SIGN-ALL:+GROUP-ALL'), ['ECDHE-RSA-AES256-GCM-SHA384']);
  assert.equal(cipherSettings('NORMAL:-GROUP-ALL:+GROUP-SECP384R1').ecdhCurve, 'P-384');
  assert.ok(suites('NORMAL:+SHA256').includes('ECDHE-RSA-AES128-SHA256'));
  assert.ok(!suites('NORMAL:-CHACHA20-POLY1305').some((s) => s.includes('CHACHA')));
  assert.throws(() => cipherSettings('NONE:+VERS-TLS1.2'), TlsConfigError);
  assert.throws(() => cipherSettings('NORMAL:bogus'), TlsConfigError);
});

test('OpenSSL cipher lists pass through, with underscores as hyphens', () => {
  assert.equal(cipherSettings('ECDHE_RSA_AES128_GCM_SHA256:HIGH').ciphers, 'ECDHE-RSA-AES128-GCM-SHA256:HIGH');
});

test('a priority string limits what clients can negotiate', async () => {
  const server = await startServer(`${BASE_CONFIG}tls_require_ciphers = NORMAL:-VERS-TLS1.3:-AES-128-GCM:-CHACHA20-POLY1305:-AES-256-GCM:-AES-128-CCM:-AES-256-CCM:-AES-128-CBC\n`);
  try {
    await connect(server.port, {});
    const out = await server.next();
    assert.ok(out.ok);
    if (out.ok) assert.equal(out.session.vars.get('tls_in_cipher')?.s, 'TLS1.2:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_CBC__SHA1:256');
  } finally {
    await server.close();
  }
});

test('tls_dhparam and tls_eccurve values', () => {
  assert.equal(dhParam(undefined, 2236), 'auto');
  assert.equal(dhParam('ffdhe3072', 2236), 'auto');
  assert.equal(dhParam('none', 2236), undefined);
  assert.match(String(dhParam('ike14', 2236)), /BEGIN DH PARAMETERS/);
  assert.equal(dhParam('ike15', 2236), undefined, 'a 3072-bit prime above tls_dh_max_bits is not used');
  assert.throws(() => dhParam('nonsense', 2236), TlsConfigError);
  assert.equal(ecdhCurve('auto', undefined), undefined);
  assert.equal(ecdhCurve('prime256v1', undefined), 'P-256');
});

test('DHE with tls_dhparam = ike14: the prime is used; none disables DHE', async () => {
  const server = await startServer(`${BASE_CONFIG}tls_dhparam = ike14\n`);
  try {
    await connect(server.port, { maxVersion: 'TLSv1.2', ciphers: 'DHE-RSA-AES128-GCM-SHA256' });
    const out = await server.next();
    assert.ok(out.ok && out.session.cipher === 'TLS1.2:DHE_CUSTOM2048__RSA_PSS_RSAE_SHA256__AES_128_GCM:128');
  } finally {
    await server.close();
  }
  const none = await startServer(`${BASE_CONFIG}tls_dhparam = none\n`);
  try {
    await connect(none.port, { maxVersion: 'TLSv1.2', ciphers: 'DHE-RSA-AES128-GCM-SHA256' });
    const out = await none.next();
    assert.deepEqual(out, { ok: false, logText: '(gnutls_handshake): No supported cipher suites have been found.' });
  } finally {
    await none.close();
  }
});

function serverTls(text: string) {
  const config = loadConfig(text);
  const view = fromLoadedConfig(config).view;
  return createServerTls(config, () => createExpandContext({ config: view, lookups: createLookupRegistry() }));
}

test('tls_advertise_hosts (default *) and tls_on_connect_ports', async () => {
  assert.equal(await serverTls('').advertise({ address: '192.0.2.1' }), true);
  const s = serverTls('tls_advertise_hosts = 192.0.2.0/24\ntls_on_connect_ports = 465 : 10465\n');
  assert.equal(await s.advertise({ address: '192.0.2.9' }), true);
  assert.equal(await s.advertise({ address: '198.51.100.1' }), false);
  assert.equal(await serverTls('tls_advertise_hosts =\n').advertise({ address: '192.0.2.1' }), false);
  assert.equal(s.isTlsOnConnectPort(465), true);
  assert.equal(s.isTlsOnConnectPort(10465), true);
  assert.equal(s.isTlsOnConnectPort(25), false);
});

test('configuration problems are TlsConfigError (STARTTLS gets 454)', async () => {
  const check = async (text: string, re: RegExp): Promise<void> => {
    const server = await startServer(text);
    try {
      await connect(server.port, {});
      const out = await server.next();
      assert.equal(out.ok, false);
      if (!out.ok) assert.match(out.logText, re);
    } finally {
      await server.close();
    }
  };
  await check(`${BASE_CONFIG.replace(/tls_verify_certificates.*\n/, '')}tls_try_verify_hosts = *\ntls_verify_certificates = \${if eq{a}{b}{x}fail}\n`, /unexpected: TlsConfigError.*tls_verify_certificates is not/);
  await check(`tls_certificate = /nonexistent/cert.pem\n`, /unexpected: TlsConfigError.*cannot read "\/nonexistent\/cert.pem"/);
  await check(`tls_certificate = relative.pem\n`, /not an absolute path/);
});

test('tls_certificate unset: a self-signed certificate like exim4 makes (oracle "selfsigned")', async () => {
  const { oracleCase } = await import('./helpers.js');
  const { certExtract } = await import('../../src/tls/cert-extract.js');
  const want = oracleCase('selfsigned').vars;
  const server = await startServer('primary_hostname = mail.example.com\n');
  try {
    await connect(server.port, {});
    const out = await server.next();
    assert.ok(out.ok, out.ok ? '' : out.logText);
    if (!out.ok) return;
    const ours = out.session.ourCert!;
    for (const f of ['version', 'serial_number', 'subject', 'issuer', 'sig_algorithm', 'subj_altname', 'subject,CN', 'subject,C', 'subject,O']) {
      assert.equal(certExtract(f, ours), want[`certextract ${f} tls_in_ourcert`], f);
    }
    const lifetime = Number(certExtract('notafter,int', ours)) - Number(certExtract('notbefore,int', ours));
    assert.equal(lifetime, Number(want['certextract notafter,int tls_in_ourcert']) - Number(want['certextract notbefore,int tls_in_ourcert']));
    assert.equal(out.session.cipher, want.tls_in_cipher);
  } finally {
    await server.close();
  }
});

test('prepare() reports configuration problems before the handshake (for the 454 reply)', async () => {
  await assert.rejects(serverTls('tls_certificate = /nonexistent/c.pem\n').prepare({ address: '127.0.0.1' }), TlsConfigError);
  await serverTls(BASE_CONFIG).prepare({ address: '127.0.0.1' });
});
