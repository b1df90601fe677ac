/**
 * How exim4 names the client in log lines. `fullHost` is $sender_fullhost: the verified name,
 * the HELO name in parentheses unless it adds nothing (equal to the name, or to the address
 * literal when a name is known), then `[address]` and `:port` with +incoming_port.
 * `hostInfo` is the ` H=... I=... U=...` group that several lines share.
 */
import type { LogSelectors } from '../types.js';

export interface LogHost {
  /** Client IP address; undefined for local (non-TCP) input. */
  readonly address?: string;
  readonly port?: number;
  /** Verified host name (or -oMs). */
  readonly name?: string;
  readonly helo?: string;
  /** RFC 1413 identity (U=). */
  readonly ident?: string;
  /** Local interface the connection arrived on (I= with +incoming_interface). */
  readonly interfaceAddress?: string;
  readonly interfacePort?: number;
  /** Host name lookups were DNSSEC-secured (DS with +dnssec). */
  readonly dnssec?: boolean;
}

function addressPart(h: LogHost, sel: LogSelectors): string {
  const withPort = sel.has('incoming_port') && h.port !== undefined && h.port > 0;
  return `[${h.address}]${withPort ? `:${h.port}` : ''}`;
}

function heloAddsNothing(h: LogHost): boolean {
  if (h.helo === undefined || h.name === undefined) return false;
  return h.helo.toLowerCase() === h.name.toLowerCase() || h.helo === `[${h.address}]`;
}

/** $sender_fullhost; undefined without a client address. */
export function fullHost(h: LogHost, sel: LogSelectors): string | undefined {
  if (h.address === undefined) return undefined;
  const parts: string[] = [];
  if (h.name !== undefined) parts.push(h.name);
  if (h.helo !== undefined && !heloAddsNothing(h)) parts.push(`(${h.helo})`);
  parts.push(addressPart(h, sel));
  return parts.join(' ');
}

/** ` I=[address]:port` with +incoming_interface, else empty. */
export function interfaceField(h: LogHost, sel: LogSelectors): string {
  if (!sel.has('incoming_interface') || h.interfaceAddress === undefined) return '';
  return ` I=[${h.interfaceAddress}]:${h.interfacePort ?? 0}`;
}

/** ` [DS] H=fullhost[ I=...][ U=ident]` (leading space; empty for local input without ident). */
export function hostInfo(h: LogHost, sel: LogSelectors): string {
  let s = '';
  const full = fullHost(h, sel);
  if (full !== undefined) {
    if (sel.has('dnssec') && h.dnssec) s += ' DS';
    s += ` H=${full}${interfaceField(h, sel)}`;
  }
  if (h.ident !== undefined && h.ident !== '') s += ` U=${h.ident}`;
  return s;
}

/**
 * `fullhost[ I=...]`, the client as named in "SMTP connection from ..." style lines; for local
 * input (-bs) the calling user (the ident), e.g. `SMTP connection from root`.
 */
export function connectionHost(h: LogHost, sel: LogSelectors): string {
  const full = fullHost(h, sel);
  if (full === undefined) return h.ident ?? '';
  return `${full}${interfaceField(h, sel)}`;
}
