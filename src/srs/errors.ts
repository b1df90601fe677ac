/**
 * Errors of the SRS subsystem. SrsError carries a result code of the libsrs_alt family (the
 * library Exim's EXPERIMENTAL_SRS_ALT linked against) with that library's message texts, so
 * debug output and $srs_status read as they did with Exim; SrsConfigError carries the texts
 * Exim logged for a bad SRS configuration.
 */
import { MailwrightError } from '../util/errors.js';

/** Outcome codes of forward/reverse rewriting. */
export type SrsResultCode =
  | 'ok'
  | 'casebroken'
  | 'badparam'
  | 'badchar'
  | 'badsrs'
  | 'notsrs'
  | 'hashtooshort'
  | 'badhash'
  | 'badtimestamp'
  | 'timestampexpired'
  | 'baddbid'
  | 'buffertoosmall'
  | 'addresstoolong'
  | 'dberror';

/** Message text for each code (libsrs_alt's wording). */
export const SRS_RESULT_TEXT: Readonly<Record<SrsResultCode, string>> = {
  ok: 'The call was successful',
  casebroken: 'Hash matched but case was broken',
  badparam: 'One of the parameters passed was invalid',
  badchar: 'There was an invalid character found (usually in an address)',
  badsrs: 'The SRS syntax was faulty',
  notsrs: 'Address is not a SRS address',
  hashtooshort: 'Hash shorter than minimum length',
  badhash: 'Hash verification failed (forged)',
  badtimestamp: 'Time stamp contained bad characters',
  timestampexpired: 'Time stamp expired',
  baddbid: 'Database ID lookup failed',
  buffertoosmall: 'Return buffer is too small for data',
  addresstoolong: 'Address was too long (either a given address or the processed return data)',
  dberror: 'An error occurred querying database',
};

/** A forward or reverse rewrite that could not be done. */
export class SrsError extends MailwrightError {
  constructor(
    readonly code: Exclude<SrsResultCode, 'ok' | 'casebroken'>,
    detail?: string,
  ) {
    super(detail ? `${SRS_RESULT_TEXT[code]}: ${detail}` : SRS_RESULT_TEXT[code]);
  }
}

/** The main-section SRS options do not make a usable configuration (Exim's log texts). */
export class SrsConfigError extends MailwrightError {}

/** ${srs_encode}'s return-path argument is not an address: the message is Exim's parse error. */
export class SrsAddressError extends MailwrightError {}
