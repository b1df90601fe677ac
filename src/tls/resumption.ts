/**
 * TLS session resumption, server side (spec 43.17, seed "TLS Session Resumption"): stateless
 * tickets whose encryption keys live only in memory and rotate every hour, the previous key
 * still accepted for the overlap (the OpenSSL schedule the spec documents); tickets live two
 * hours. $tls_in_resumption bits and the +tls_resumption mark on X= are here too.
 */
import { randomBytes } from 'node:crypto';
import type { ClientHello } from './client-hello.js';

/** Bits of $tls_in_resumption (the order of the spec's list, bit 0 first). */
export const RESUME = {
  SUPPORTED: 0x01,
  CLIENT_REQUESTED: 0x02,
  CLIENT_OFFERED: 0x04,
  SERVER_ISSUED: 0x08,
  RESUMED: 0x10,
} as const;

export const TICKET_KEY_ROTATION_MS = 3600_000;
export const TICKET_LIFETIME_S = 7200;

export interface TicketKey {
  /** Node's 48-byte ticketKeys value: key name (16), HMAC secret (16), AES key (16). */
  readonly keys: Buffer;
  readonly name: Buffer;
  readonly created: number;
  /** Generation number, for cache keys. */
  readonly serial: number;
}

export interface TicketKeyRingOptions {
  readonly rotateMs?: number;
  readonly now?: () => number;
}

/** Current and previous ticket keys; rotation happens lazily when the current key is used. */
export class TicketKeyRing {
  private cur: TicketKey;
  private prev?: TicketKey;
  private serial = 0;
  private readonly rotateMs: number;
  private readonly now: () => number;

  constructor(opts: TicketKeyRingOptions = {}) {
    this.rotateMs = opts.rotateMs ?? TICKET_KEY_ROTATION_MS;
    this.now = opts.now ?? Date.now;
    this.cur = this.fresh();
  }

  private fresh(): TicketKey {
    const keys = randomBytes(48);
    return { keys, name: keys.subarray(0, 16), created: this.now(), serial: ++this.serial };
  }

  /** The key new tickets are issued with (rotating first when it is due). */
  current(): TicketKey {
    if (this.now() - this.cur.created >= this.rotateMs) this.rotate();
    return this.cur;
  }

  previous(): TicketKey | undefined {
    this.current();
    return this.prev;
  }

  rotate(): void {
    this.prev = this.cur;
    this.cur = this.fresh();
  }

  /** The key that can decrypt a ticket with this key name: current, or previous (overlap). */
  forName(name: Buffer | undefined): TicketKey {
    const cur = this.current();
    if (name && this.prev && name.equals(this.prev.name)) return this.prev;
    return cur;
  }
}

/** $tls_in_resumption for a session, as exim4 (GnuTLS) sets it (oracle: 1, 11, 29, 31). */
export function resumptionBits(enabled: boolean, protocol: string, hello: ClientHello | undefined, resumed: boolean): number {
  let bits: number = RESUME.SUPPORTED;
  if (!enabled || !hello) return bits;
  if (protocol === 'TLS1.3') {
    if (hello.pskModes) bits |= RESUME.CLIENT_REQUESTED | RESUME.SERVER_ISSUED;
    if (hello.pskIdentities.length > 0) bits |= RESUME.CLIENT_OFFERED;
  } else if (hello.sessionTicket) {
    bits |= hello.sessionTicket.length === 0 ? RESUME.CLIENT_REQUESTED : RESUME.CLIENT_OFFERED;
    bits |= RESUME.SERVER_ISSUED;
  }
  if (resumed) bits |= RESUME.RESUMED;
  return bits;
}

/** X= value with the +tls_resumption mark: "*" after the cipher when the session was resumed. */
export function cipherWithResumptionMark(cipher: string, resumption: number, selectorOn: boolean): string {
  return selectorOn && resumption & RESUME.RESUMED ? `${cipher}*` : cipher;
}
