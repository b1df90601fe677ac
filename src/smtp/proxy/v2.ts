/**
 * PROXY v2 (binary) header parsing: 12-byte signature, version/command byte, family/transport
 * byte, 16-bit length, address block, TLVs. `bytes` is the complete header (16 + length).
 *
 * Exim 4.96 accepts LOCAL (any family) and PROXY over TCP/IPv4 or TCP/IPv6 only; everything else
 * fails negotiation. It never looks at TLVs. Strict mode follows the spec: every defined family and
 * transport is a valid header, TLVs must be well formed, and a CRC32C TLV must match.
 */
import { ipv4Text, ipv6Text } from './address-text.js';
import { crc32cMatches, parseTlvs } from './tlv.js';
import type { ProxyHeader, ProxyMode, ProxyTlv } from './types.js';

export const V2_SIGNATURE = Uint8Array.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);
/** Exim's buffer for a whole header (16 bytes plus two 108-byte AF_UNIX paths). */
export const EXIM_V2_MAX_SIZE = 232;

const ADDRESS_BLOCK: Readonly<Record<number, number>> = { 1: 12, 2: 36, 3: 216 };

export type V2Outcome =
  | { readonly ok: true; readonly header: ProxyHeader; readonly detail: string }
  | { readonly ok: false; readonly reason: string };

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** TLVs after the address block; Exim ignores them, so a malformed list is simply not kept. */
function lenientTlvs(bytes: Uint8Array, from: number): ProxyTlv[] {
  if (from >= bytes.length) return [];
  const r = parseTlvs(bytes.subarray(from));
  return r.ok ? r.tlvs : [];
}

function inetHeader(bytes: Uint8Array, six: boolean, transport: 'STREAM' | 'DGRAM', tlvs: ProxyTlv[]): ProxyHeader {
  const addrLen = six ? 16 : 4;
  const text = six ? ipv6Text : ipv4Text;
  const portAt = 16 + 2 * addrLen;
  return {
    version: 2,
    command: 'PROXY',
    family: six ? 'INET6' : 'INET',
    transport,
    assignments: {
      clientAddress: text(bytes, 16),
      externalAddress: text(bytes, 16 + addrLen),
      clientPort: (bytes[portAt]! << 8) | bytes[portAt + 1]!,
      externalPort: (bytes[portAt + 2]! << 8) | bytes[portAt + 3]!,
    },
    tlvs,
  };
}

const localHeader = (tlvs: ProxyTlv[]): ProxyHeader => ({ version: 2, command: 'LOCAL', family: 'UNSPEC', assignments: {}, tlvs });

export function parseV2(bytes: Uint8Array, mode: ProxyMode): V2Outcome {
  return mode === 'strict' ? parseV2Strict(bytes) : parseV2Exim(bytes);
}

function parseV2Exim(bytes: Uint8Array): V2Outcome {
  const command = bytes[12]! & 0x0f;
  const fam = bytes[13]!;
  const len = bytes.length - 16;
  if (command === 0x00) return { ok: true, header: localHeader(lenientTlvs(bytes, 16)), detail: 'Valid local sender from Proxy Protocol header' };
  if (command !== 0x01) return { ok: false, reason: `Unsupported PROXYv2 command: 0x${command.toString(16)}` };
  if (fam === 0x11 || fam === 0x21) {
    const six = fam === 0x21;
    const need = six ? 36 : 12;
    if (len < need) return { ok: false, reason: `PROXYv2 TCPv${six ? 6 : 4} payload too short (${len})` };
    const header = inetHeader(bytes, six, 'STREAM', lenientTlvs(bytes, 16 + need));
    return { ok: true, header, detail: `Valid IPv${six ? 6 : 4} sender from Proxy Protocol header` };
  }
  return { ok: false, reason: `Unsupported PROXYv2 connection type: 0x${hex2(fam)}` };
}

function strictTlvs(bytes: Uint8Array, from: number): { tlvs: ProxyTlv[] } | { reason: string } {
  const r = parseTlvs(bytes.subarray(from));
  if (!r.ok) return { reason: r.reason };
  if (!crc32cMatches(bytes, from)) return { reason: 'PP2_TYPE_CRC32C checksum mismatch' };
  return { tlvs: r.tlvs };
}

function latin1Path(b: Uint8Array): string {
  const end = b.indexOf(0);
  return Buffer.from(end >= 0 ? b.subarray(0, end) : b).toString('latin1');
}

function parseV2Strict(bytes: Uint8Array): V2Outcome {
  const command = bytes[12]! & 0x0f;
  const family = bytes[13]! >> 4;
  const transport = bytes[13]! & 0x0f;
  const len = bytes.length - 16;
  if (command > 1) return { ok: false, reason: `v2 command 0x${command.toString(16)} is not LOCAL or PROXY` };
  if (family > 3 || transport > 2) return { ok: false, reason: `v2 family/transport 0x${hex2(bytes[13]!)} is not defined` };
  const block = ADDRESS_BLOCK[family] ?? 0;
  if (len < block) return { ok: false, reason: `v2 length ${len} is shorter than the ${block}-byte address block` };
  // LOCAL: the spec says to skip the whole body, so it is not held to TLV syntax.
  if (command === 0) return { ok: true, header: localHeader(lenientTlvs(bytes, 16 + block)), detail: 'Valid local sender from Proxy Protocol header' };
  const t = strictTlvs(bytes, 16 + block);
  if ('reason' in t) return { ok: false, reason: t.reason };
  const transportName = transport === 2 ? 'DGRAM' : transport === 1 ? 'STREAM' : 'UNSPEC';
  if (family === 0 || transport === 0) {
    // AF_UNSPEC or an unspecified transport: the spec lets the receiver keep the real endpoints.
    const header: ProxyHeader = { version: 2, command: 'PROXY', family: 'UNSPEC', transport: transportName, assignments: {}, tlvs: t.tlvs };
    return { ok: true, header, detail: 'Valid unspecified sender from Proxy Protocol header' };
  }
  if (family === 3) {
    const unixPaths = { source: latin1Path(bytes.subarray(16, 124)), destination: latin1Path(bytes.subarray(124, 232)) };
    const header: ProxyHeader = { version: 2, command: 'PROXY', family: 'UNIX', transport: transportName, assignments: {}, tlvs: t.tlvs, unixPaths };
    return { ok: true, header, detail: 'Valid local-socket sender from Proxy Protocol header' };
  }
  const six = family === 2;
  const header = inetHeader(bytes, six, transportName === 'DGRAM' ? 'DGRAM' : 'STREAM', t.tlvs);
  return { ok: true, header, detail: `Valid IPv${six ? 6 : 4} sender from Proxy Protocol header` };
}
