/**
 * How -bt/-bv show the hosts of a routed address: one `  host name [address]` line each, with
 * the MX preference and port when known. (Checked against exim4 for single hosts without MX;
 * the remote routers' helper may refine multi-host layout.)
 */
import type { AddressItem, HostItem } from './types.js';

export function formatHostLine(h: HostItem): string {
  let line = `  host ${h.name} [${h.address ?? h.name}]`;
  if (h.port !== undefined) line += ` port=${h.port}`;
  if (h.mx >= 0) line += ` MX=${h.mx}`;
  if (h.dnssec === 'yes') line += ' AD';
  if (h.status === 'unusable') line += ' ** unusable **';
  return `${line}\n`;
}

export function formatHostLines(addr: AddressItem): string {
  return addr.hosts.map(formatHostLine).join('');
}
