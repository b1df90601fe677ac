/**
 * stringToBytes / bytesToString take shortcuts (native UTF-8 validation, plain UTF-8 encoding
 * when no escape character is present); these tests check them against a byte-by-byte
 * reference on random and edge-case data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToString, stringToBytes, utf8SequenceLength } from '../../src/expand/operators/bytes.js';

function referenceBytesToString(b: Buffer): string {
  let out = '';
  let i = 0;
  while (i < b.length) {
    const len = utf8SequenceLength(b, i);
    if (len > 0) {
      out += b.toString('utf8', i, i + len);
      i += len;
    } else {
      out += String.fromCharCode(0xdc00 + b[i]!);
      i++;
    }
  }
  return out;
}

function referenceStringToBytes(s: string): Buffer {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xdc80 && cp <= 0xdcff) out.push(cp - 0xdc00);
    else out.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(out);
}

/** Deterministic pseudo-random bytes, biased towards UTF-8 lead and continuation bytes. */
function randomBytes(seed: number, length: number): Buffer {
  let x = seed;
  const pool = [0x41, 0x7f, 0x80, 0xbf, 0xc2, 0xc0, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x9f];
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x & 1 ? pool[(x >>> 8) % pool.length]! : (x >>> 16) & 0xff;
  }
  return out;
}

test('bytesToString matches the byte-by-byte reference', () => {
  for (let seed = 1; seed <= 2000; seed++) {
    const b = randomBytes(seed, seed % 17);
    assert.equal(bytesToString(b), referenceBytesToString(b), b.toString('hex'));
  }
  for (const hex of ['', '41', 'c3a9', 'eda080', 'f4908080', 'c0af', 'e282ac', 'f09f9880', 'ff']) {
    const b = Buffer.from(hex, 'hex');
    assert.equal(bytesToString(b), referenceBytesToString(b), hex);
  }
});

test('stringToBytes matches the reference, escapes and pairs alike', () => {
  for (let seed = 1; seed <= 2000; seed++) {
    const s = bytesToString(randomBytes(seed, seed % 17));
    assert.deepEqual(stringToBytes(s), referenceStringToBytes(s));
  }
  for (const s of ['', 'abc', 'café', '\udc80', '\ud83d\ude00', '\ud800\udc80', '\udc80\udc81', '\ud800', 'x\udcffy']) {
    assert.deepEqual(stringToBytes(s), referenceStringToBytes(s), JSON.stringify(s));
  }
});
