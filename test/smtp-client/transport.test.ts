/**
 * The smtp transport with scripted servers: what goes on the wire (AUTH, AUTH=, DSN
 * parameters, LMTP, header changes), host selection (hosts_max_try, MX jump, retry skips,
 * transport hosts, fallback hosts), max_rcpt copies and connection reuse.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { describe, test } from 'node:test';
import { AddressItem } from '../../src/route/types.js';
import { EHLO_BASE, TLS_CERTS, freePort, makeContext, routed, scriptedServer, smtpConfig, transportFrom } from './helpers.js';

const local = (port: number, extra: { name?: string; mx?: number } = {}) => ({ address: '127.0.0.1', port, ...extra });

describe('smtp transport on the wire', () => {
  test('AUTH PLAIN and AUTH= on MAIL when the server advertises AUTH', async () => {
    const server = await scriptedServer({ ehlo: [...EHLO_BASE.slice(0, -1), '250-AUTH PLAIN LOGIN', '250 HELP'] });
    try {
      const config = smtpConfig('hosts_try_auth = *\nauthenticated_sender = sub@x.example', { authenticators: 'p:\n  driver = plaintext\n  public_name = PLAIN\n  client_send = ^user^secret\n' });
      const addrs = routed(['ok@y.example'], [local(server.port)]);
      const run = await transportFrom(config).deliver(addrs, makeContext(config));
      assert.equal(run.results.get(addrs[0]!)!.auth, 'p');
      assert.ok(server.commands.includes(`AUTH PLAIN ${Buffer.from('\0user\0secret').toString('base64')}`));
      assert.match(server.commands.find((c) => c.startsWith('MAIL'))!, /^MAIL FROM:<s@x\.example> SIZE=\d+ AUTH=sub@x\.example$/);
    } finally {
      await server.close();
    }
  });

  test('interface binds the local address; helo_data sees $sending_ip_address and $host', async () => {
    const server = await scriptedServer({});
    try {
      const config = smtpConfig('interface = <; ::1 ; 127.0.0.2\nhelo_data = [$sending_ip_address].$host');
      const addrs = routed(['ok@y.example'], [local(server.port, { name: 'mx.example' })]);
      const run = await transportFrom(config).deliver(addrs, makeContext(config));
      assert.equal(run.results.get(addrs[0]!)!.status, 'ok');
      assert.equal(server.commands[0], 'EHLO [127.0.0.2].mx.example');
    } finally {
      await server.close();
    }
  });

  test('protocol = smtps: TLS on connect, before the greeting', async () => {
    const server = await scriptedServer({});
    const front = tls.createServer({ cert: readFileSync(`${TLS_CERTS}/server-rsa.pem`), key: readFileSync(`${TLS_CERTS}/server-rsa.key`) }, (sock) => {
      const back = net.connect(server.port, '127.0.0.1');
      sock.on('error', () => back.destroy());
      back.on('error', () => sock.destroy());
      sock.pipe(back).pipe(sock);
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', () => r()));
    try {
      const config = smtpConfig(`protocol = smtps\ntls_verify_certificates = ${TLS_CERTS}/ca.pem\ntls_verify_hosts = *`);
      const addrs = routed(['ok@y.example'], [local((front.address() as net.AddressInfo).port, { name: 'mail.example.com' })]);
      const run = await transportFrom(config).deliver(addrs, makeContext(config));
      const r = run.results.get(addrs[0]!)!;
      assert.equal(r.status, 'ok', r.message);
      assert.equal(r.tls?.certificateVerified, true);
      assert.match(r.tls!.cipher, /^TLS1\.3:/);
      assert.equal(server.commands[0], 'EHLO mw.test.example');
    } finally {
      front.close();
      await server.close();
    }
  });

  test('DSN: NOTIFY and ORCPT on RCPT, RET and ENVID on MAIL', async () => {
    const server = await scriptedServer({});
    try {
      const config = smtpConfig('');
      const a = new AddressItem('ok@y.example', { dsn: { flags: 4 | 8, orcpt: 'rfc822;Orig@y.example' } });
      a.hosts = [{ name: '127.0.0.1', address: '127.0.0.1', port: server.port, mx: -1, dnssec: 'unknown', status: 'unknown' }];
      const ctx = makeContext(config, { message: { options: new Map([['dsn_ret', 'hdrs'], ['dsn_envid', 'id+1']]) } });
      await transportFrom(config).deliver([a], ctx);
      assert.match(server.commands.find((c) => c.startsWith('MAIL'))!, / RET=HDRS ENVID=id\+2B1$/);
      assert.equal(server.commands.find((c) => c.startsWith('RCPT')), 'RCPT TO:<ok@y.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Orig@y.example');
    } finally {
      await server.close();
    }
  });

  test('LMTP: LHLO and one reply per recipient after the data', async () => {
    const server = await scriptedServer({ lmtpDots: [['250 2.0.0 a ok'], ['452 4.2.2 b over quota'], ['550 5.1.1 c gone']] });
    try {
      const config = smtpConfig('protocol = lmtp');
      const addrs = routed(['a@y.example', 'b@y.example', 'c@y.example'], [local(server.port)]);
      const run = await transportFrom(config).deliver(addrs, makeContext(config));
      assert.equal(server.commands[0], 'LHLO mw.test.example');
      const [a, b, c] = addrs.map((x) => run.results.get(x)!);
      assert.equal(a!.status, 'ok');
      assert.equal(a!.confirmation, '250 2.0.0 a ok');
      assert.equal(b!.status, 'defer');
      assert.equal(b!.message, 'SMTP error from remote mail server after end of data: 452 4.2.2 b over quota');
      assert.equal(c!.status, 'fail');
      assert.equal(c!.message, 'SMTP error from remote mail server after end of data: 550 5.1.1 c gone');
    } finally {
      await server.close();
    }
  });

  test('headers_add, headers_remove and return_path_add shape the message sent', async () => {
    const server = await scriptedServer({});
    try {
      const config = smtpConfig('headers_add = X-Host: $host_address\nheaders_remove = Subject\nreturn_path_add');
      const addrs = routed(['ok@y.example'], [local(server.port)]);
      await transportFrom(config).deliver(addrs, makeContext(config));
      assert.equal(server.messages[0], 'Return-path: <s@x.example>\nFrom: s@x.example\nMessage-Id: <t@x.example>\nX-Host: 127.0.0.1\n\nbody line\n.leading dot\n');
    } finally {
      await server.close();
    }
  });

  test('max_rcpt: several copies over one connection, counted in `transaction`', async () => {
    const server = await scriptedServer({});
    try {
      const config = smtpConfig('max_rcpt = 2');
      const addrs = routed(['a@y.example', 'b@y.example', 'c@y.example'], [local(server.port)]);
      const run = await transportFrom(config).deliver(addrs, makeContext(config));
      assert.deepEqual(addrs.map((a) => run.results.get(a)!.transaction), [1, 1, 2]);
      assert.equal(server.connections, 1);
      assert.equal(server.commands.filter((c) => c.startsWith('MAIL')).length, 2);
    } finally {
      await server.close();
    }
  });

  test('keepOpen reuses the connection for the next run; RSET after a refused transaction', async () => {
    const server = await scriptedServer({ rcpt: { bad: ['550 no'] } });
    try {
      // Without PIPELINING no DATA follows the refused RCPT (the scripted server would say 354).
      const config = smtpConfig('hosts_avoid_pipelining = *');
      const transport = transportFrom(config);
      const r1 = await transport.deliver(routed(['bad@y.example'], [local(server.port)]), makeContext(config), { keepOpen: true });
      assert.equal([...r1.results.values()][0]!.status, 'fail');
      const r2 = await transport.deliver(routed(['ok@y.example'], [local(server.port)]), makeContext(config), { keepOpen: true });
      assert.equal([...r2.results.values()][0]!.status, 'ok');
      await transport.close();
      assert.equal(server.connections, 1);
      assert.ok(server.commands.includes('RSET'));
      assert.equal(server.commands.at(-1), 'QUIT');
    } finally {
      await server.close();
    }
  });
});

describe('smtp transport connection cache', () => {
  test('a kept connection the server has closed is replaced by a new one', async () => {
    const server = await scriptedServer({});
    try {
      const config = smtpConfig('');
      const transport = transportFrom(config);
      await transport.deliver(routed(['a@y.example'], [local(server.port)]), makeContext(config), { keepOpen: true });
      server.dropConnections();
      await new Promise((r) => setTimeout(r, 50));
      const r2 = await transport.deliver(routed(['b@y.example'], [local(server.port)]), makeContext(config));
      assert.equal([...r2.results.values()][0]!.status, 'ok');
      assert.equal(server.connections, 2);
      assert.equal(transport.openConnections, 0, 'without keepOpen the connection is closed after the run');
    } finally {
      await server.close();
    }
  });
});

describe('smtp transport host selection', () => {
  test('hosts_max_try limits the hosts tried; a higher MX is still tried', async () => {
    const dead = await freePort();
    const server = await scriptedServer({});
    try {
      const config = smtpConfig('hosts_max_try = 1');
      const hosts = [local(dead, { name: 'a.example', mx: 10 }), local(dead, { name: 'b.example', mx: 10 }), local(server.port, { name: 'c.example', mx: 20 })];
      const addrs = routed(['ok@y.example'], hosts);
      const run = await transportFrom(config).deliver(addrs, makeContext(config));
      assert.deepEqual(run.hostLog, ['H=a.example [127.0.0.1] Connection refused']);
      assert.equal(run.results.get(addrs[0]!)!.status, 'ok');
      assert.equal(run.results.get(addrs[0]!)!.host?.name, 'c.example');
      assert.equal(run.retries.find((r) => r.action === 'defer')?.error, 'refused_MX');
    } finally {
      await server.close();
    }
  });

  test('hosts_max_try_hardlimit stops the search', async () => {
    const dead = await freePort();
    const config = smtpConfig('hosts_max_try_hardlimit = 2\nhosts_max_try = 10');
    const addrs = routed(['ok@y.example'], [local(dead, { name: 'a' }), local(dead, { name: 'b' }), local(dead, { name: 'c' })]);
    const run = await transportFrom(config).deliver(addrs, makeContext(config));
    assert.equal(run.hostLog?.length, 2);
    assert.equal(run.results.get(addrs[0]!)!.errno, 111);
  });

  test('hosts refused by hostUsable are skipped: "retry time not reached for any host"', async () => {
    const config = smtpConfig('');
    const addrs = routed(['ok@y.example'], [local(1, { name: 'a' })]);
    const run = await transportFrom(config).deliver(addrs, makeContext(config, { hostUsable: () => false }));
    assert.deepEqual(run.results.get(addrs[0]!), { status: 'defer', message: 'retry time not reached for any host' });
    assert.equal(addrs[0]!.hosts[0]!.status, 'unusable');
  });

  test('transport hosts (names resolved through ctx.dns) with hosts_override; fallback_hosts set on deferral', async () => {
    const dead = await freePort();
    const config = smtpConfig(`hosts = relay.example::${dead}\nhosts_override\nfallback_hosts = fb.example`);
    const addrs = routed(['ok@y.example'], [local(1, { name: 'router-host' })]);
    const run = await transportFrom(config).deliver(addrs, makeContext(config, { resolve: { 'relay.example': ['127.0.0.1'] } }));
    assert.deepEqual(run.hostLog, ['H=relay.example [127.0.0.1] Connection refused']);
    assert.equal(run.retries[0]!.key, `T:relay.example:127.0.0.1:${dead}`);
    assert.deepEqual(addrs[0]!.fallbackHosts.map((h) => h.name), ['fb.example']);
  });
});
