/**
 * Host list items as routers write them (spec "Format of one host item" in the manualroute
 * chapter; fallback_hosts uses the same format): a name or IP address, optionally with a port
 * (`name:port` once the list separator is dealt with, or `[address]:port`), a name ending in
 * `/MX` standing for the hosts of its MX records, and a bare `+` separating groups that are
 * randomized separately.
 */
import { randomShuffle, type Shuffler } from '../dns/mx.js';
import { listItems } from '../util/exim-list.js';
import type { HostItem } from './types.js';

export interface HostListItem {
  /** Host name or IP address (brackets removed when a port followed them). */
  readonly name: string;
  readonly port?: number;
  /** `name/MX`: replace by the hosts of the name's MX records. */
  readonly viaMx: boolean;
}

/** `+` items: boundaries between groups for randomizing. */
export const GROUP_BOUNDARY = '+';

/** Split `item` into host and port: `[addr]:port`, or `host:port` when that is the only colon. */
export function splitHostPort(item: string): { host: string; port?: number } {
  if (item.startsWith('[')) {
    const m = /^\[([^\]]*)\]:(\d+)$/.exec(item);
    if (m) return { host: m[1]!, port: Number(m[2]) };
    return { host: item };
  }
  const colon = item.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(item.slice(colon + 1)) && !item.slice(0, colon).includes(':')) {
    return { host: item.slice(0, colon), port: Number(item.slice(colon + 1)) };
  }
  return { host: item };
}

export function parseHostListItem(item: string): HostListItem {
  const { host, port } = splitHostPort(item);
  const viaMx = /\/mx$/i.test(host);
  return { name: viaMx ? host.slice(0, -3) : host, port, viaMx };
}

/**
 * The items of an (expanded) host list, in order, with `+` group boundaries resolved: each
 * group shuffled when `randomize`, boundaries dropped otherwise.
 */
export function hostListItems(list: string, randomize: boolean, shuffle: Shuffler = randomShuffle): HostListItem[] {
  const groups: string[][] = [[]];
  for (const item of listItems(list)) {
    if (item === GROUP_BOUNDARY) groups.push([]);
    else if (item !== '') groups[groups.length - 1]!.push(item);
  }
  const ordered = groups.flatMap((g) => (randomize ? shuffle([...g]) : g));
  return ordered.map(parseHostListItem);
}

/** A host not yet looked up. */
export function unresolvedHost(name: string, port?: number, mx = -1): HostItem {
  return { name, port, mx, dnssec: 'unknown', status: 'unknown' };
}

/**
 * The generic fallback_hosts option: not expanded; names (or addresses) with optional ports,
 * whose addresses the transport finds when it needs them.
 */
export function parseFallbackHosts(text: string | undefined): HostItem[] {
  if (text === undefined || text === '') return [];
  return hostListItems(text, false).map((h) => unresolvedHost(h.viaMx ? `${h.name}/MX` : h.name, h.port));
}
