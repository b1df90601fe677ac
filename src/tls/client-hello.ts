/**
 * The client's first TLS flight, read before the TLS library sees it: the ClientHello says
 * which SNI name to expand tls_certificate for, which ticket key a resumption offer was made
 * with, whether a ticket was asked for ($tls_in_resumption), and the groups and signature
 * schemes the server's choice is taken from (for exim4's cipher naming; Node does not report
 * the negotiated group or signature scheme on the server side).
 */

export interface ClientHello {
  readonly serverName?: string;
  /** Cipher suite codes offered, client order. */
  readonly cipherSuites: readonly number[];
  /** supported_groups, client order. */
  readonly groups: readonly number[];
  /** Groups of the key_share entries, client order (TLS1.3). */
  readonly keyShares: readonly number[];
  /** signature_algorithms, client order. */
  readonly sigalgs: readonly number[];
  readonly versions: readonly number[];
  /** session_ticket extension: undefined absent, empty Buffer = asks for a ticket, else the ticket offered. */
  readonly sessionTicket?: Buffer;
  /** pre_shared_key identities (TLS1.3 tickets offered). */
  readonly pskIdentities: readonly Buffer[];
  /** psk_key_exchange_modes present (a TLS1.3 client that can take tickets). */
  readonly pskModes: boolean;
}

export type HelloScan = { state: 'need-more' } | { state: 'not-tls' } | { state: 'done'; hello: ClientHello };

const MAX_HELLO = 1 << 16;

/**
 * Looks for a complete ClientHello at the start of `data` (TLS records of type handshake,
 * possibly fragmented). need-more: wait for more bytes; not-tls: let the TLS library fail.
 */
export function scanClientHello(data: Buffer): HelloScan {
  const body: Buffer[] = [];
  let off = 0;
  let have = 0;
  while (off + 5 <= data.length) {
    if (data[off] !== 22 || data[off + 1] !== 3) return { state: 'not-tls' };
    const len = data.readUInt16BE(off + 3);
    if (off + 5 + len > data.length) break;
    body.push(data.subarray(off + 5, off + 5 + len));
    have += len;
    off += 5 + len;
    const msg = Buffer.concat(body);
    if (msg.length >= 4) {
      if (msg[0] !== 1) return { state: 'not-tls' };
      const need = msg.readUIntBE(1, 3) + 4;
      if (need > MAX_HELLO) return { state: 'not-tls' };
      if (msg.length >= need) return parseOrNotTls(msg.subarray(4, need));
    }
  }
  if (data.length > 0 && data[0] !== 22) return { state: 'not-tls' };
  return have + data.length > MAX_HELLO * 2 ? { state: 'not-tls' } : { state: 'need-more' };
}

function parseOrNotTls(b: Buffer): HelloScan {
  try {
    return { state: 'done', hello: parseClientHello(b) };
  } catch {
    return { state: 'not-tls' };
  }
}

class Reader {
  off = 0;
  constructor(readonly b: Buffer) {}
  u8(): number {
    if (this.off + 1 > this.b.length) throw new RangeError('short');
    return this.b[this.off++]!;
  }
  u16(): number {
    if (this.off + 2 > this.b.length) throw new RangeError('short');
    const v = this.b.readUInt16BE(this.off);
    this.off += 2;
    return v;
  }
  bytes(n: number): Buffer {
    if (this.off + n > this.b.length) throw new RangeError('short');
    const v = this.b.subarray(this.off, this.off + n);
    this.off += n;
    return v;
  }
  get done(): boolean {
    return this.off >= this.b.length;
  }
}

function u16List(b: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < b.length; i += 2) out.push(b.readUInt16BE(i));
  return out;
}

/** Parses a ClientHello handshake body (after the 4-byte handshake header). */
export function parseClientHello(body: Buffer): ClientHello {
  const r = new Reader(body);
  r.u16(); // legacy_version
  r.bytes(32); // random
  r.bytes(r.u8()); // session id
  const cipherSuites = u16List(r.bytes(r.u16()));
  r.bytes(r.u8()); // compression
  const h: { -readonly [K in keyof ClientHello]: ClientHello[K] } = { cipherSuites, groups: [], keyShares: [], sigalgs: [], versions: [], pskIdentities: [], pskModes: false };
  if (r.done) return h;
  const ext = new Reader(r.bytes(r.u16()));
  while (!ext.done) {
    const type = ext.u16();
    const data = new Reader(ext.bytes(ext.u16()));
    switch (type) {
      case 0: {
        const list = new Reader(data.bytes(data.u16()));
        while (!list.done) {
          const kind = list.u8();
          const name = list.bytes(list.u16());
          if (kind === 0) h.serverName = name.toString('latin1');
        }
        break;
      }
      case 10:
        h.groups = u16List(data.bytes(data.u16()));
        break;
      case 13:
        h.sigalgs = u16List(data.bytes(data.u16()));
        break;
      case 35:
        h.sessionTicket = Buffer.from(data.b);
        break;
      case 41: {
        const ids = new Reader(data.bytes(data.u16()));
        const out: Buffer[] = [];
        while (!ids.done) {
          out.push(Buffer.from(ids.bytes(ids.u16())));
          ids.bytes(4); // obfuscated ticket age
        }
        h.pskIdentities = out;
        break;
      }
      case 43:
        h.versions = u16List(data.bytes(data.u8()));
        break;
      case 45:
        h.pskModes = true;
        break;
      case 51: {
        const shares = new Reader(data.bytes(data.u16()));
        const out: number[] = [];
        while (!shares.done) {
          out.push(shares.u16());
          shares.bytes(shares.u16());
        }
        h.keyShares = out;
        break;
      }
    }
  }
  return h;
}

/** The ticket key name (first 16 bytes of an OpenSSL ticket) a resumption offer was made with. */
export function offeredTicketKeyName(h: ClientHello): Buffer | undefined {
  const ticket = h.pskIdentities[0] ?? (h.sessionTicket && h.sessionTicket.length > 0 ? h.sessionTicket : undefined);
  return ticket && ticket.length >= 16 ? ticket.subarray(0, 16) : undefined;
}
