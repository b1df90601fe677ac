// The reader in Exim mode against Exim 4.96 itself: test/fixtures/proxy/exim-bh.json, made by
// scripts/oracle/gen-proxy.mjs (exim4 -bh with hosts_proxy matching the fake peer 10.9.9.9.4444).
// Covers the shared vectors, Exim's tests 4030/4031 inputs and parser probes: the variables Exim
// shows in its banner, whether negotiation failed, Exim's reason, and the SMTP lines left over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ProxyHeaderReader, proxyEndpoints, type ProxyParseResult } from '../../../src/smtp/proxy/index.js';

interface OracleCase {
  id: string;
  hex: string;
  delays?: number[];
  tail: string;
  banner: Record<string, string> | null;
  replies: string[];
  negotiation: string[];
  commands: string[];
}

const fixture = JSON.parse(readFileSync('test/fixtures/proxy/exim-bh.json', 'utf8')) as { cases: OracleCase[] };
const REAL = { peerAddress: '10.9.9.9', peerPort: 4444 };
const TIMEOUT_MS = 1000; // the oracle's proxy_protocol_timeout

/** Exim dies ("unable to parse ... as an IPv6 address") on a %scope address; we fail negotiation. */
const EXIM_PANICS = new Set(['v1:src-ipv6-scope']);

/** Feed like the oracle session: byte by byte, ending with a timeout where the peer paused too long. */
function run(c: OracleCase): { result: ProxyParseResult; smtp: Buffer } {
  const header = Buffer.from(c.hex, 'hex');
  const tail = Buffer.from(c.tail, 'latin1');
  const reader = new ProxyHeaderReader();
  const timedOut = (c.delays ?? []).some((d) => d >= TIMEOUT_MS);
  const input = timedOut ? header : Buffer.concat([header, tail]);
  let result: ProxyParseResult = { status: 'need-more' };
  for (const byte of input) {
    result = reader.feed(Uint8Array.of(byte));
    if (result.status !== 'need-more') break;
  }
  if (result.status === 'need-more') result = reader.end(timedOut ? 'timeout' : 'eof');
  if (result.status === 'need-more') throw new Error('reader still waiting after end()');
  const consumedAll = result.consumed >= input.length;
  const rest = consumedAll ? Buffer.alloc(0) : input.subarray(result.consumed);
  return { result, smtp: timedOut ? Buffer.concat([rest, tail]) : rest };
}

/** The command lines Exim would read from what is left (debug output shows NUL as "?"). */
function commandLines(smtp: Buffer): string[] {
  const text = smtp.toString('latin1');
  const lines: string[] = [];
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    lines.push(text.slice(start, nl).replace(/\r$/, '').replace(/\0/g, '?'));
    start = nl + 1;
  }
  const quit = lines.findIndex((l) => l.toUpperCase() === 'QUIT');
  return quit >= 0 ? lines.slice(0, quit + 1) : lines;
}

const EXIM_NOISE = /^(Detected PROXYv|Bytes read not within|PROXYv2: have|Failure to extract|looking up host|DNS|returning|IP address lookup|LOG:|  no host name|sender_(full|rcv)host| writing neg)/;

for (const c of fixture.cases) {
  if (EXIM_PANICS.has(c.id)) continue;
  test(`PROXY oracle ${c.id}`, () => {
    const { result, smtp } = run(c);
    assert.notEqual(result.status, 'need-more');
    const e = proxyEndpoints(true, result, REAL);
    assert.ok(c.banner, 'oracle banner');
    assert.deepEqual(
      {
        sess: e.session ? 'yes' : 'no', ext: e.externalAddress, extPort: String(e.externalPort),
        loc: e.localAddress, locPort: String(e.localPort), host: e.senderHostAddress, hostPort: String(e.senderHostPort),
      },
      {
        sess: c.banner.proxy_session, ext: c.banner.proxy_external_address, extPort: c.banner.proxy_external_port,
        loc: c.banner.proxy_local_address, locPort: c.banner.proxy_local_port, host: c.banner.sender_host_address,
        hostPort: c.banner.sender_host_port,
      },
    );
    const eximFailed = c.negotiation.includes('Failure to extract proxied host, only QUIT allowed');
    assert.equal(result.status === 'invalid', eximFailed, 'negotiation outcome');
    const eximReason = c.negotiation.filter((l) => !EXIM_NOISE.test(l));
    // Exim's debug output breaks a reason that quotes a LF into two lines.
    if (result.status === 'invalid' && eximReason.length > 0) assert.equal(result.reason.split('\n')[0], eximReason[0]);
    if (result.status === 'parsed') assert.ok(c.negotiation.includes(result.detail), result.detail);
    assert.deepEqual(commandLines(smtp), c.commands, 'SMTP lines after the header');
  });
}

test('PROXY oracle: a %scope address fails negotiation (Exim panics on it)', () => {
  const c = fixture.cases.find((x) => x.id === 'v1:src-ipv6-scope')!;
  const { result } = run(c);
  assert.equal(result.status, 'invalid');
});

test('PROXY oracle: the 4030/4031 inputs are among the cases and succeed', () => {
  for (const id of ['v1:exim-4030-v1', 'v2:exim-4030-v2']) {
    const c = fixture.cases.find((x) => x.id === id)!;
    assert.equal(run(c).result.status, 'parsed');
  }
  assert.equal(run(fixture.cases.find((x) => x.id === 'exim-4031-timeout')!).result.status, 'invalid');
});
