// ${srs_encode} and inbound_srs against exim4 -be run under faketime at fixed instants
// (fixtures from scripts/oracle/gen-srs.mjs): results, refusals with Exim's error texts, and
// the value $srs_recipient has after each check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { nativeHash, nativeInboundSrs, nativeSrsEncode, SrsAddressError } from '../../src/srs/index.js';

interface EncodeCase {
  secret: string;
  returnPath: string;
  origDomain: string;
  time: number;
  out?: string;
  error?: string;
}
interface DecodeCase {
  localPart: string;
  secret: string;
  time: number;
  result: boolean;
  recipient: string | null;
}

const encode = JSON.parse(readFileSync('test/fixtures/srs/native-encode.json', 'utf8')) as { cases: EncodeCase[] };
const decode = JSON.parse(readFileSync('test/fixtures/srs/native-decode.json', 'utf8')) as { cases: DecodeCase[] };

function encodeOutcome(c: EncodeCase): { out?: string; error?: string } {
  try {
    return { out: nativeSrsEncode(c.secret, c.returnPath, c.origDomain, c.time * 1000) };
  } catch (err) {
    if (err instanceof SrsAddressError) return { error: err.message };
    throw err;
  }
}

test(`srs_encode agrees with exim4 on ${encode.cases.length} cases`, () => {
  assert.ok(encode.cases.some((c) => c.error) && encode.cases.some((c) => c.out));
  for (const c of encode.cases) {
    const expected = c.error !== undefined ? { error: c.error } : { out: c.out };
    assert.deepEqual(encodeOutcome(c), expected, `${JSON.stringify(c.returnPath)} at ${c.time}`);
  }
});

test(`inbound_srs and $srs_recipient agree with exim4 on ${decode.cases.length} cases`, () => {
  assert.ok(decode.cases.some((c) => c.result) && decode.cases.some((c) => !c.result && c.recipient !== null));
  for (const c of decode.cases) {
    const got = nativeInboundSrs(c.localPart, c.secret, c.time * 1000);
    const label = `${JSON.stringify(c.localPart)} secret ${JSON.stringify(c.secret)} at ${c.time}`;
    assert.equal(got.valid, c.result, label);
    assert.equal(got.recipient ?? null, c.recipient, label);
  }
});

test('an empty quoted local part (which crashes exim4 4.96) gives an empty, quoted SRS local part', () => {
  assert.equal(nativeSrsEncode('s', '""@c', 'f', 1577836860_000), `"SRS0=${nativeHash('s', '""@c')}=2w=c="@f`);
  assert.match(nativeSrsEncode('s', '<"">', 'f', 1577836860_000), /^"SRS0=[0-9a-f]{4}=2w=="@f$/);
});

test('the SRS0 tag is caseless for ASCII letters only', () => {
  assert.equal(nativeInboundSrs('sRs0=x=aa=e=l', '', 0).valid, true);
  assert.deepEqual(nativeInboundSrs('\u017fRS0=x=aa=e=l', '', 0), { valid: false });
});
