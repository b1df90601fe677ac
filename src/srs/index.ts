/**
 * Sender Rewriting Scheme, both of Exim's interfaces:
 * - native (Exim 4.96 SUPPORT_SRS): ${srs_encode}, inbound_srs, $srs_recipient — native.ts;
 * - libsrs_alt style (EXPERIMENTAL_SRS_ALT): main options srs_* (config.ts), the classic
 *   SRS0/SRS1 rewriter (classic.ts), the redirect router options (redirect.ts), the variables
 *   (variables.ts) and the SRS= delivery log field (log.ts).
 */
export * from './errors.js';
export * from './stamp.js';
export { asciiLower, checkClassicHash, classicHash, nativeHash, uniqueId, type HashCheck } from './hash.js';
export { extractReturnPath, type ExtractedAddress } from './parse-address.js';
export { NATIVE_MAX_AGE_DAYS, nativeInboundSrs, nativeSrsEncode, type NativeDecodeResult } from './native.js';
export { ClassicSrs, type ClassicSrsOptions, type ReverseResult, type SrsDatabase, type SrsSeparator } from './classic.js';
export { atoi, srsConfigFromOptions, type MainOptionReader, type SrsConfig } from './config.js';
export { SRS_VARIABLE_NAMES, setSrsVariables, srsVariables, type SrsVariableName, type SrsVariableState } from './variables.js';
export { srsLogField, srsReturnPath } from './log.js';
export { applyRedirectSrs, propagateSrsSender, type RedirectSrsEnv, type RedirectSrsOutcome } from './redirect.js';
