/**
 * ${readsocket{unix-path | inet:host:port}{request}{options}{eol}{fail string}}. Options: a
 * leading timeout (e.g. 3s), then tmo=, shutdown=yes|no, tls=yes|no, eol=, cache=yes|no.
 */
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { ExpandError, untainted, type TStr } from '../types.js';
import { bytesToString, stringToBytes } from '../operators/bytes.js';
import { listItems } from '../../util/exim-list.js';
import { strerror, walkItem, type ItemHandler } from './util.js';

interface SocketOptions {
  timeoutMs: number;
  shutdown: boolean;
  tls: boolean;
  eol?: string;
  cache: boolean;
}

const cache = new Map<string, string>();

/** Exim time interval (e.g. 5s, 1m30s, bare seconds) in milliseconds; undefined when malformed. */
export function parseInterval(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  let total = 0;
  const re = /(\d+)([smhdw])/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return undefined;
    total += Number(m[1]) * units[m[2]!]!;
    pos = re.lastIndex;
  }
  return text ? total * 1000 : undefined;
}

function parseOptions(text: string | undefined): SocketOptions {
  const o: SocketOptions = { timeoutMs: 5000, shutdown: true, tls: false, cache: false };
  if (text === undefined) return o;
  listItems(text).forEach((item, i) => {
    const eq = item.indexOf('=');
    const [name, value] = eq < 0 ? [item, ''] : [item.slice(0, eq), item.slice(eq + 1)];
    if (i === 0 && eq < 0) {
      o.timeoutMs = parseInterval(item) ?? 5000;
      return;
    }
    if (name === 'tmo') o.timeoutMs = parseInterval(value) ?? 5000;
    else if (name === 'shutdown') o.shutdown = value !== 'no';
    else if (name === 'tls') o.tls = value === 'yes';
    else if (name === 'eol') o.eol = value;
    else if (name === 'cache') o.cache = value === 'yes';
  });
  return o;
}

function openSocket(spec: string, o: SocketOptions): Socket {
  const inet = /^inet:(?:\[([^\]]+)\]|(.*)):([^:]+)$/.exec(spec);
  if (!inet) return connect({ path: spec });
  const host = inet[1] ?? inet[2]!;
  const port = Number(inet[3]);
  if (o.tls) return tlsConnect({ host, port, rejectUnauthorized: false });
  return connect({ host, port });
}

function talk(spec: string, request: string, o: SocketOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const isUnix = !spec.startsWith('inet:');
    const sock = openSocket(spec, o);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new ExpandError('socket read timed out'));
    }, o.timeoutMs);
    sock.once(o.tls ? 'secureConnect' : 'connect', () => {
      if (request) sock.write(stringToBytes(request));
      if (o.shutdown && !o.tls) sock.end();
    });
    sock.on('data', (d: Buffer) => chunks.push(d));
    sock.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const where = isUnix ? `socket ${spec}` : spec;
      reject(new ExpandError(`failed to connect to ${where}: ${strerror(e.code)}`));
    });
    sock.on('end', () => {
      clearTimeout(timer);
      sock.destroy();
      resolve(bytesToString(Buffer.concat(chunks)));
    });
  });
}

export const readsocketItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  const args: TStr[] = [];
  for (const a of node.args.slice(0, 4)) args.push(await ev.seq(a));
  const [spec, request, optText, eolArg] = args;
  const o = parseOptions(optText?.s);
  const eol = eolArg?.s ?? o.eol;
  const key = `${spec!.s}\0${request!.s}`;
  let data: string;
  try {
    const hit = o.cache ? cache.get(key) : undefined;
    data = hit ?? (await talk(spec!.s, request!.s, o));
    if (o.cache) cache.set(key, data);
    else for (const k of cache.keys()) if (k.startsWith(`${spec!.s}\0`)) cache.delete(k);
  } catch (e) {
    if (e instanceof ExpandError && node.args[4]) return ev.seq(node.args[4]);
    throw e;
  }
  if (node.args[4]) await ev.seq(node.args[4], true);
  if (eol !== undefined) data = data.split('\n').join(eol);
  return untainted(data);
};
