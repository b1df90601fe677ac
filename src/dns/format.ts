/**
 * How the dnsdb lookup prints records (Exim's output formats): one string per record, fields
 * separated by the query's field separator (`>X,Y` gives Y, `>X;` gives none), else a space.
 * - A/AAAA: the address; CNAME/NS/PTR: the target name.
 * - MX: "preference host" (MXH: host only); SRV: "priority weight port target".
 * - TLSA: "usage selector matching-type hex-data".
 * - SOA: the primary name server only, or all seven fields when a field separator is given.
 * - TXT: the first character-string only, or all of them joined by the field separator when
 *   one is given; SPF: all joined, by default with nothing between.
 * The root name prints as the empty string (a null MX is "0 ").
 */
import { bytesToString } from '../expand/operators/bytes.js';
import type { DnsRecord } from './types.js';

export interface FieldOptions {
  /** The field separator from the query; undefined when none was given. */
  readonly fieldSep?: string;
  /** Print MX records as host names only (the MXH pseudo-type). */
  readonly hostsOnly?: boolean;
}

/** Character-strings as text, with the expander's convention for bytes that are not UTF-8. */
const text = (b: Buffer): string => bytesToString(b);

export function formatRecord(rec: DnsRecord, opts: FieldOptions = {}): string {
  const sep = opts.fieldSep ?? ' ';
  switch (rec.type) {
    case 'A':
    case 'AAAA':
      return rec.address;
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return rec.target;
    case 'MX':
      return opts.hostsOnly ? rec.exchange : `${rec.preference}${sep}${rec.exchange}`;
    case 'SRV':
      return [rec.priority, rec.weight, rec.port, rec.target].join(sep);
    case 'TLSA':
      return [rec.usage, rec.selector, rec.matchingType, rec.data.toString('hex')].join(sep);
    case 'SOA':
      if (opts.fieldSep === undefined) return rec.mname;
      return [rec.mname, rec.rname, rec.serial, rec.refresh, rec.retry, rec.expire, rec.minimum].join(opts.fieldSep);
    case 'TXT':
      if (opts.fieldSep === undefined) return rec.strings.length > 0 ? text(rec.strings[0]!) : '';
      return rec.strings.map(text).join(opts.fieldSep);
    case 'SPF':
      return rec.strings.map(text).join(opts.fieldSep ?? '');
    case 'OTHER':
      return rec.rdata.toString('hex');
  }
}
