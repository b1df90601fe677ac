/**
 * Session resumption with stateless tickets: $tls_in_resumption bits, the resumed cipher
 * naming and the X= "*" mark against exim4's sessions (oracle resume-*), tls_resumption_hosts,
 * and ticket key rotation with one previous key accepted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tlsFields } from '../../src/log/lines/reception.js';
import { parseLogSelector } from '../../src/log/selectors.js';
import { RESUME, TicketKeyRing, cipherWithResumptionMark, resumptionBits } from '../../src/tls/resumption.js';
import { oracle, oracleCase } from './helpers.js';
import { BASE_CONFIG, connect, startServer, type LiveServer } from './live.js';

const SELECTORS = parseLogSelector('+tls_peerdn +tls_sni +tls_certificate_verified +tls_resumption');

async function session(server: LiveServer, client: Record<string, unknown>) {
  const c = await connect(server.port, client);
  const out = await server.next();
  assert.ok(out.ok, out.ok ? '' : out.logText);
  return { client: c, server: out.ok ? out.session : undefined! };
}

test('resumption sequences match exim4 (bits 11 then 31 for TLS1.3, 29 for TLS1.2; X= "*")', async () => {
  const server = await startServer(`${BASE_CONFIG}tls_resumption_hosts = *\n`);
  try {
    const firsts = oracle.filter((c) => c.name.startsWith('resume-') && c.name.endsWith('-first'));
    assert.ok(firsts.length >= 6);
    for (const first of firsts) {
      let ticket: Buffer | undefined;
      for (const step of ['first', 'second', 'third']) {
        const name = first.name.replace(/-first$/, `-${step}`);
        const c = oracle.find((x) => x.name === name);
        if (!c) continue;
        const { session: _ignored, ...opts } = c.client as Record<string, unknown>;
        const r = await session(server, { ...opts, ...(step === 'first' ? {} : { session: ticket }) });
        assert.equal(r.client.reused, c.info!.reused, `${name}: reused`);
        for (const v of ['tls_in_cipher', 'tls_in_cipher_std', 'tls_in_resumption', 'tls_in_bits', 'tls_in_ourcert']) {
          assert.equal(r.server.vars.get(v)?.s ?? '', c.vars[v], `${name}: $${v}`);
        }
        const line = c.log.find((l) => l.includes(' <= '))!;
        assert.equal(tlsFields(r.server.log, SELECTORS), line.slice(line.indexOf(' X='), line.indexOf(' S=')), `${name}: X=`);
        ticket = r.client.session ?? ticket;
      }
    }
  } finally {
    await server.close();
  }
});

test('tls_resumption_hosts not matching: bit 0 only and no resumption (exim4: 1, 1)', async () => {
  const server = await startServer(`${BASE_CONFIG}tls_resumption_hosts = !*\n`);
  try {
    const first = await session(server, {});
    assert.equal(first.server.resumption, Number(oracleCase('noresume-first').vars.tls_in_resumption));
    const second = await session(server, { session: first.client.session });
    assert.equal(second.client.reused, false);
    assert.equal(second.server.resumption, Number(oracleCase('noresume-second').vars.tls_in_resumption));
  } finally {
    await server.close();
  }
});

test('ticket keys rotate hourly; a ticket from the previous key still resumes, older ones do not', async () => {
  let now = 1_000_000;
  const ring = new TicketKeyRing({ now: () => now });
  const server = await startServer(`${BASE_CONFIG}tls_resumption_hosts = *\n`, { ticketKeys: ring });
  try {
    const first = await session(server, { maxVersion: 'TLSv1.2' });
    const k1 = ring.current();
    now += 3600_000; // rotation due
    assert.notEqual(ring.current().serial, k1.serial);
    assert.equal(ring.previous()?.serial, k1.serial);
    const second = await session(server, { maxVersion: 'TLSv1.2', session: first.client.session });
    assert.equal(second.client.reused, true, 'previous key accepted during the overlap');
    assert.ok(second.server.resumption & RESUME.RESUMED);
    now += 2 * 3600_000; // two more rotations: the first key is gone
    ring.current();
    ring.rotate();
    const third = await session(server, { maxVersion: 'TLSv1.2', session: first.client.session });
    assert.equal(third.client.reused, false);
    assert.equal(third.server.resumption & RESUME.RESUMED, 0);
  } finally {
    await server.close();
  }
});

test('resumption bit helpers', () => {
  assert.equal(resumptionBits(false, 'TLS1.3', undefined, false), RESUME.SUPPORTED);
  assert.equal(cipherWithResumptionMark('TLS1.3:(AES_256_GCM:256', 31, true), 'TLS1.3:(AES_256_GCM:256*');
  assert.equal(cipherWithResumptionMark('TLS1.3:X:256', 11, true), 'TLS1.3:X:256');
  assert.equal(cipherWithResumptionMark('TLS1.3:(AES_256_GCM:256', 31, false), 'TLS1.3:(AES_256_GCM:256');
});
