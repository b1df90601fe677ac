/**
 * v2 TLVs (type, 16-bit big-endian length, value) after the address block, and the CRC32C
 * (Castagnoli) checksum that PP2_TYPE_CRC32C carries. Exim skips TLVs without looking at them;
 * Mailwright keeps them for the session (and checks them in strict mode).
 */
import type { ProxyTlv } from './types.js';

export const PP2_TYPE = {
  ALPN: 0x01,
  AUTHORITY: 0x02,
  CRC32C: 0x03,
  NOOP: 0x04,
  UNIQUE_ID: 0x05,
  SSL: 0x20,
  SSL_VERSION: 0x21,
  SSL_CN: 0x22,
  SSL_CIPHER: 0x23,
  SSL_SIG_ALG: 0x24,
  SSL_KEY_ALG: 0x25,
  NETNS: 0x30,
} as const;

export type TlvParse = { readonly ok: true; readonly tlvs: ProxyTlv[] } | { readonly ok: false; readonly reason: string };

/** Parse a TLV sequence; a TLV running past the end is an error. */
export function parseTlvs(bytes: Uint8Array): TlvParse {
  const tlvs: ProxyTlv[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (pos + 3 > bytes.length) return { ok: false, reason: `truncated TLV header at offset ${pos}` };
    const type = bytes[pos]!;
    const len = (bytes[pos + 1]! << 8) | bytes[pos + 2]!;
    if (pos + 3 + len > bytes.length) return { ok: false, reason: `TLV 0x${type.toString(16).padStart(2, '0')} length ${len} runs past the header` };
    const value = bytes.slice(pos + 3, pos + 3 + len);
    const tlv = type === PP2_TYPE.SSL ? sslTlv(type, value) : { type, value };
    if (!tlv) return { ok: false, reason: 'malformed PP2_TYPE_SSL TLV' };
    tlvs.push(tlv);
    pos += 3 + len;
  }
  return { ok: true, tlvs };
}

/** PP2_TYPE_SSL: client flags (1 byte), verify (4 bytes), then nested TLVs. */
function sslTlv(type: number, value: Uint8Array): ProxyTlv | null {
  if (value.length < 5) return null;
  const sub = parseTlvs(value.subarray(5));
  if (!sub.ok) return null;
  const verify = ((value[1]! << 24) | (value[2]! << 16) | (value[3]! << 8) | value[4]!) >>> 0;
  return { type, value, ssl: { client: value[0]!, verify, sub: sub.tlvs } };
}

let crcTable: Uint32Array | undefined;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/** CRC-32C of `bytes` (reflected, initial and final XOR 0xffffffff). */
export function crc32c(bytes: Uint8Array): number {
  const t = table();
  let c = 0xffffffff;
  for (const b of bytes) c = t[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Check a PP2_TYPE_CRC32C TLV of a complete header: the checksum is computed over the whole
 * header with the four checksum bytes zeroed. `tlvOffset` is where the TLV area starts.
 * Returns true when there is no such TLV.
 */
export function crc32cMatches(header: Uint8Array, tlvOffset: number): boolean {
  let pos = tlvOffset;
  while (pos + 3 <= header.length) {
    const type = header[pos]!;
    const len = (header[pos + 1]! << 8) | header[pos + 2]!;
    if (type === PP2_TYPE.CRC32C && len === 4 && pos + 7 <= header.length) {
      const copy = header.slice();
      const claimed = ((copy[pos + 3]! << 24) | (copy[pos + 4]! << 16) | (copy[pos + 5]! << 8) | copy[pos + 6]!) >>> 0;
      copy.fill(0, pos + 3, pos + 7);
      return crc32c(copy) === claimed;
    }
    pos += 3 + len;
  }
  return true;
}
