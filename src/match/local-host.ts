/** Facts about the local host used by `@` and `@[]` items. */
import { hostname, networkInterfaces } from 'node:os';
import type { ExpandContext } from '../expand/types.js';
import { listItems } from '../util/exim-list.js';
import { parseHostAddress, type IpAddress } from './ip.js';

export function primaryHostname(ctx: ExpandContext): string {
  const v = ctx.config.mainOption('primary_hostname');
  return typeof v === 'string' && v !== '' ? v : hostname();
}

const WILDCARDS = new Set(['0.0.0.0', '::0', '::', '0000:0000:0000:0000:0000:0000:0000:0000']);

/**
 * Addresses treated as local for `@[]`: local_interfaces plus extra_local_interfaces; a
 * wildcard (the default "0.0.0.0 : ::0") stands for every interface of the machine.
 */
export function localInterfaceAddresses(ctx: ExpandContext): IpAddress[] {
  const texts: string[] = [];
  for (const option of ['local_interfaces', 'extra_local_interfaces']) {
    const v = ctx.config.mainOption(option);
    const list = typeof v === 'string' ? v : option === 'local_interfaces' ? '<; 0.0.0.0 ; ::0' : '';
    for (const item of listItems(list)) {
      const addr = stripPort(item);
      if (WILDCARDS.has(addr)) texts.push(...machineAddresses());
      else texts.push(addr);
    }
  }
  return texts.map(parseHostAddress).filter((a): a is IpAddress => a !== null);
}

/** Interface items may carry a port: `[addr]:port`, or `a.b.c.d.port` / `v6addr.port`. */
function stripPort(item: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(item);
  if (bracketed) return bracketed[1]!;
  if (/^(\d+\.){4}\d+$/.test(item)) return item.replace(/\.\d+$/, '');
  if (item.includes(':') && /\.\d+$/.test(item) && !/\d+\.\d+\.\d+\.\d+$/.test(item)) return item.replace(/\.\d+$/, '');
  return item;
}

function machineAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined)
    .map((i) => i.address.replace(/%.*$/, ''));
}

export function sameAddress(a: IpAddress, b: IpAddress): boolean {
  return a.bytes.length === b.bytes.length && a.bytes.every((x, i) => x === b.bytes[i]);
}
