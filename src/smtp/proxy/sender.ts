/**
 * Building PROXY headers as a sender (tests, and later the smtp transport's proxy support).
 * v1 lines follow the spec exactly; v2 headers may carry TLVs and an optional CRC32C.
 */
import { parseIPv4, parseIPv6 } from '../../lookups/ip-address.js';
import { MailwrightError } from '../../util/errors.js';
import { crc32c, PP2_TYPE } from './tlv.js';
import { V2_SIGNATURE } from './v2.js';

export class ProxyHeaderBuildError extends MailwrightError {}

export interface ProxyEndpointsSpec {
  readonly sourceAddress: string;
  readonly destinationAddress: string;
  readonly sourcePort: number;
  readonly destinationPort: number;
}

function checkPort(p: number): number {
  if (!Number.isInteger(p) || p < 0 || p > 65535) throw new ProxyHeaderBuildError(`PROXY port out of range: ${p}`);
  return p;
}

/** `PROXY TCP4|TCP6 src dst sport dport\r\n`, or `PROXY UNKNOWN\r\n` without endpoints. */
export function buildProxyV1(endpoints?: ProxyEndpointsSpec): string {
  if (!endpoints) return 'PROXY UNKNOWN\r\n';
  const six = endpoints.sourceAddress.includes(':');
  const ok = six
    ? parseIPv6(endpoints.sourceAddress) && parseIPv6(endpoints.destinationAddress) && !endpoints.sourceAddress.includes('%')
    : parseIPv4(endpoints.sourceAddress) && parseIPv4(endpoints.destinationAddress);
  if (!ok) throw new ProxyHeaderBuildError(`PROXY addresses must be both IPv4 or both IPv6: ${endpoints.sourceAddress} ${endpoints.destinationAddress}`);
  const ports = `${checkPort(endpoints.sourcePort)} ${checkPort(endpoints.destinationPort)}`;
  return `PROXY ${six ? 'TCP6' : 'TCP4'} ${endpoints.sourceAddress} ${endpoints.destinationAddress} ${ports}\r\n`;
}

export interface ProxyV2Spec {
  /** LOCAL (health checks: no addresses) or PROXY. */
  readonly command: 'LOCAL' | 'PROXY';
  /** Omit for AF_UNSPEC. */
  readonly endpoints?: ProxyEndpointsSpec;
  readonly transport?: 'STREAM' | 'DGRAM';
  readonly tlvs?: ReadonlyArray<{ readonly type: number; readonly value: Uint8Array | string }>;
  /** Append a PP2_TYPE_CRC32C TLV holding the checksum of the whole header. */
  readonly crc32c?: boolean;
}

function addressBytes(e: ProxyEndpointsSpec): { family: number; bytes: number[] } {
  const six = e.sourceAddress.includes(':');
  const parse = six ? parseIPv6 : parseIPv4;
  const src = parse(e.sourceAddress);
  const dst = parse(e.destinationAddress);
  if (!src || !dst || e.destinationAddress.includes(':') !== six) {
    throw new ProxyHeaderBuildError(`PROXY addresses must be both IPv4 or both IPv6: ${e.sourceAddress} ${e.destinationAddress}`);
  }
  const sp = checkPort(e.sourcePort);
  const dp = checkPort(e.destinationPort);
  return { family: six ? 0x2 : 0x1, bytes: [...src, ...dst, sp >> 8, sp & 0xff, dp >> 8, dp & 0xff] };
}

function tlvBytes(type: number, value: Uint8Array | string): number[] {
  const v = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  if (v.length > 0xffff) throw new ProxyHeaderBuildError('PROXY v2 TLV too long');
  return [type, v.length >> 8, v.length & 0xff, ...v];
}

/** The binary v2 header. */
export function buildProxyV2(spec: ProxyV2Spec): Uint8Array {
  const addr = spec.endpoints ? addressBytes(spec.endpoints) : { family: 0, bytes: [] };
  const transport = spec.endpoints ? (spec.transport === 'DGRAM' ? 0x2 : 0x1) : 0;
  const body = [...addr.bytes];
  for (const t of spec.tlvs ?? []) body.push(...tlvBytes(t.type, t.value));
  const crcAt = spec.crc32c ? 16 + body.length + 3 : -1;
  if (spec.crc32c) body.push(PP2_TYPE.CRC32C, 0, 4, 0, 0, 0, 0);
  if (body.length > 0xffff) throw new ProxyHeaderBuildError('PROXY v2 header too long');
  const out = Uint8Array.from([
    ...V2_SIGNATURE,
    0x20 | (spec.command === 'PROXY' ? 0x1 : 0x0),
    (addr.family << 4) | transport,
    body.length >> 8,
    body.length & 0xff,
    ...body,
  ]);
  if (crcAt >= 0) {
    const c = crc32c(out);
    out.set([c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff], crcAt);
  }
  return out;
}
