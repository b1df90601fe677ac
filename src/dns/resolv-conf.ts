/**
 * Reading /etc/resolv.conf as the C stub resolver does: up to three `nameserver` lines,
 * `domain` / `search` (the last one wins), and `options` (timeout, attempts, ndots, edns0,
 * trust-ad, use-vc, rotate); LOCALDOMAIN and RES_OPTIONS in the environment override the file.
 *
 * Extension: a name server may carry a port as `nameserver 127.0.0.1#5353` or
 * `nameserver [::1]:5353` (the C resolver has no syntax for it; tests need it). The file read
 * can be changed with MAILWRIGHT_RESOLV_CONF.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import type { ServerAddress } from './transport.js';

export interface ResolvConf {
  readonly servers: readonly ServerAddress[];
  /** Search list; its first entry is the default domain used to qualify single-label names. */
  readonly search: readonly string[];
  readonly timeoutSec: number;
  readonly attempts: number;
  readonly ndots: number;
  readonly edns0: boolean;
  readonly trustAd: boolean;
  readonly useTcp: boolean;
  readonly rotate: boolean;
}

const MAX_SERVERS = 3;
const MAX_SEARCH = 6;

interface Mutable {
  servers: ServerAddress[];
  search: string[] | undefined;
  timeoutSec: number;
  attempts: number;
  ndots: number;
  edns0: boolean;
  trustAd: boolean;
  useTcp: boolean;
  rotate: boolean;
}

/** Parse one `nameserver` argument, with Mailwright's optional port. */
export function parseServer(text: string): ServerAddress | undefined {
  let host = text;
  let port = 53;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const hash = /^([^#]+)#(\d+)$/.exec(text);
  if (bracket) {
    host = bracket[1]!;
    if (bracket[2]) port = Number(bracket[2]);
  } else if (hash) {
    host = hash[1]!;
    port = Number(hash[2]);
  }
  host = host.replace(/%.*$/, ''); // scope ids are not usable by the socket API here
  if (isIP(host) === 0 || port < 1 || port > 65535) return undefined;
  return { host, port };
}

function applyOptions(words: readonly string[], conf: Mutable): void {
  for (const w of words) {
    const [name, value] = w.split(':', 2) as [string, string | undefined];
    const n = value === undefined ? NaN : Number.parseInt(value, 10);
    if (name === 'timeout' && n >= 0) conf.timeoutSec = Math.min(n, 30);
    else if (name === 'attempts' && n >= 0) conf.attempts = Math.min(n, 5);
    else if (name === 'ndots' && n >= 0) conf.ndots = Math.min(n, 15);
    else if (name === 'edns0') conf.edns0 = true;
    else if (name === 'trust-ad') conf.trustAd = true;
    else if (name === 'use-vc') conf.useTcp = true;
    else if (name === 'rotate') conf.rotate = true;
  }
}

export function parseResolvConf(text: string, env: NodeJS.ProcessEnv = {}, host = ''): ResolvConf {
  const conf: Mutable = { servers: [], search: undefined, timeoutSec: 5, attempts: 2, ndots: 1, edns0: false, trustAd: false, useTcp: false, rotate: false };
  for (const line of text.split('\n')) {
    // As in the C resolver, only a line starting with `;` or `#` is a comment.
    if (line.startsWith(';') || line.startsWith('#')) continue;
    const words = line.trim().split(/[ \t]+/);
    const [key, ...args] = words;
    if (key === 'nameserver' && args[0] !== undefined && conf.servers.length < MAX_SERVERS) {
      const server = parseServer(args[0]);
      if (server) conf.servers.push(server);
    } else if (key === 'domain' && args[0] !== undefined) {
      conf.search = [args[0]];
    } else if (key === 'search' && args.length > 0) {
      conf.search = args.slice(0, MAX_SEARCH);
    } else if (key === 'options') {
      applyOptions(args, conf);
    }
  }
  if (env['LOCALDOMAIN']) conf.search = env['LOCALDOMAIN'].trim().split(/[ \t]+/).slice(0, MAX_SEARCH);
  if (env['RES_OPTIONS']) applyOptions(env['RES_OPTIONS'].trim().split(/[ \t]+/), conf);
  if (conf.servers.length === 0) conf.servers.push({ host: '127.0.0.1', port: 53 });
  if (conf.search === undefined) {
    // No domain or search line: the default domain is the host name after its first dot.
    const dot = host.indexOf('.');
    conf.search = dot >= 0 && dot < host.length - 1 ? [host.slice(dot + 1)] : [];
  }
  return { ...conf, search: conf.search.map((d) => d.replace(/\.$/, '')) };
}

let cached: { path: string; conf: ResolvConf } | undefined;

/** The system configuration (read once per process per path). */
export function systemResolvConf(): ResolvConf {
  const path = process.env['MAILWRIGHT_RESOLV_CONF'] || '/etc/resolv.conf';
  if (cached?.path === path) return cached.conf;
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    // A missing file means the defaults: a server on the local host.
  }
  const conf = parseResolvConf(text, process.env, hostname());
  cached = { path, conf };
  return conf;
}
