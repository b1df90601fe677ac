// Classic SRS0 forward rewriting against the shared postsrsd-anchored vectors
// (../shared/conformance/srs/classic-srs0.json), and their reversal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClassicSrs } from '../../src/srs/index.js';
import { readShared, type ClassicVector } from './shared-vectors.js';

const file = readShared<{ cases: ClassicVector[] }>('classic-srs0.json');
const skip = file ? false : 'shared SRS vectors not found';

// postsrsd's settings: hash length 4, and a sender of the forwarding domain is left alone.
const rewriter = (secret: string): ClassicSrs =>
  new ClassicSrs({ secrets: [secret], maxAge: 21, hashLength: 4, hashMin: 4, keepSameDomain: true });

test('classic forward matches every shared classic-srs0 case', { skip }, async () => {
  assert.ok(file!.cases.length >= 6);
  for (const c of file!.cases) {
    assert.equal(await rewriter(c.secret).forward(c.address, c.forward_domain, c.time * 1000), c.expected, c.note);
  }
});

test('classic reverse gives back the original sender of every rewritten case', { skip }, async () => {
  for (const c of file!.cases.filter((x) => x.expected.startsWith('SRS0'))) {
    const back = await rewriter(c.secret).reverse(c.expected, c.time * 1000);
    assert.deepEqual(back, { address: c.address, caseBroken: false }, c.note);
  }
});
