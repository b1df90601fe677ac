/**
 * Types of the DNS module: record types, decoded records, typed lookup results and errors.
 *
 * A lookup never throws for an answer the DNS gave (not found, no data, server failure):
 * those are values of DnsResult, so callers must decide what each one means for them, as Exim's
 * callers of its DNS layer do (DNS_SUCCEED / DNS_NOMATCH / DNS_NODATA / DNS_AGAIN / DNS_FAIL).
 */
import { MailwrightError } from '../util/errors.js';

/** Record types this module decodes, with their wire codes. */
export const TYPE_CODES = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  OPT: 41,
  TLSA: 52,
  SPF: 99,
} as const;

export type RecordType = Exclude<keyof typeof TYPE_CODES, 'OPT'>;

const NAME_OF_CODE = new Map<number, RecordType>(
  (Object.entries(TYPE_CODES) as Array<[keyof typeof TYPE_CODES, number]>)
    .filter((e): e is [RecordType, number] => e[0] !== 'OPT')
    .map(([name, code]) => [code, name]),
);

export function typeOfCode(code: number): RecordType | undefined {
  return NAME_OF_CODE.get(code);
}

export type RecordData =
  | { readonly type: 'A' | 'AAAA'; readonly address: string }
  | { readonly type: 'MX'; readonly preference: number; readonly exchange: string }
  /** Character-strings as raw bytes: Exim's joining rules depend on their boundaries. */
  | { readonly type: 'TXT' | 'SPF'; readonly strings: readonly Buffer[] }
  | { readonly type: 'PTR' | 'CNAME' | 'NS'; readonly target: string }
  | { readonly type: 'SRV'; readonly priority: number; readonly weight: number; readonly port: number; readonly target: string }
  | { readonly type: 'TLSA'; readonly usage: number; readonly selector: number; readonly matchingType: number; readonly data: Buffer }
  | {
      readonly type: 'SOA';
      readonly mname: string;
      readonly rname: string;
      readonly serial: number;
      readonly refresh: number;
      readonly retry: number;
      readonly expire: number;
      readonly minimum: number;
    }
  /** Any type this module does not interpret (kept so section walking stays exact). */
  | { readonly type: 'OTHER'; readonly code: number; readonly rdata: Buffer };

/** A resource record: owner name (lower-cased as received, no trailing dot), TTL and data. */
export type DnsRecord = RecordData & { readonly name: string; readonly ttl: number; readonly class: number };

export type RecordOf<T extends RecordType> = DnsRecord & { readonly type: T };

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

export interface DnsHeader {
  readonly id: number;
  readonly qr: boolean;
  readonly opcode: number;
  readonly aa: boolean;
  readonly tc: boolean;
  readonly rd: boolean;
  readonly ra: boolean;
  readonly ad: boolean;
  readonly cd: boolean;
  /** Full response code, including the EDNS extended bits when an OPT record was present. */
  readonly rcode: number;
}

export interface DnsMessage {
  readonly header: DnsHeader;
  readonly question: ReadonlyArray<{ readonly name: string; readonly type: number; readonly class: number }>;
  readonly answer: readonly DnsRecord[];
  readonly authority: readonly DnsRecord[];
  readonly additional: readonly DnsRecord[];
}

/**
 * The outcome of one lookup.
 * - found: records of the asked type (after following any CNAME chain); `name` is the final owner.
 * - nxdomain: the name does not exist.
 * - nodata: the name exists but has no records of that type.
 * - again: a temporary failure (timeout, SERVFAIL...): callers usually defer.
 * - fail: a permanent failure (REFUSED, FORMERR, NOTIMP, malformed name).
 * `secure` is true when every response used carried the AD bit (or matched dns_trust_aa).
 */
export type DnsResult<T extends RecordType = RecordType> =
  | { readonly kind: 'found'; readonly name: string; readonly records: ReadonlyArray<RecordOf<T>>; readonly secure: boolean; readonly ttl: number }
  | { readonly kind: 'nxdomain'; readonly secure: boolean }
  | { readonly kind: 'nodata'; readonly secure: boolean }
  | { readonly kind: 'again'; readonly reason: string; readonly secure: false }
  | { readonly kind: 'fail'; readonly reason: string; readonly secure: false };

export class DnsError extends MailwrightError {}
/** A response could not be parsed (truncated buffer, bad pointer...). */
export class DnsFormatError extends DnsError {}
/** No server answered in time. */
export class DnsTimeoutError extends DnsError {}
/** A name that cannot be put on the wire (label too long, empty label...). */
export class DnsNameError extends DnsError {}
/** Thrown by callers that turn an `again` result into an exception (e.g. host lookups). */
export class DnsTemporaryError extends DnsError {}
