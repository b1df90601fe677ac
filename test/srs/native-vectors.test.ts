// Exim 4.96 native SRS against the shared vectors made with the real exim4 under faketime
// (../shared/conformance/srs/exim-native.json), byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nativeInboundSrs, nativeSrsEncode } from '../../src/srs/index.js';
import { readShared, type NativeVectors } from './shared-vectors.js';

const vectors = readShared<NativeVectors>('exim-native.json');
const skip = vectors ? false : 'shared SRS vectors not found';

test('shared native vectors are present', { skip }, () => {
  assert.ok(vectors!.encode.length >= 18 && vectors!.decode.length >= 20);
});

test('srs_encode matches every exim-native encode vector', { skip }, () => {
  for (const v of vectors!.encode) {
    assert.equal(nativeSrsEncode(v.secret, v.return_path, v.orig_domain, v.time * 1000), v.expected, v.note);
  }
});

test('inbound_srs and $srs_recipient match every exim-native decode vector', { skip }, () => {
  for (const v of vectors!.decode) {
    const got = nativeInboundSrs(v.local_part, v.secret, v.time * 1000);
    assert.equal(got.valid ? 'pass' : 'fail', v.expected, v.note);
    assert.equal(got.recipient ?? '', v.srs_recipient, v.note);
  }
});

// Not for "<x@y>" (the hash covers the brackets), an address without domain, nor a needlessly
// quoted local part (the hash covers the quotes, the decoded recipient has none): Exim quirks.
const roundTrips = (rp: string): boolean => rp.includes('@') && !rp.startsWith('<') && !/^"[\w.]*"@/.test(rp);

test('encode then decode round-trips on the same day', { skip }, () => {
  for (const v of vectors!.encode.filter((e) => roundTrips(e.return_path))) {
    const at = v.expected.lastIndexOf('@');
    const local = v.expected.slice(0, at).replace(/^"(.*)"$/, '$1');
    assert.equal(nativeInboundSrs(local, v.secret, v.time * 1000).valid, true, v.note);
  }
});
