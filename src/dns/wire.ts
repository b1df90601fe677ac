/**
 * DNS wire format (RFC 1035, RFC 6891 for EDNS0, RFC 4035 for the AD/CD/DO bits).
 *
 * Written here rather than taken from the `dns-packet` package: Mailwright needs only a query
 * encoder and a decoder for a dozen record types, wants raw bytes of TXT character-strings
 * (Exim's joining rules work on their boundaries) and names escaped the way the C resolver's
 * dn_expand prints them, and this keeps the resolver free of an untyped CommonJS dependency.
 */
import { DnsFormatError, DnsNameError, TYPE_CODES, typeOfCode, type DnsHeader, type DnsMessage, type DnsRecord, type RecordData } from './types.js';

export interface QueryOptions {
  readonly id: number;
  readonly name: string;
  readonly type: number;
  /** Recursion desired (a stub resolver always asks for it). */
  readonly rd?: boolean;
  /** Set AD in the query: asks the server to say whether the answer was validated (RFC 6840). */
  readonly ad?: boolean;
  /** Add an OPT record advertising this UDP payload size; undefined = no EDNS0. */
  readonly ednsUdpSize?: number;
  /** DNSSEC OK bit in the OPT record (forces EDNS0). */
  readonly dnssecOk?: boolean;
}

const DEFAULT_EDNS_SIZE = 1232;

/** Split a presentation-format name into raw labels, honouring `\.` and `\DDD` escapes. */
export function nameToLabels(name: string): Buffer[] {
  const text = name.endsWith('.') && !name.endsWith('\\.') ? name.slice(0, -1) : name;
  if (text === '' || text === '.') return [];
  const labels: Buffer[] = [];
  let cur: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      const digits = text.slice(i + 1, i + 4);
      if (/^\d{3}$/.test(digits)) {
        cur.push(Number(digits) & 0xff);
        i += 3;
      } else {
        cur.push(...Buffer.from(text[i + 1]!, 'utf8'));
        i += 1;
      }
    } else if (ch === '.') {
      labels.push(finishLabel(cur, name));
      cur = [];
    } else {
      cur.push(...Buffer.from(ch, 'utf8'));
    }
  }
  labels.push(finishLabel(cur, name));
  const total = labels.reduce((n, l) => n + l.length + 1, 1);
  if (total > 255) throw new DnsNameError(`domain name too long: ${name}`);
  return labels;
}

function finishLabel(bytes: number[], name: string): Buffer {
  if (bytes.length === 0) throw new DnsNameError(`empty label in domain name: ${name}`);
  if (bytes.length > 63) throw new DnsNameError(`label too long in domain name: ${name}`);
  return Buffer.from(bytes);
}

export function encodeQuery(q: QueryOptions): Buffer {
  const labels = nameToLabels(q.name);
  const edns = q.ednsUdpSize !== undefined || q.dnssecOk === true;
  const qnameLen = labels.reduce((n, l) => n + l.length + 1, 1);
  const buf = Buffer.alloc(12 + qnameLen + 4 + (edns ? 11 : 0));
  buf.writeUInt16BE(q.id & 0xffff, 0);
  let flags = 0;
  if (q.rd !== false) flags |= 0x0100;
  if (q.ad) flags |= 0x0020;
  buf.writeUInt16BE(flags, 2);
  buf.writeUInt16BE(1, 4);
  buf.writeUInt16BE(edns ? 1 : 0, 10);
  let off = 12;
  for (const l of labels) {
    buf[off++] = l.length;
    l.copy(buf, off);
    off += l.length;
  }
  buf[off++] = 0;
  buf.writeUInt16BE(q.type, off);
  buf.writeUInt16BE(1, off + 2);
  off += 4;
  if (edns) {
    buf[off] = 0; // root owner name
    buf.writeUInt16BE(TYPE_CODES.OPT, off + 1);
    buf.writeUInt16BE(q.ednsUdpSize ?? DEFAULT_EDNS_SIZE, off + 3);
    buf.writeUInt32BE(q.dnssecOk ? 0x8000 : 0, off + 5);
    buf.writeUInt16BE(0, off + 9);
  }
  return buf;
}

/** Characters dn_expand escapes with a backslash inside a label. */
const SPECIAL = new Set([0x22, 0x2e, 0x3b, 0x5c, 0x28, 0x29, 0x40, 0x24]);

function labelToText(buf: Buffer, start: number, len: number): string {
  let out = '';
  for (let i = start; i < start + len; i++) {
    const b = buf[i]!;
    if (SPECIAL.has(b)) out += '\\' + String.fromCharCode(b);
    else if (b <= 0x20 || b >= 0x7f) out += '\\' + String(b).padStart(3, '0');
    else out += String.fromCharCode(b);
  }
  return out;
}

class Reader {
  constructor(
    readonly buf: Buffer,
    public off = 0,
  ) {}

  need(n: number): void {
    if (this.off + n > this.buf.length) throw new DnsFormatError('DNS message truncated');
  }
  u8(): number {
    this.need(1);
    return this.buf[this.off++]!;
  }
  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.off);
    this.off += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.off);
    this.off += 4;
    return v;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const v = this.buf.subarray(this.off, this.off + n);
    this.off += n;
    return Buffer.from(v);
  }

  /** A possibly compressed name, in presentation form without the trailing dot ("" = root). */
  name(): string {
    const labels: string[] = [];
    let off = this.off;
    let jumped = false;
    let hops = 0;
    for (;;) {
      if (off >= this.buf.length) throw new DnsFormatError('DNS name runs past the message');
      const len = this.buf[off]!;
      if ((len & 0xc0) === 0xc0) {
        if (off + 1 >= this.buf.length) throw new DnsFormatError('DNS name pointer truncated');
        if (++hops > 64) throw new DnsFormatError('DNS name compression loop');
        const target = ((len & 0x3f) << 8) | this.buf[off + 1]!;
        if (!jumped) this.off = off + 2;
        jumped = true;
        off = target;
        continue;
      }
      if ((len & 0xc0) !== 0) throw new DnsFormatError('unsupported DNS label type');
      if (len === 0) {
        if (!jumped) this.off = off + 1;
        return labels.join('.');
      }
      if (off + 1 + len > this.buf.length) throw new DnsFormatError('DNS label runs past the message');
      labels.push(labelToText(this.buf, off + 1, len));
      off += 1 + len;
    }
  }
}

function ipv6Text(b: Buffer): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i));
  // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on ties.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

function readData(r: Reader, code: number, rdlen: number): RecordData {
  const end = r.off + rdlen;
  r.need(rdlen);
  const type = typeOfCode(code);
  let data: RecordData;
  switch (type) {
    case 'A':
      if (rdlen !== 4) throw new DnsFormatError('bad A record length');
      data = { type, address: [...r.bytes(4)].join('.') };
      break;
    case 'AAAA':
      if (rdlen !== 16) throw new DnsFormatError('bad AAAA record length');
      data = { type, address: ipv6Text(r.bytes(16)) };
      break;
    case 'MX':
      data = { type, preference: r.u16(), exchange: r.name() };
      break;
    case 'TXT':
    case 'SPF': {
      const strings: Buffer[] = [];
      while (r.off < end) strings.push(r.bytes(r.u8()));
      data = { type, strings };
      break;
    }
    case 'PTR':
    case 'CNAME':
    case 'NS':
      data = { type, target: r.name() };
      break;
    case 'SRV':
      data = { type, priority: r.u16(), weight: r.u16(), port: r.u16(), target: r.name() };
      break;
    case 'TLSA':
      data = { type, usage: r.u8(), selector: r.u8(), matchingType: r.u8(), data: r.bytes(end - r.off - 0) };
      break;
    case 'SOA':
      data = { type, mname: r.name(), rname: r.name(), serial: r.u32(), refresh: r.u32(), retry: r.u32(), expire: r.u32(), minimum: r.u32() };
      break;
    default:
      data = { type: 'OTHER', code, rdata: r.bytes(rdlen) };
  }
  if (r.off > end) throw new DnsFormatError('DNS record data overruns its length');
  r.off = end;
  return data;
}

interface RawRecord {
  readonly rec: DnsRecord;
  /** Set for an OPT pseudo-record: the extended rcode bits and flags from its TTL field. */
  readonly optTtl?: number;
}

function readRecord(r: Reader): RawRecord {
  const name = r.name();
  const code = r.u16();
  const cls = r.u16();
  const ttl = r.u32();
  const rdlen = r.u16();
  if (code === TYPE_CODES.OPT) {
    const rdata = r.bytes(rdlen);
    return { rec: { type: 'OTHER', code, rdata, name, ttl: 0, class: cls }, optTtl: ttl };
  }
  const data = readData(r, code, rdlen);
  // Exim and the C resolver treat TTLs above 2^31-1 as zero (RFC 2181 section 8).
  return { rec: { ...data, name, ttl: ttl > 0x7fffffff ? 0 : ttl, class: cls } };
}

export function decodeMessage(buf: Buffer): DnsMessage {
  const r = new Reader(buf);
  const id = r.u16();
  const flags = r.u16();
  const counts = [r.u16(), r.u16(), r.u16(), r.u16()] as const;
  const question: Array<{ name: string; type: number; class: number }> = [];
  for (let i = 0; i < counts[0]; i++) question.push({ name: r.name(), type: r.u16(), class: r.u16() });
  const sections: DnsRecord[][] = [[], [], []];
  let extendedRcode = 0;
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]!; i++) {
      const raw = readRecord(r);
      if (raw.optTtl !== undefined) extendedRcode = raw.optTtl >>> 24;
      else sections[s]!.push(raw.rec);
    }
  }
  const header: DnsHeader = {
    id,
    qr: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    aa: (flags & 0x0400) !== 0,
    tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0,
    ra: (flags & 0x0080) !== 0,
    ad: (flags & 0x0020) !== 0,
    cd: (flags & 0x0010) !== 0,
    rcode: (extendedRcode << 4) | (flags & 0xf),
  };
  return { header, question, answer: sections[0]!, authority: sections[1]!, additional: sections[2]! };
}

/** Only the header and question of a (possibly truncated) response: enough to match it to its query. */
export function peekHeader(buf: Buffer): { id: number; tc: boolean; qname?: string; qtype?: number } | undefined {
  if (buf.length < 12) return undefined;
  const r = new Reader(buf, 12);
  const flags = buf.readUInt16BE(2);
  try {
    if (buf.readUInt16BE(4) < 1) return { id: buf.readUInt16BE(0), tc: (flags & 0x0200) !== 0 };
    return { id: buf.readUInt16BE(0), tc: (flags & 0x0200) !== 0, qname: r.name(), qtype: r.u16() };
  } catch {
    return undefined;
  }
}
