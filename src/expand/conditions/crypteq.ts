/**
 * crypteq {password}{stored}: does the password hash to the stored value. The stored value is
 * either "{scheme}data" (md5, sha1, crypt, crypt16; scheme case-independent) or a bare
 * crypt(3) string. {md5}/{sha1} data is base64 (24/28 characters, compared exactly) or hex
 * (32/40 characters, any case); any other length is simply false.
 */
import { createHash } from 'node:crypto';
import { crypt, eximCrypt16, textToBytes } from '../../util/crypt/index.js';
import { ExpandError } from '../types.js';
import { registerCondition } from './registry.js';

function digestMatches(algorithm: 'md5' | 'sha1', password: string, encoded: string): boolean {
  const digest = createHash(algorithm).update(textToBytes(password)).digest();
  const base64Length = algorithm === 'md5' ? 24 : 28;
  if (encoded.length === base64Length) return digest.toString('base64') === encoded;
  if (encoded.length === digest.length * 2) return digest.toString('hex') === encoded.toLowerCase();
  return false;
}

export function cryptEq(password: string, stored: string): boolean {
  if (!stored.startsWith('{')) return crypt(password, stored) === stored;
  const close = stored.indexOf('}');
  const scheme = close > 0 ? stored.slice(1, close).toLowerCase() : '';
  const data = stored.slice(close + 1);
  switch (scheme) {
    case 'md5':
    case 'sha1':
      return digestMatches(scheme, password, data);
    case 'crypt':
      return crypt(password, data) === data;
    case 'crypt16':
      return eximCrypt16(password, data) === data;
    default:
      throw new ExpandError(`unknown encryption mechanism in "${stored}"`);
  }
}

registerCondition({ name: 'crypteq', nargs: 2, fn: ([pw, stored]) => cryptEq(pw!.s, stored!.s) });
