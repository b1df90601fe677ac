/**
 * Where the daemon listens: local_interfaces (default every IPv6 and IPv4 address) crossed with
 * daemon_smtp_ports (default "smtp"), an interface's own `.port` suffix taking precedence; -oX
 * replaces the ports when it is a list of ports, else the interfaces.
 */
import { isIP } from 'node:net';
import { listItems } from '../../util/exim-list.js';
import type { ServerOptions } from './options.js';

export interface ListenSpec {
  readonly address: string;
  readonly port: number;
}

const SERVICES: Record<string, number> = { smtp: 25, submission: 587, smtps: 465, ssmtp: 465, urd: 465 };

export function portNumber(text: string): number {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const p = SERVICES[t.toLowerCase()];
  if (p === undefined) throw new Error(`TCP port "${t}" is not numeric and not a known service name`);
  return p;
}

/** "1.2.3.4.25", "::1.25" or "[::1]:25" → address and optional port. */
export function splitInterface(item: string): { address: string; port?: number } {
  const bracket = /^\[([^\]]+)\]:(\d+)$/.exec(item);
  if (bracket) return { address: bracket[1]!, port: Number(bracket[2]) };
  if (isIP(item)) return { address: item };
  const m = /^(.*)\.(\d+)$/.exec(item);
  if (m && isIP(m[1]!)) return { address: m[1]!, port: Number(m[2]) };
  return { address: item };
}

export function listenSpecs(opts: ServerOptions, override?: string): ListenSpec[] {
  let interfaces = opts.str('local_interfaces') ?? '<; ::0 ; 0.0.0.0';
  let ports = opts.str('daemon_smtp_ports') ?? 'smtp';
  if (override !== undefined) {
    if (/^[\d:,\s]+$/.test(override)) ports = override.replace(/,/g, ':');
    else interfaces = override;
  }
  const portList = listItems(ports).map(portNumber);
  const out: ListenSpec[] = [];
  for (const item of listItems(interfaces)) {
    const { address, port } = splitInterface(item.trim());
    const addr = address === '::0' ? '::' : address;
    for (const p of port !== undefined ? [port] : portList) {
      if (!out.some((o) => o.address === addr && o.port === p)) out.push({ address: addr, port: p });
    }
  }
  return out;
}
