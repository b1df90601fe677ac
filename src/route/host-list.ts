/**
 * Host lists as routers write them (fallback_hosts, and the format of a manualroute host list):
 * colon-separated names or IP addresses, each optionally with a port (`name::25` in a colon
 * list, i.e. `name:25` after list splitting, or `[ipv6]:25`). Names are not looked up here;
 * the remote routers resolve them (src/route/hosts*.ts).
 */
import { listItems } from '../util/exim-list.js';
import type { HostItem } from './types.js';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function isIpv6(text: string): boolean {
  return (text.match(/:/g)?.length ?? 0) >= 2 && /^[0-9a-fA-F:.]+$/.test(text);
}

/** One host list item as a HostItem (address set when the item is an IP address). */
export function parseHostItem(item: string): HostItem {
  let name = item.trim();
  let port: number | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(name);
  if (bracket) {
    name = bracket[1]!;
    if (bracket[2] !== undefined) port = Number(bracket[2]);
  } else if (!isIpv6(name)) {
    const m = /^(.*?):(\d+)$/.exec(name);
    if (m) {
      name = m[1]!;
      port = Number(m[2]);
    }
  }
  const host: HostItem = { name, mx: -1, dnssec: 'unknown', status: 'unknown' };
  if (IPV4.test(name) || isIpv6(name)) host.address = name;
  if (port !== undefined) host.port = port;
  return host;
}

/** A whole host list (the list separator may be changed with `<;` etc.). */
export function parseHostItems(list: string): HostItem[] {
  return listItems(list)
    .filter((item) => item !== '')
    .map(parseHostItem);
}
