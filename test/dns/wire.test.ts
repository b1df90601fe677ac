import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMessage, encodeQuery, nameToLabels } from '../../src/dns/wire.js';
import { DnsFormatError, DnsNameError, TYPE_CODES } from '../../src/dns/types.js';

/** A response built by hand: header, question, then answer records given as raw bytes. */
function response(flags: number, question: Buffer, answers: Buffer[], counts?: number[]): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(0x1234, 0);
  h.writeUInt16BE(flags, 2);
  h.writeUInt16BE(1, 4);
  h.writeUInt16BE(counts?.[0] ?? answers.length, 6);
  return Buffer.concat([h, question, ...answers]);
}
const q = Buffer.from([3, 0x77, 0x77, 0x77, 2, 0x6d, 0x77, 0, 0, 1, 0, 1]); // www.mw A IN
const rr = (name: number[], type: number, rdata: number[], ttl = 60) => {
  const b = Buffer.alloc(10);
  b.writeUInt16BE(type, 0);
  b.writeUInt16BE(1, 2);
  b.writeUInt32BE(ttl, 4);
  b.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([Buffer.from(name), b, Buffer.from(rdata)]);
};

describe('DNS wire format', () => {
  it('encodes a query with RD, and EDNS0 with the DO bit when asked', () => {
    const plain = encodeQuery({ id: 7, name: 'a.example', type: TYPE_CODES.MX });
    assert.equal(plain.readUInt16BE(0), 7);
    assert.equal(plain.readUInt16BE(2), 0x0100);
    assert.equal(plain.readUInt16BE(10), 0, 'no additional record without EDNS');
    assert.deepEqual([...plain.subarray(12, 23)], [1, 0x61, 7, ...Buffer.from('example'), 0]);
    const edns = encodeQuery({ id: 7, name: 'a.example.', type: 1, dnssecOk: true, ad: true });
    assert.equal(edns.readUInt16BE(2), 0x0120);
    assert.equal(edns.readUInt16BE(10), 1);
    const opt = edns.subarray(edns.length - 11);
    assert.equal(opt.readUInt16BE(1), 41);
    assert.equal(opt.readUInt16BE(3), 1232);
    assert.equal(opt.readUInt32BE(5), 0x8000);
  });

  it('rejects names that cannot go on the wire', () => {
    assert.throws(() => nameToLabels('a..b'), DnsNameError);
    assert.throws(() => nameToLabels('x'.repeat(64) + '.com'), DnsNameError);
    assert.throws(() => nameToLabels(Array(130).fill('ab').join('.')), DnsNameError);
    assert.deepEqual(nameToLabels('a\\.b.c').map(String), ['a.b', 'c']);
    assert.deepEqual(nameToLabels('\\065b').map(String), ['Ab']);
  });

  it('decodes flags, compressed names and typed records', () => {
    const ptr = [0xc0, 12]; // points at www.mw in the question
    const msg = decodeMessage(
      response(0x81a0, q, [
        rr(ptr, 1, [192, 0, 2, 1]),
        rr(ptr, 28, [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        rr(ptr, 15, [0, 10, 4, 0x6d, 0x61, 0x69, 0x6c, 0xc0, 16]),
        rr(ptr, 16, [2, 0x68, 0x69, 0, 3, 0x3b, 0x5c, 0x22]),
        rr(ptr, 52, [3, 1, 1, 0xab, 0xcd]),
        rr(ptr, 5, [1, 0x2e, 0xc0, 16]),
      ]),
    );
    assert.equal(msg.header.id, 0x1234);
    assert.ok(msg.header.qr && msg.header.rd && msg.header.ra && msg.header.ad && !msg.header.tc);
    assert.deepEqual(msg.question, [{ name: 'www.mw', type: 1, class: 1 }]);
    const [a, aaaa, mx, txt, tlsa, cname] = msg.answer;
    assert.deepEqual(a, { type: 'A', address: '192.0.2.1', name: 'www.mw', ttl: 60, class: 1 });
    assert.equal(aaaa?.type === 'AAAA' && aaaa.address, '2001:db8::1');
    assert.equal(mx?.type === 'MX' && `${mx.preference} ${mx.exchange}`, '10 mail.mw');
    assert.deepEqual(txt?.type === 'TXT' && txt.strings.map(String), ['hi', '', ';\\"']);
    assert.equal(tlsa?.type === 'TLSA' && `${tlsa.usage}${tlsa.selector}${tlsa.matchingType}${tlsa.data.toString('hex')}`, '311abcd');
    assert.equal(cname?.type === 'CNAME' && cname.target, '\\..mw', 'a dot inside a label is escaped');
  });

  it('reports malformed messages as DnsFormatError', () => {
    assert.throws(() => decodeMessage(Buffer.alloc(5)), DnsFormatError);
    assert.throws(() => decodeMessage(response(0x8180, q, [rr([0xc0, 200], 1, [1, 2, 3, 4])])), DnsFormatError);
    assert.throws(() => decodeMessage(response(0x8180, q, [rr([0xc0, 12], 1, [1, 2, 3])])), DnsFormatError);
    // A pointer to itself must not loop forever.
    const loop = response(0x8180, q, [Buffer.from([0xc0, 24])]);
    assert.throws(() => decodeMessage(loop), DnsFormatError);
  });

  it('takes TTLs above 2^31-1 as zero and the rcode from header and OPT', () => {
    const opt = Buffer.concat([Buffer.from([0, 0, 41, 4, 0]), Buffer.from([1, 0, 0, 0]), Buffer.from([0, 0])]);
    const buf = response(0x8183, q, [rr([0xc0, 12], 1, [1, 2, 3, 4], 0x90000000)]);
    buf.writeUInt16BE(1, 10);
    const msg = decodeMessage(Buffer.concat([buf, opt]));
    assert.equal(msg.answer[0]!.ttl, 0);
    assert.equal(msg.header.rcode, (1 << 4) | 3);
    assert.equal(msg.additional.length, 0, 'the OPT pseudo-record is not a record');
  });
});
