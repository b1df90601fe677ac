/**
 * The smtp transport against real servers on loopback: exim4 4.96 as a daemon (PIPELINING,
 * CHUNKING, STARTTLS with certificate verification passing and failing, per-recipient 5xx/4xx)
 * and Postfix's smtp-sink (plain delivery, with and without PIPELINING).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeContext, routed, smtpConfig, transportFrom } from '../smtp-client/helpers.js';
import { eximSkip, makePki, opensslSkip, sinkSkip, startExim, startSink, type EximDaemon, type Pki } from '../smtp-client/live.js';

const host = (port: number) => [{ address: '127.0.0.1', name: 'localhost', port }];

describe('smtp transport → exim4 daemon', { skip: eximSkip || opensslSkip }, () => {
  let exim: EximDaemon;
  let pki: Pki;
  before(async () => {
    pki = makePki();
    exim = await startExim(`tls_advertise_hosts = *\ntls_certificate = ${pki.cert}\ntls_privatekey = ${pki.key}`);
  });
  after(async () => exim?.stop());

  test('delivers with PIPELINING and CHUNKING; 5xx fails and 4xx defers one recipient each', async () => {
    const config = smtpConfig('hosts_avoid_tls = *');
    const ctx = makeContext(config);
    const addrs = routed(['ok@y.example', 'bad@y.example', 'later@y.example'], host(exim.port));
    const run = await transportFrom(config).deliver(addrs, ctx);
    const [ok, bad, later] = addrs.map((a) => run.results.get(a)!);
    assert.equal(ok!.status, 'ok');
    assert.equal(ok!.chunking, true, 'exim4 advertises CHUNKING: BDAT used');
    // exim4 answers BDAT LAST with a two-line reply; Exim's C= keeps both lines.
    assert.match(ok!.confirmation!, /^250- \d+ byte chunk, total \d+\n250 OK id=\S+$/);
    assert.match(ok!.remoteGreeting!, /^220 exim\.test\.example ESMTP Exim 4\.96/);
    assert.match(ok!.heloResponse!, /^250-exim\.test\.example Hello/);
    assert.equal(bad!.status, 'fail');
    assert.equal(bad!.message, 'SMTP error from remote mail server after RCPT TO:<bad@y.example>: 550 no such user here');
    assert.equal(later!.status, 'defer');
    assert.equal(later!.error, 'rcpt_4xx');
    assert.equal(later!.errno, -44);
    assert.equal(later!.message, 'SMTP error from remote mail server after RCPT TO:<later@y.example>: 451 try again later');
    assert.deepEqual(addrs[2]!.retries.map((r) => r.key), ['R:later@y.example:<s@x.example>']);
    const spooled = exim.spooled();
    assert.equal(spooled.length, 1);
    assert.match(spooled[0]!.header, /\n1\nok@y\.example\n/);
    assert.match(spooled[0]!.body, /body line\n\.leading dot\n$/, 'BDAT carries the message unstuffed');
    assert.match(exim.mainLog(), /<= s@x\.example H=\(mw\.test\.example\) \[127\.0\.0\.1\] P=esmtp K S=/);
  });

  test('STARTTLS with the server certificate verified (tls_verify_hosts)', async () => {
    const config = smtpConfig(`tls_verify_certificates = ${pki.ca}\ntls_verify_hosts = *`);
    const addrs = routed(['ok@y.example'], host(exim.port));
    const run = await transportFrom(config).deliver(addrs, makeContext(config));
    const r = run.results.get(addrs[0]!)!;
    assert.equal(r.status, 'ok', r.message);
    assert.ok(r.tls, 'TLS was used');
    assert.equal(r.tls!.certificateVerified, true);
    assert.equal(r.tls!.peerDn, 'O=Mailwright Test,CN=localhost');
    // The client's X= agrees with what exim4 logged for the same session.
    const serverX = [...exim.mainLog().matchAll(/P=esmtps X=(\S+)/g)].at(-1)?.[1];
    assert.equal(r.tls!.cipher, serverX);
  });

  test('verification failure under tls_verify_hosts: delivered in clear (tls_tempfail_tryclear)', async () => {
    const config = smtpConfig(`tls_verify_certificates = ${pki.otherCa}\ntls_verify_hosts = *`);
    const addrs = routed(['ok@y.example'], host(exim.port));
    const run = await transportFrom(config).deliver(addrs, makeContext(config));
    const r = run.results.get(addrs[0]!)!;
    assert.equal(r.status, 'ok', r.message);
    assert.equal(r.tls, undefined);
    assert.deepEqual(run.hostLog, ['TLS session: (certificate verification failed): certificate invalid: delivering unencrypted to H=localhost [127.0.0.1] (not in hosts_require_tls)']);
  });

  test('verification failure with hosts_require_tls: deferred (-37), no host line', async () => {
    const config = smtpConfig(`tls_verify_certificates = ${pki.otherCa}\ntls_verify_hosts = *\nhosts_require_tls = *`);
    const addrs = routed(['ok@y.example'], host(exim.port));
    const run = await transportFrom(config).deliver(addrs, makeContext(config));
    const r = run.results.get(addrs[0]!)!;
    assert.equal(r.status, 'defer');
    assert.equal(r.errno, -37);
    assert.equal(r.message, 'TLS session: (certificate verification failed): certificate invalid');
    assert.deepEqual(run.hostLog, []);
    assert.equal(run.retries.find((x) => x.action === 'defer')?.key, `T:localhost:127.0.0.1:${exim.port}`);
  });

  test('a certificate for another name fails the host name check', async () => {
    const config = smtpConfig(`tls_verify_certificates = ${pki.ca}\ntls_verify_hosts = *\nhosts_require_tls = *`);
    const addrs = routed(['ok@y.example'], [{ address: '127.0.0.1', name: 'wrong.example', port: exim.port }]);
    const run = await transportFrom(config).deliver(addrs, makeContext(config));
    const r = run.results.get(addrs[0]!)!;
    assert.equal(r.status, 'defer');
    assert.match(r.message!, /^TLS session: \(certificate verification failed\): certificate name mismatch: DN="O=Mailwright Test,CN=localhost" H="wrong\.example"$/);
  });

  test('tls_try_verify_hosts (default): an unverifiable certificate still gives TLS, not verified', async () => {
    const config = smtpConfig(`tls_verify_certificates = ${pki.otherCa}`);
    const addrs = routed(['ok@y.example'], host(exim.port));
    const run = await transportFrom(config).deliver(addrs, makeContext(config));
    const r = run.results.get(addrs[0]!)!;
    assert.equal(r.status, 'ok', r.message);
    assert.equal(r.tls?.certificateVerified, false);
  });
});

describe('smtp transport → Postfix smtp-sink', { skip: sinkSkip }, () => {
  for (const pipelining of [true, false]) {
    test(`plain delivery of two recipients, PIPELINING ${pipelining ? 'used' : 'avoided'}`, async () => {
      const sink = await startSink();
      try {
        const config = smtpConfig(pipelining ? '' : 'hosts_avoid_pipelining = *');
        const addrs = routed(['a@y.example', 'b@y.example'], host(sink.port));
        const run = await transportFrom(config).deliver(addrs, makeContext(config, { message: { body: 'line one\n.dot line\n..two dots\n' } }));
        for (const a of addrs) assert.equal(run.results.get(a)!.status, 'ok');
        assert.equal(run.results.get(addrs[0]!)!.transaction, 1);
        assert.equal(run.results.get(addrs[1]!)!.transaction, 1);
        assert.equal(run.results.get(addrs[0]!)!.chunking, false);
        for (let i = 0; i < 50 && sink.dumps().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
        const dump = sink.dumps().join('');
        assert.match(dump, /Subject: test\n/);
        assert.match(dump, /line one\n\.dot line\n\.\.two dots\n/, 'dots unstuffed by the server as sent');
      } finally {
        await sink.stop();
      }
    });
  }
});
