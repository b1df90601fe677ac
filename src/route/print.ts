/**
 * How -bt/-bv show the hosts of a routed address, as exim4 lays them out (checked against
 * exim4 for dnslookup, manualroute and ipliteral; test/route/remote-bt.test.ts): one
 * `  host <name> [<address>]` line each, names padded to the longest name and bracketed
 * addresses to the longest address (a host without an address counts as 7 wide, the width of
 * "unknown"), then ` MX=<preference>`, ` port=<port>` and ` ** unusable **` when they apply.
 * A host not looked up (a local transport's host list) shows blanks where the address goes.
 */
import type { AddressItem, HostItem } from './types.js';

const UNKNOWN = 'unknown';

function addressWidth(h: HostItem): number {
  return h.address !== undefined ? h.address.length : UNKNOWN.length;
}

function formatHost(h: HostItem, nameWidth: number, addressWidth: number): string {
  let line = `  host ${h.name.padEnd(nameWidth)} `;
  const shown = h.address ?? (h.status === 'unusable' ? UNKNOWN : undefined);
  line += shown === undefined ? ' '.repeat(addressWidth + 2) : `[${shown}]`.padEnd(addressWidth + 2);
  if (h.mx >= 0) line += ` MX=${h.mx}`;
  if (h.port !== undefined) line += ` port=${h.port}`;
  if (h.status === 'unusable') line += ' ** unusable **';
  return `${line}\n`;
}

export function formatHostLine(h: HostItem): string {
  return formatHost(h, h.name.length, addressWidth(h));
}

export function formatHostLines(addr: AddressItem): string {
  const hosts = addr.hosts;
  const nameWidth = Math.max(0, ...hosts.map((h) => h.name.length));
  const addrWidth = Math.max(0, ...hosts.map(addressWidth));
  return hosts.map((h) => formatHost(h, nameWidth, addrWidth)).join('');
}
