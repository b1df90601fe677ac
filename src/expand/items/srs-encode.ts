/**
 * ${srs_encode {secret}{return path}{original domain}}: Exim 4.96's native SRS forward
 * rewriting (see src/srs/native.ts). An empty return path gives ""; one that does not parse
 * as an address fails the expansion with Exim's parse error.
 */
import { nativeSrsEncode, SrsAddressError } from '../../srs/index.js';
import { ExpandError } from '../types.js';
import { argumentItem, derived } from './util.js';

export const srsEncodeItem = argumentItem(([secret, returnPath, origDomain]) => {
  try {
    return derived(nativeSrsEncode(secret!.s, returnPath!.s, origDomain!.s, Date.now()), returnPath!, origDomain!);
  } catch (err) {
    if (err instanceof SrsAddressError) throw new ExpandError(err.message);
    throw err;
  }
});
