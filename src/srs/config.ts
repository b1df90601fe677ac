/**
 * The main-section options of the libsrs_alt interface, made into one SrsConfig the way Exim's
 * EXPERIMENTAL_SRS(_ALT) glue read them when a redirect router first needed SRS:
 *
 * - srs_secrets (list): the first item is the secret new hashes are made with, the others are
 *   also accepted when checking;
 * - srs_maxage, srs_hashlength, srs_hashmin (-1: the hash length), srs_usetimestamp, srs_usehash;
 * - srs_config (older, overrides): a colon list `secret:maxage:hashlength:usetimestamp:usehash`
 *   whose numbers are read as C's atoi does (so "true" is 0) and, like Exim's 4-byte buffer,
 *   from at most 3 characters; a missing field keeps the value of the separate option. A secret
 *   given here makes every srs_secrets item an extra (checking-only) secret.
 *
 * Secrets are cut to 31 characters (libsrs_alt's limit with Exim's buffer). Neither option is
 * expanded, as in Exim. Problems are SrsConfigError with the text Exim wrote to the panic log.
 */
import { listItems } from '../util/exim-list.js';
import { SrsConfigError } from './errors.js';

export interface SrsConfig {
  /** The first makes new hashes; all are tried when checking. */
  readonly secrets: readonly string[];
  readonly maxAge: number;
  readonly hashLength: number;
  readonly hashMin: number;
  readonly useTimestamp: boolean;
  readonly useHash: boolean;
}

/** How main options are read (LoadedConfig.mainOption or an expansion context's config view). */
export type MainOptionReader = (name: string) => unknown;

const MAX_SECRET_CHARS = 31;
const MAX_NUMBER_CHARS = 3;

/** C's atoi: optional white space and sign, then digits; 0 when there are none. */
export function atoi(text: string): number {
  const m = /^\s*([-+]?\d+)/.exec(text);
  return m ? Number.parseInt(m[1]!, 10) : 0;
}

function numberOption(read: MainOptionReader, name: string, fallback: number): number {
  const v = read(name);
  return typeof v === 'number' ? v : fallback;
}

function boolOption(read: MainOptionReader, name: string): boolean {
  return read(name) !== false;
}

function stringOption(read: MainOptionReader, name: string): string | undefined {
  const v = read(name);
  return typeof v === 'string' ? v : undefined;
}

/** Build the SRS configuration from the main options; throws SrsConfigError as Exim logged. */
export function srsConfigFromOptions(read: MainOptionReader): SrsConfig {
  let maxAge = numberOption(read, 'srs_maxage', 31);
  let hashLength = numberOption(read, 'srs_hashlength', 6);
  let useTimestamp = boolOption(read, 'srs_usetimestamp');
  let useHash = boolOption(read, 'srs_usehash');
  let primary = '';
  const legacy = stringOption(read, 'srs_config');
  if (legacy !== undefined) {
    const [secret = '', age, length, stamp, hash] = listItems(legacy);
    const num = (s: string): number => atoi(s.slice(0, MAX_NUMBER_CHARS));
    primary = secret.slice(0, MAX_SECRET_CHARS);
    if (age !== undefined) maxAge = num(age);
    if (length !== undefined) hashLength = num(length);
    if (stamp !== undefined) useTimestamp = num(stamp) !== 0;
    if (hash !== undefined) useHash = num(hash) !== 0;
  }
  const hashMinOption = numberOption(read, 'srs_hashmin', -1);
  const hashMin = hashMinOption === -1 ? hashLength : hashMinOption;
  const listed = listItems(stringOption(read, 'srs_secrets') ?? '').map((s) => s.slice(0, MAX_SECRET_CHARS));
  if (primary === '') {
    if (listed.length === 0) throw new SrsConfigError('SRS Configuration Error: No secret specified');
    primary = listed.shift()!;
  }
  if (maxAge < 0 || maxAge > 365) throw new SrsConfigError('SRS Configuration Error: Invalid maximum timestamp age');
  if (hashLength < 1 || hashLength > 20 || hashMin < 1 || hashMin > 20) {
    throw new SrsConfigError('SRS Configuration Error: Invalid hash length');
  }
  // libsrs_alt refuses an empty secret (Exim's message for its refusal), and ignores an empty
  // extra one.
  if (primary === '') throw new SrsConfigError('Failed to allocate SRS memory');
  const secrets = [primary, ...listed.filter((s) => s !== '')];
  return { secrets, maxAge, hashLength, hashMin, useTimestamp, useHash };
}
