/**
 * A minimal DER reader: just enough of ASN.1 to walk X.509 certificates and TLS-adjacent
 * structures (node:crypto's X509Certificate does not expose every field certextract needs).
 */
import { TlsError } from './errors.js';

export interface Tlv {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  readonly tag: number;
  /** Content octets. */
  readonly value: Buffer;
  /** The whole element, header included. */
  readonly raw: Buffer;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  OID: 0x06,
  UTF8: 0x0c,
  PRINTABLE: 0x13,
  T61: 0x14,
  IA5: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL: 0x1c,
  BMP: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Reads one element at `offset`; throws TlsError on truncated or unsupported encodings. */
export function readTlv(buf: Buffer, offset = 0): { tlv: Tlv; next: number } {
  if (offset + 2 > buf.length) throw new TlsError('DER: truncated element');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new TlsError('DER: multi-byte tags are not supported');
  let len = buf[offset + 1]!;
  let header = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || offset + 2 + n > buf.length) throw new TlsError('DER: bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[offset + 2 + i]!;
    header += n;
  }
  const end = offset + header + len;
  if (end > buf.length) throw new TlsError('DER: element overruns its container');
  return { tlv: { tag, value: buf.subarray(offset + header, end), raw: buf.subarray(offset, end) }, next: end };
}

/** The elements inside a constructed element's content. */
export function children(value: Buffer): Tlv[] {
  const out: Tlv[] = [];
  let off = 0;
  while (off < value.length) {
    const { tlv, next } = readTlv(value, off);
    out.push(tlv);
    off = next;
  }
  return out;
}

/** Dotted text of an OBJECT IDENTIFIER's content. */
export function oidText(value: Buffer): string {
  if (value.length === 0) return '';
  const first = value[0]!;
  const parts: number[] = [Math.min(2, Math.floor(first / 40)), first - Math.min(2, Math.floor(first / 40)) * 40];
  let n = 0;
  for (let i = 1; i < value.length; i++) {
    const b = value[i]!;
    n = n * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

/** UTCTime / GeneralizedTime content as a Date (seconds precision, Z or offset forms). */
export function derTime(tlv: Tlv): Date {
  const s = tlv.value.toString('latin1');
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z|[+-]\d{4})?$/.exec(s);
  if (!m) throw new TlsError(`DER: bad time "${s}"`);
  let year = Number(m[1]);
  if (m[1]!.length === 2) year += year < 50 ? 2000 : 1900;
  let t = Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const zone = m[7];
  if (zone && zone !== 'Z') {
    const mins = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
    t -= (zone[0] === '+' ? 1 : -1) * mins * 60000;
  }
  return new Date(t);
}

/** Text of a directory string (UTF8, Printable, IA5, T61 as latin1, BMP, Universal). */
export function stringValue(tlv: Tlv): string {
  switch (tlv.tag) {
    case TAG.BMP: {
      let s = '';
      for (let i = 0; i + 1 < tlv.value.length; i += 2) s += String.fromCharCode(tlv.value.readUInt16BE(i));
      return s;
    }
    case TAG.UNIVERSAL: {
      let s = '';
      for (let i = 0; i + 3 < tlv.value.length; i += 4) s += String.fromCodePoint(tlv.value.readUInt32BE(i));
      return s;
    }
    case TAG.T61:
      return tlv.value.toString('latin1');
    default:
      return tlv.value.toString('utf8');
  }
}
