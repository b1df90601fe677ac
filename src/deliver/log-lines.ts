/**
 * Main-log lines of deliveries, in Exim 4.96's layout (checked against exim4 runs):
 *   => carol <carol@mw.example> R=local T=local_file
 *   => |/bin/cat <list@mw.example> R=alias T=p
 *   ** zed@mw.example: Unrouteable address
 *   == x@remote.example R=deferer T=remote_smtp defer (111): Connection refused
 * and the per-message log (msglog) lines that go with them.
 */
import type { LogSelectors } from '../log/types.js';
import { strerrorNumber } from '../util/strerror.js';
import { srsLogField } from '../srs/log.js';
import { quotedDn, quotedField } from '../log/lines/printing.js';
import type { AddressItem, HostItem } from '../route/types.js';
import type { DeliveryResult } from '../transports/types.js';

export interface DeliveryLogOptions {
  readonly selectors: LogSelectors;
  /** Router option log_as_local of the router that accepted the address. */
  readonly logAsLocal?: boolean;
  readonly sender: string;
  /** Size of the message as delivered (S= with +delivery_size). */
  readonly size?: number;
}

/** How an address is shown: a pipe/file as written, local part only when log_as_local. */
export function loggedAddress(addr: AddressItem, logAsLocal = false): string {
  if (addr.special) return addr.address;
  return logAsLocal ? `${addr.prefix}${addr.localPart}${addr.suffix}` : addr.address;
}

/** ` <top>` (or every ancestor with +all_parents) when the logged text differs from the original. */
export function parentsField(addr: AddressItem, shown: string, sel: LogSelectors): string {
  if (!addr.parent) return shown === addr.address ? '' : ` <${addr.address}>`;
  if (sel.has('all_parents')) {
    const chain: string[] = [];
    for (let p: AddressItem | undefined = addr.parent; p; p = p.parent) chain.push(p.address);
    return ` <${chain.join(' <')}${'>'.repeat(chain.length - 1)}>`;
  }
  return ` <${addr.top.address}>`;
}

export function hostField(host: HostItem | undefined, sel: LogSelectors, port?: number): string {
  if (!host) return '';
  const ip = host.address ? ` [${host.address}]` : '';
  const p = sel.has('outgoing_port') && port !== undefined ? `:${port}` : '';
  return ` H=${host.name}${ip}${p}`;
}

function tlsFields(r: DeliveryResult, sel: LogSelectors): string {
  if (!r.tls) return '';
  let s = '';
  if (sel.has('tls_cipher')) s += ` X=${r.tls.cipher}`;
  if (sel.has('tls_certificate_verified')) s += ` CV=${r.tls.dane ? 'dane' : r.tls.certificateVerified ? 'yes' : 'no'}`;
  if (sel.has('tls_peerdn') && r.tls.peerDn) s += ` DN=${quotedDn(r.tls.peerDn)}`;
  if (sel.has('tls_sni') && r.tls.sni) s += ` SNI=${r.tls.sni}`;
  return s;
}

/** `=>` (first address of a delivery) or `->` (further addresses of the same delivery). */
export function deliveredLine(addr: AddressItem, r: DeliveryResult, opts: DeliveryLogOptions, continuation = false): string {
  const sel = opts.selectors;
  const shown = loggedAddress(addr, opts.logAsLocal);
  let s = `${continuation ? '->' : '=>'} ${shown}${parentsField(addr, shown, sel)}`;
  if (sel.has('sender_on_delivery')) s += ` F=<${opts.sender}>`;
  s += srsLogField(addr);
  if (sel.has('return_path_on_delivery')) s += ` P=<${opts.sender}>`;
  s += routerTransport(addr);
  if (sel.has('delivery_size') && opts.size !== undefined) s += ` S=${opts.size}`;
  s += hostField(r.host, sel);
  s += tlsFields(r, sel);
  if (r.chunking) s += ' K';
  if (r.auth) s += ` A=${r.auth}`;
  if (r.pipeConnect) s += ' L';
  if (sel.has('smtp_confirmation') && r.confirmation !== undefined) s += ` C=${quotedField(r.confirmation)}`;
  return s;
}

function routerTransport(addr: AddressItem): string {
  return `${addr.router ? ` R=${addr.router}` : ''}${addr.transport ? ` T=${addr.transport}` : ''}`;
}

/** `**` line of a permanent failure (routing or delivery). */
export function failedLine(addr: AddressItem, message: string, sel: LogSelectors, host?: HostItem, withTransport = true): string {
  const shown = addr.address;
  const rt = withTransport ? routerTransport(addr) : addr.router ? ` R=${addr.router}` : '';
  return `** ${shown}${parentsField(addr, shown, sel)}${rt}${hostField(host, sel)}: ${message}`;
}

/**
 * `==` line of a deferral: `defer (errno)`, then the host and the message. With a system errno
 * and a host, exim4 puts the errno's text first: `defer (110): Connection timed out H=x [ip]: ...`.
 */
export function deferredLine(addr: AddressItem, message: string, errno: number, sel: LogSelectors, host?: HostItem, withTransport = true): string {
  const shown = addr.address;
  const rt = withTransport ? routerTransport(addr) : addr.router ? ` R=${addr.router}` : '';
  const errText = errno > 0 && host ? strerrorNumber(errno) : undefined;
  const lead = errText !== undefined ? `: ${errText}` : '';
  return `== ${shown}${parentsField(addr, shown, sel)}${rt} defer (${errno})${lead}${hostField(host, sel)}: ${message}`;
}

/** The msglog counterpart of a successful local delivery. */
export function msglogDelivered(addr: AddressItem): string {
  return `${addr.address}${addr.parent ? ` <${addr.top.address}>` : ''}: ${addr.transport ?? ''} transport succeeded`;
}
