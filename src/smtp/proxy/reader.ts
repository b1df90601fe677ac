/**
 * Incremental PROXY header reader. The SMTP server feeds the bytes it receives; the reader answers
 * need-more, parsed (with the bytes consumed and the rest, which belongs to SMTP), or invalid
 * (with a reason, the bytes consumed, the rest, and what Exim had already applied).
 *
 * Exim mode reproduces how many bytes Exim 4.96 takes from the stream, which decides what the
 * first SMTP command is after a bad header:
 * - it first takes 14 bytes; with the v2 signature it takes 16, then the whole header when the
 *   declared size fits its 232-byte buffer (otherwise it stops after 16);
 * - a v1 header ("PROXY" prefix) ends one byte after the first CR: when that CR is inside the
 *   first 13 bytes the 14 bytes are the header (the surplus is dropped), at byte 14 one more byte
 *   is read, later it reads on until the CR and one byte more, at most 232 bytes in all;
 * - anything else is read the same way as a v1 line, then fails.
 * Deviation: Exim decides on its first read even when that returns fewer than 14 bytes; the reader
 * waits for 14 (or for end()). Only a peer that sends under 14 bytes and then waits sees this.
 *
 * Strict mode reads exactly one header as the spec describes (v1 up to CRLF within 107 bytes).
 */
import { EXIM_V2_MAX_SIZE, V2_SIGNATURE, parseV2 } from './v2.js';
import { V1_MAX_LINE, parseV1Exim, parseV1Strict } from './v1.js';
import type { ProxyAssignments, ProxyMode, ProxyParseResult } from './types.js';

const EXIM_INITIAL_READ = 14;
const EXIM_V1_MAX = 232;
const PROXY_PREFIX = Uint8Array.from([0x50, 0x52, 0x4f, 0x58, 0x59]); // "PROXY"
const CR = 0x0d;

function startsWith(buf: Uint8Array, prefix: Uint8Array): boolean {
  if (buf.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[i] !== prefix[i]) return false;
  return true;
}

/** True when `buf` could still turn into `prefix` with more bytes. */
function isPrefixOf(buf: Uint8Array, prefix: Uint8Array): boolean {
  const n = Math.min(buf.length, prefix.length);
  for (let i = 0; i < n; i++) if (buf[i] !== prefix[i]) return false;
  return true;
}

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

export interface ProxyReaderOptions {
  readonly mode?: ProxyMode;
}

export class ProxyHeaderReader {
  private buf: Uint8Array = new Uint8Array(0);
  private result: ProxyParseResult = { status: 'need-more' };
  readonly mode: ProxyMode;

  constructor(options: ProxyReaderOptions = {}) {
    this.mode = options.mode ?? 'exim';
  }

  /** Add received bytes. Once the result is final, further bytes are ignored (they are SMTP's). */
  feed(chunk: Uint8Array): ProxyParseResult {
    if (this.result.status !== 'need-more') return this.result;
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf);
    joined.set(chunk, this.buf.length);
    this.buf = joined;
    this.result = this.mode === 'strict' ? this.stepStrict() : this.stepExim();
    return this.result;
  }

  /**
   * The header did not complete: the timeout fired (proxy_protocol_timeout) or the peer closed.
   * Everything received so far counts as consumed, as in Exim.
   */
  end(why: 'timeout' | 'eof'): ProxyParseResult {
    if (this.result.status !== 'need-more') return this.result;
    const reason = why === 'timeout' ? 'Timeout while reading proxy header' : this.eofReason();
    this.result = this.invalid(reason, this.buf.length, {});
    return this.result;
  }

  get current(): ProxyParseResult {
    return this.result;
  }

  private eofReason(): string {
    if (startsWith(this.buf, PROXY_PREFIX) || startsWith(this.buf, V2_SIGNATURE)) return 'Partial or invalid PROXY header';
    return 'Invalid proxy protocol version negotiation';
  }

  private invalid(reason: string, consumed: number, assignments: ProxyAssignments): ProxyParseResult {
    return { status: 'invalid', reason, consumed, rest: this.buf.slice(consumed), assignments };
  }

  private stepExim(): ProxyParseResult {
    const b = this.buf;
    if (b.length < EXIM_INITIAL_READ) return { status: 'need-more' };
    if (startsWith(b, V2_SIGNATURE)) return this.v2(EXIM_V2_MAX_SIZE);
    return this.v1Exim();
  }

  private v2(maxSize: number): ProxyParseResult {
    const b = this.buf;
    if (b.length < 16) return { status: 'need-more' };
    const version = b[12]! >> 4;
    if (version !== 2) return this.invalid(`Invalid Proxy Protocol version: ${version}`, 16, {});
    const size = 16 + ((b[14]! << 8) | b[15]!);
    if (size > maxSize) return this.invalid('PROXYv2 header size unreasonably large; security attack?', 16, {});
    if (b.length < size) return { status: 'need-more' };
    const out = parseV2(b.subarray(0, size), this.mode);
    if (!out.ok) return this.invalid(out.reason, size, {});
    return { status: 'parsed', header: out.header, consumed: size, rest: b.slice(size), detail: out.detail };
  }

  /** Where Exim's v1 read stops (exclusive), null when more bytes are needed, -1 on overflow. */
  private v1EximEnd(): number | null {
    const b = this.buf;
    const limit = Math.min(b.length, EXIM_V1_MAX);
    for (let i = 0; i < limit; i++) {
      if (b[i] !== CR) continue;
      if (i < EXIM_INITIAL_READ - 1) return EXIM_INITIAL_READ;
      if (i + 2 > EXIM_V1_MAX) return -1;
      return b.length >= i + 2 ? i + 2 : null;
    }
    return b.length >= EXIM_V1_MAX ? -1 : null;
  }

  private v1Exim(): ProxyParseResult {
    const end = this.v1EximEnd();
    if (end === null) return { status: 'need-more' };
    if (end < 0) return this.invalid(`PROXYv1 header longer than ${EXIM_V1_MAX} bytes`, EXIM_V1_MAX, {});
    // Exim reads a line this way before it even looks for the "PROXY" prefix.
    if (!startsWith(this.buf, PROXY_PREFIX)) return this.invalid('Invalid proxy protocol version negotiation', end, {});
    const out = parseV1Exim(latin1(this.buf.subarray(0, end)));
    if (!out.ok) return this.invalid(out.reason, end, out.assignments);
    return { status: 'parsed', header: out.header, consumed: end, rest: this.buf.slice(end), detail: out.detail };
  }

  private stepStrict(): ProxyParseResult {
    const b = this.buf;
    if (isPrefixOf(b, V2_SIGNATURE)) return b.length < V2_SIGNATURE.length ? { status: 'need-more' } : this.v2(16 + 0xffff);
    const v1Prefix = Uint8Array.from([...PROXY_PREFIX, 0x20]);
    if (!isPrefixOf(b, v1Prefix)) return this.invalid('not a PROXY protocol header', 0, {});
    const lf = b.indexOf(0x0a);
    const cr = b.indexOf(CR);
    const stop = [lf, cr].filter((i) => i >= 0);
    if (stop.length === 0) {
      return b.length >= V1_MAX_LINE ? this.invalid(`v1 line longer than ${V1_MAX_LINE} bytes`, V1_MAX_LINE, {}) : { status: 'need-more' };
    }
    const first = Math.min(...stop);
    if (first === cr && b.length === cr + 1) return { status: 'need-more' };
    const end = first + 2;
    if (first !== cr || b[cr + 1] !== 0x0a) return this.invalid('v1 line not ended by CRLF', Math.min(b.length, first + 1), {});
    if (end > V1_MAX_LINE) return this.invalid(`v1 line longer than ${V1_MAX_LINE} bytes`, end, {});
    const out = parseV1Strict(latin1(b.subarray(0, end)));
    if (!out.ok) return this.invalid(out.reason, end, {});
    return { status: 'parsed', header: out.header, consumed: end, rest: b.slice(end), detail: out.detail };
  }
}

/** Parse a complete byte string at once (tests, tools): end('eof') when it stays incomplete. */
export function parseProxyHeader(bytes: Uint8Array, options: ProxyReaderOptions = {}): ProxyParseResult {
  const reader = new ProxyHeaderReader(options);
  const r = reader.feed(bytes);
  return r.status === 'need-more' ? reader.end('eof') : r;
}
