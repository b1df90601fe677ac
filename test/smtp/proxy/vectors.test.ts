// The shared PROXY vectors (../shared/conformance/proxy-protocol, read in place) in strict mode:
// every spec verdict and expected field. Exim mode is checked against exim4 itself in
// exim-oracle.test.ts (the vectors' own Exim observations lack the HELO reply that shows failure).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parseProxyHeader, type ProxyHeader } from '../../../src/smtp/proxy/index.js';

const VECTORS = new URL('../../../../shared/conformance/proxy-protocol/vectors.json', import.meta.url);

interface Expected {
  version: number;
  command: string;
  family?: string;
  transport?: string;
  src?: string;
  dst?: string;
  sport?: number;
  dport?: number;
  use_real_endpoints?: boolean;
  tlvs?: Array<{ type: number; value_ascii?: string; length?: number; crc32c?: string; sub?: Array<{ type: number; value_ascii: string }> }>;
}
interface Vector { id: string; hex: string; spec_verdict: string; expected: Expected | null }

const vectors: Vector[] = existsSync(VECTORS) ? (JSON.parse(readFileSync(VECTORS, 'utf8')) as { vectors: Vector[] }).vectors : [];

function checkFields(h: ProxyHeader, e: Expected): void {
  assert.equal(h.version, e.version);
  assert.equal(h.command, e.command);
  if (e.family && e.command === 'PROXY') assert.equal(h.family, e.family);
  if (e.transport) assert.equal(h.transport, e.transport);
  if (e.use_real_endpoints) assert.deepEqual(h.assignments, {});
  if (e.src !== undefined && e.family !== 'UNIX') {
    assert.deepEqual(h.assignments, { clientAddress: e.src, externalAddress: e.dst, clientPort: e.sport, externalPort: e.dport });
  }
  if (e.family === 'UNIX') assert.deepEqual(h.unixPaths, { source: e.src, destination: e.dst });
  for (const [i, t] of (e.tlvs ?? []).entries()) {
    const got = h.tlvs[i]!;
    assert.equal(got.type, t.type);
    if (t.value_ascii !== undefined) assert.equal(Buffer.from(got.value).toString('latin1'), t.value_ascii);
    if (t.length !== undefined) assert.equal(got.value.length, t.length);
    if (t.crc32c !== undefined) assert.equal(Buffer.from(got.value).toString('hex'), t.crc32c);
    if (t.sub) assert.deepEqual(got.ssl?.sub.map((s) => [s.type, Buffer.from(s.value).toString('latin1')]), t.sub.map((s) => [s.type, s.value_ascii]));
  }
}

test('shared PROXY vectors are present (../shared/conformance)', { skip: vectors.length === 0 && 'vectors not found' }, () => {
  assert.equal(vectors.length, 51);
});

for (const v of vectors) {
  test(`strict ${v.id} (${v.spec_verdict})`, () => {
    const r = parseProxyHeader(Buffer.from(v.hex, 'hex'), { mode: 'strict' });
    // "either": the spec lets the receiver accept with the real endpoints, which strict mode does;
    // "tlv-dependent": strict mode parses TLVs, so an overrunning one is invalid.
    const valid = v.spec_verdict === 'valid' || v.spec_verdict === 'either';
    assert.equal(r.status, valid ? 'parsed' : 'invalid', r.status === 'invalid' ? r.reason : '');
    if (r.status === 'parsed') {
      assert.equal(r.consumed, v.hex.length / 2);
      if (v.expected && v.spec_verdict === 'valid') checkFields(r.header, v.expected);
    }
  });
}
