import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROXY_FAILED_REPLY, ProxyHeaderReader, buildProxyV1, buildProxyV2, connectionProxyInfo, cStrtolInt, crc32c,
  ipv6Text, parseProxyHeader, proxyEndpoints, proxyFailedReplyFor, proxyLogField, proxyTimeoutSeconds, proxyVariables,
  startProxyTimer, ProxyHeaderBuildError, PP2_TYPE,
} from '../../../src/smtp/proxy/index.js';

const REAL = { peerAddress: '10.0.0.5', peerPort: 40000 };

test('crc32c: the standard check value', () => {
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
});

test('ipv6Text prints as inet_ntop', () => {
  const t = (hex: string): string => ipv6Text(Buffer.from(hex, 'hex'), 0);
  assert.equal(t('00000000000000000000000000000001'), '::1');
  assert.equal(t('00000000000000000000000000000000'), '::');
  assert.equal(t('20010db8000000000000000000000001'), '2001:db8::1');
  assert.equal(t('00010000000000000000000000000000'), '1::');
  assert.equal(t('00000000000000000000ffffc0000201'), '::ffff:192.0.2.1');
  assert.equal(t('000000000000000000000000c0000201'), '::192.0.2.1');
  assert.equal(t('20010db8000000010000000000000001'), '2001:db8:0:1::1');
  assert.equal(t('20010db8000100000001000000000001'), '2001:db8:1:0:1::1');
  assert.equal(t('00010000000100000000000100000000'), '1:0:1::1:0:0');
});

test('cStrtolInt follows strtol then int truncation', () => {
  assert.deepEqual(cStrtolInt('25'), { value: 25, complete: true });
  assert.deepEqual(cStrtolInt(' +25'), { value: 25, complete: true });
  assert.deepEqual(cStrtolInt('4294967321'), { value: 25, complete: true });
  assert.deepEqual(cStrtolInt('-1'), { value: -1, complete: true });
  assert.deepEqual(cStrtolInt('25x'), { value: 25, complete: false });
  assert.deepEqual(cStrtolInt(''), { value: 0, complete: true });
  assert.deepEqual(cStrtolInt('x'), { value: 0, complete: false });
  assert.deepEqual(cStrtolInt('99999999999999999999999'), { value: -1, complete: true });
});

test('builders round-trip through the reader in both modes', () => {
  const e = { sourceAddress: '192.0.2.1', destinationAddress: '198.51.100.2', sourcePort: 56324, destinationPort: 25 };
  const e6 = { sourceAddress: '2001:db8::1', destinationAddress: '2001:db8::2', sourcePort: 1, destinationPort: 587 };
  const want = { clientAddress: '192.0.2.1', externalAddress: '198.51.100.2', clientPort: 56324, externalPort: 25 };
  for (const mode of ['exim', 'strict'] as const) {
    const v1 = parseProxyHeader(Buffer.from(buildProxyV1(e), 'latin1'), { mode });
    assert.equal(v1.status, 'parsed');
    if (v1.status === 'parsed') assert.deepEqual(v1.header.assignments, want);
    const v2 = parseProxyHeader(buildProxyV2({ command: 'PROXY', endpoints: e, tlvs: [{ type: PP2_TYPE.AUTHORITY, value: 'mx.example' }], crc32c: true }), { mode });
    assert.equal(v2.status, 'parsed');
    if (v2.status === 'parsed') {
      assert.deepEqual(v2.header.assignments, want);
      assert.deepEqual(v2.header.tlvs.map((t) => t.type), [PP2_TYPE.AUTHORITY, PP2_TYPE.CRC32C]);
    }
    const v26 = parseProxyHeader(buildProxyV2({ command: 'PROXY', endpoints: e6 }), { mode });
    assert.equal(v26.status === 'parsed' && v26.header.assignments.clientAddress, '2001:db8::1');
  }
  assert.equal(buildProxyV1(), 'PROXY UNKNOWN\r\n');
  assert.equal(Buffer.from(buildProxyV2({ command: 'LOCAL' })).toString('hex'), '0d0a0d0a000d0a515549540a20000000');
  assert.throws(() => buildProxyV1({ ...e, destinationAddress: '::1' }), ProxyHeaderBuildError);
  assert.throws(() => buildProxyV2({ command: 'PROXY', endpoints: { ...e, sourcePort: 70000 } }), ProxyHeaderBuildError);
});

test('strict mode refuses a corrupted CRC32C; Exim mode ignores it', () => {
  const h = buildProxyV2({ command: 'PROXY', endpoints: { sourceAddress: '1.2.3.4', destinationAddress: '5.6.7.8', sourcePort: 1, destinationPort: 2 }, crc32c: true });
  h[h.length - 1]! ^= 1;
  assert.equal(parseProxyHeader(h, { mode: 'strict' }).status, 'invalid');
  assert.equal(parseProxyHeader(h).status, 'parsed');
});

test('reader: need-more until complete, rest is the SMTP data, later bytes are ignored', () => {
  const r = new ProxyHeaderReader();
  assert.equal(r.feed(Buffer.from('PROXY TCP4 1.2.3.4 ')).status, 'need-more');
  const done = r.feed(Buffer.from('5.6.7.8 1000 25\r\nEHLO x\r\n'));
  assert.equal(done.status, 'parsed');
  if (done.status === 'parsed') {
    assert.equal(done.consumed, 36);
    assert.equal(Buffer.from(done.rest).toString(), 'EHLO x\r\n');
  }
  assert.equal(r.feed(Buffer.from('more')), done);
  assert.equal(r.end('timeout'), done);
});

test('reader: timeout and EOF give invalid with everything consumed', () => {
  const r = new ProxyHeaderReader();
  r.feed(Buffer.from('PROXY TCP4'));
  const t = r.end('timeout');
  assert.deepEqual(t.status === 'invalid' && [t.reason, t.consumed], ['Timeout while reading proxy header', 10]);
  const e = new ProxyHeaderReader();
  e.feed(Buffer.from('QUIT\r\n'));
  const f = e.end('eof');
  assert.deepEqual(f.status === 'invalid' && [f.reason, f.consumed], ['Invalid proxy protocol version negotiation', 6]);
});

test('variables: proxied, failed half-way, not a proxy host; old names alias the new', () => {
  const ok = parseProxyHeader(Buffer.from('PROXY TCP4 192.0.2.1 198.51.100.2 56324 25\r\n'));
  const vars = proxyVariables(proxyEndpoints(true, ok, REAL));
  const s = (n: string): string | undefined => vars.get(n)?.s;
  assert.deepEqual(
    ['proxy_session', 'sender_host_address', 'sender_host_port', 'proxy_local_address', 'proxy_local_port', 'proxy_external_address', 'proxy_external_port'].map(s),
    ['yes', '192.0.2.1', '56324', '10.0.0.5', '40000', '198.51.100.2', '25'],
  );
  assert.deepEqual(['proxy_host_address', 'proxy_host_port', 'proxy_target_address', 'proxy_target_port'].map(s), ['10.0.0.5', '40000', '198.51.100.2', '25']);
  assert.equal([...vars.values()].some((v) => v.tainted), false);

  const half = proxyEndpoints(true, parseProxyHeader(Buffer.from('PROXY TCP4 192.0.2.1 198.51.100.2 0 25\r\n')), REAL);
  assert.deepEqual(half, { session: true, failed: true, senderHostAddress: '192.0.2.1', senderHostPort: 40000, localAddress: '10.0.0.5', localPort: 0, externalAddress: '198.51.100.2', externalPort: 0 });

  const none = proxyEndpoints(false, undefined, REAL);
  assert.equal(proxyVariables(none).get('proxy_session')?.s, 'no');
  assert.equal(none.failed, false);
  assert.equal(connectionProxyInfo(none), undefined);
  assert.equal(proxyLogField(none), '');
  assert.equal(proxyLogField(proxyEndpoints(true, ok, REAL)), ' PRX=10.0.0.5');
});

test('policy: only QUIT passes after a failed negotiation; timeout default 3s', async () => {
  assert.equal(proxyFailedReplyFor('EHLO', true), PROXY_FAILED_REPLY);
  assert.equal(PROXY_FAILED_REPLY, '503 Command refused, required Proxy negotiation failed');
  assert.equal(proxyFailedReplyFor('quit', true), null);
  assert.equal(proxyFailedReplyFor('EHLO', false), null);
  assert.equal(proxyTimeoutSeconds(undefined), 3);
  assert.equal(proxyTimeoutSeconds(1), 1);
  let fired = 0;
  startProxyTimer(0.01, () => fired++);
  const cancelled = startProxyTimer(0.01, () => fired++);
  cancelled.cancel();
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(fired, 1);
});
