/**
 * Address arguments of -Mar, -Mes and -Mmd, extracted as Exim's parse_extract_address does
 * (display names, angle brackets and comments allowed). Builds on the -bt extractor and
 * corrects the two texts where exim4 4.96 says otherwise for these commands (checked with
 * test/fixtures/queue-admin): a phrase with no angle-addr, and an empty `<>`.
 */
import { extractAddress } from '../../route/address-parse.js';

export type OperatorAddress = { readonly ok: true; readonly address: string; readonly hasDomain: boolean } | { readonly ok: false; readonly error: string };

const NO_LOCAL_PART = 'missing or malformed local part';

/** `allowEmpty`: `<>` stands for the empty address (-Mes only). */
export function extractOperatorAddress(text: string, allowEmpty: boolean): OperatorAddress {
  if (/^\s*<\s*>\s*$/.test(text)) return allowEmpty ? { ok: true, address: '', hasDomain: false } : { ok: false, error: NO_LOCAL_PART };
  const r = extractAddress(text);
  if (r.ok) return { ok: true, address: r.address, hasDomain: r.domain !== '' };
  // Words with no '@' and no '<' are a display name still waiting for its angle-addr.
  if (r.error.startsWith('malformed address:') && !text.includes('@') && !text.includes('<')) {
    return { ok: false, error: `${NO_LOCAL_PART} (expected word or "<")` };
  }
  return { ok: false, error: r.error };
}
