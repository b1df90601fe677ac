/**
 * One run of the smtp transport for a batch of addresses that share their hosts: the hosts in
 * order (skipping those hostUsable refuses, hosts_max_try / hosts_max_try_hardlimit), a
 * session per host (or a cached one), message copies of at most max_rcpt recipients, and the
 * host-level logging and retry items of Exim's smtp transport.
 */
import type { AddressItem, HostItem, RetryItem } from '../../route/types.js';
import type { DeliveryResult, TransportContext, TransportRun } from '../types.js';
import { writeMessage } from '../write-message.js';
import { sendBatch, xtext, type PreparedMessage } from './batch.js';
import { OptionExpander, OptionExpansionError } from './expand.js';
import { chooseHosts, fallbackHosts, portNumber, resolveHost } from './hosts.js';
import { errnoText, openSession, type HostFailure, type OpenSession } from './open.js';
import { EXIM_ERRNO, hostLogLine, hostRetry, hostRetryKey } from './outcome.js';
import type { SmtpOptions } from './options.js';
import type { SessionCache } from './cache.js';
import { reset } from '../../smtp/client/session.js';
import { srsReturnPath } from '../../srs/log.js';

interface RunState {
  readonly results: Map<AddressItem, DeliveryResult>;
  readonly retries: RetryItem[];
  readonly hostLog: string[];
  /** Host log lines to write only if another host is tried (RCPT 4xx). */
  readonly onNextHost: string[];
  copies: number;
}

export interface RunOptions {
  /** Keep the connection open in the cache after the run (queue runner delivering more messages). */
  readonly keepOpen?: boolean;
}

function defaultPort(opts: SmtpOptions, exp: OptionExpander): Promise<number | undefined> {
  return exp.string('port', opts.port).then((p) => (p === undefined ? portNumber(opts.protocol) : portNumber(p)));
}

async function prepareMessage(addresses: readonly AddressItem[], ctx: TransportContext, opts: SmtpOptions, exp: OptionExpander): Promise<PreparedMessage> {
  const spool = ctx.message.spool;
  const first = addresses[0]!;
  // errors_to, else an SRS-rewritten sender, else the message's (the batch shares one; see makeBatches).
  const sender = (await exp.string('return_path', opts.returnPath, false)) ?? srsReturnPath(first, spool.sender);
  const prepend: string[] = [];
  if (opts.returnPathAdd) prepend.push(`Return-path: <${sender}>`);
  if (opts.envelopeToAdd) prepend.push(`Envelope-to: ${addresses.map((a) => a.address).join(',\n\t')}`);
  const added = await exp.string('headers_add', opts.headersAdd);
  const removed = await exp.string('headers_remove', opts.headersRemove);
  const wm = {
    prependHeaders: prepend,
    addHeaders: [...first.prop.extraHeaders, ...(added ? [added] : [])],
    removeHeaders: [...first.prop.removeHeaders, ...(removed ? removed.split(':').map((s) => s.trim()).filter(Boolean) : [])],
    crlf: true,
  };
  const body = await ctx.message.readBody();
  const headerText = spool.headers.filter((h) => h.type !== '*');
  const headerBytes = headerText.reduce((n, h) => n + Buffer.byteLength(h.text), 0);
  const lines = headerText.reduce((n, h) => n + (h.text.match(/\n/g)?.length ?? 0), 0) + (body.toString('latin1').match(/\n/g)?.length ?? 0);
  const authOpt = opts.authenticatedSender;
  const authSenderText = authOpt === undefined ? undefined : await exp.string('authenticated_sender', authOpt);
  const spoolAuth = spool.options.get('auth_sender');
  return {
    sender,
    dotted: writeMessage(spool.headers, body, { ...wm, dotStuff: true }),
    raw: writeMessage(spool.headers, body, wm),
    size: headerBytes + 1 + body.length + lines,
    smtpUtf8: spool.options.has('smtputf8'),
    dsnRet: typeof spool.options.get('dsn_ret') === 'string' ? String(spool.options.get('dsn_ret')) : undefined,
    dsnEnvid: typeof spool.options.get('dsn_envid') === 'string' ? String(spool.options.get('dsn_envid')) : undefined,
    messageId: ctx.message.id,
    authSender: (authenticated) => {
      if (authSenderText !== undefined && (authenticated || opts.authenticatedSenderForce)) return xtext(authSenderText);
      if (!authenticated) return undefined;
      return typeof spoolAuth === 'string' && spoolAuth !== '' ? xtext(spoolAuth) : '<>';
    },
  };
}

function deferAll(addresses: readonly AddressItem[], st: RunState, r: DeliveryResult): void {
  for (const a of addresses) if (!st.results.has(a) || st.results.get(a)!.status === 'defer') st.results.set(a, r);
}

/** Records a host-level failure: the log line, the host retry item, the addresses' results. */
function recordHostFailure(f: HostFailure, host: HostItem, port: number, pending: readonly AddressItem[], st: RunState, opts: SmtpOptions, messageId?: string): void {
  const errText = errnoText(f.errno);
  if (f.hostLevel) {
    if (!f.noLogLine) st.hostLog.push(hostLogLine(host, f.message, errText));
    const retryText = f.message !== undefined ? `H=${host.name} [${host.address}]: ${f.message}` : (errText ?? '');
    st.retries.push(hostRetry(host, hostRetryKey(host, port, opts.retryIncludeIpAddress !== 'false', messageId), f.retryError, f.errno > 0 ? (errText ?? retryText) : retryText));
  }
  const result: DeliveryResult = {
    status: f.permanent ? 'fail' : 'defer',
    // Connect failures have no message of their own; Exim's line shows only the strerror text.
    message: f.message ?? errText,
    host: f.message !== undefined ? host : undefined,
    errno: f.errno,
    error: f.retryError,
  };
  for (const a of pending) st.results.set(a, result);
}

export async function runSmtp(addresses: readonly AddressItem[], ctx: TransportContext, opts: SmtpOptions, cache: SessionCache, run: RunOptions = {}): Promise<TransportRun> {
  const st: RunState = { results: new Map(), retries: [], hostLog: [], onNextHost: [], copies: 0 };
  const exp = new OptionExpander(ctx, addresses[0]!);
  const done = (): TransportRun => {
    for (const a of addresses) {
      const r = st.results.get(a);
      if (r?.status === 'defer' && a.fallbackHosts.length === 0) a.fallbackHosts = fallbackHosts(opts);
    }
    // Message-specific host records (T:...:<id>) are dropped once nothing of the message waits.
    const waiting = addresses.some((a) => st.results.get(a)?.status === 'defer');
    const retries = waiting ? st.retries : st.retries.filter((r) => !r.key.endsWith(`:${ctx.message.id}`));
    return { results: st.results, retries, hostLog: st.hostLog };
  };
  try {
    const chosen = await chooseHosts(addresses[0]!, opts, exp);
    if (!chosen.ok) {
      deferAll(addresses, st, { status: 'defer', message: chosen.message });
      return done();
    }
    const port0 = await defaultPort(opts, exp);
    if (port0 === undefined) {
      deferAll(addresses, st, { status: 'defer', message: `${opts.name} transport: failed to find port for "${opts.port}"` });
      return done();
    }
    // Built when connected to a host: headers_add and friends may use $host and $host_address.
    const msg = () => prepareMessage(addresses, ctx, opts, exp);
    await deliverToHosts(addresses, chosen.hosts, port0, ctx, opts, exp, msg, cache, st, run);
  } catch (e) {
    if (!(e instanceof OptionExpansionError)) throw e;
    deferAll(addresses, st, { status: 'defer', message: e.message });
  }
  return done();
}

async function deliverToHosts(
  addresses: readonly AddressItem[],
  hosts: readonly HostItem[],
  port0: number,
  ctx: TransportContext,
  opts: SmtpOptions,
  exp: OptionExpander,
  msg: () => Promise<PreparedMessage>,
  cache: SessionCache,
  st: RunState,
  run: RunOptions,
): Promise<void> {
  let pending = [...addresses];
  let tried = 0;
  let skipped = 0;
  let lastMx = -2;
  for (const listed of hosts) {
    if (pending.length === 0) break;
    const resolved = await resolveHost(listed, opts, ctx);
    if (resolved.kind !== 'ok') {
      deferAll(pending, st, { status: 'defer', message: resolved.message });
      continue;
    }
    for (const host of resolved.hosts) {
      if (pending.length === 0) break;
      const port = host.port ?? port0;
      if (!(await ctx.hostUsable(host, port))) {
        host.status = 'unusable';
        host.why ??= 'retry';
        skipped++;
        continue;
      }
      if (tried >= opts.hostsMaxTryHardlimit) return finishUntried(pending, st, tried, skipped);
      // Past hosts_max_try only a host with a higher MX than the last one tried is considered.
      if (tried >= opts.hostsMaxTry && !(host.mx > lastMx && lastMx >= -1)) continue;
      tried++;
      lastMx = host.mx;
      st.hostLog.push(...st.onNextHost.splice(0));
      pending = await deliverToHost(pending, host, port, ctx, opts, exp, msg, cache, st, run);
    }
  }
  finishUntried(pending, st, tried, skipped);
}

function finishUntried(pending: readonly AddressItem[], st: RunState, tried: number, skipped: number): void {
  if (tried > 0 || skipped === 0) return;
  for (const a of pending) if (!st.results.has(a)) st.results.set(a, { status: 'defer', message: 'retry time not reached for any host' });
}

/** A kept connection to the host that still answers (RSET), or undefined. */
async function liveCached(cache: SessionCache, host: HostItem, port: number, opts: SmtpOptions): Promise<OpenSession | undefined> {
  const cached = cache.take(host, port);
  if (!cached) return undefined;
  const r = await reset(cached.conn, opts.commandTimeout * 1000).catch(() => undefined);
  if (r?.ok) {
    cached.needsReset = false;
    return cached;
  }
  cached.conn.close();
  return undefined;
}

/** Delivers what it can to one host; returns the addresses that may be tried at the next host. */
async function deliverToHost(
  pending: readonly AddressItem[],
  host: HostItem,
  port: number,
  ctx: TransportContext,
  opts: SmtpOptions,
  exp: OptionExpander,
  prepare: () => Promise<PreparedMessage>,
  cache: SessionCache,
  st: RunState,
  run: RunOptions,
): Promise<AddressItem[]> {
  let session: OpenSession | HostFailure | undefined = await liveCached(cache, host, port, opts);
  if (!session) {
    const notes: string[] = [];
    session = await openSession({ host, port, opts, exp, primaryHostname: String(ctx.config.mainOption('primary_hostname') ?? ''), authenticators: ctx.config.authenticators, notes });
    st.hostLog.push(...notes);
  }
  if ('failure' in session) {
    recordHostFailure(session, host, port, pending, st, opts);
    // Even a 5xx greeting only fails the addresses when no other host takes them (oracle).
    return [...pending];
  }
  host.status = 'usable';
  st.retries.push({ key: hostRetryKey(host, port, opts.retryIncludeIpAddress !== 'false'), action: 'delete', hostName: host.name });
  let msg: PreparedMessage;
  try {
    msg = await prepare();
  } catch (e) {
    session.conn.close();
    throw e;
  }
  const chunkingAllowed = await exp.hostIn('hosts_try_chunking', opts.hostsTryChunking, host);
  const pipelining = !(await exp.hostIn('hosts_avoid_pipelining', opts.hostsAvoidPipelining, host));
  const size = opts.maxRcpt > 0 ? opts.maxRcpt : pending.length;
  const next: AddressItem[] = [];
  let usable = true;
  for (let i = 0; i < pending.length; i += size) {
    const batch = pending.slice(i, i + size);
    if (!usable || (opts.connectionMaxMessages > 0 && session.messages >= opts.connectionMaxMessages)) {
      next.push(...batch);
      continue;
    }
    const r = await sendBatch(session, batch, msg, opts, ++st.copies, chunkingAllowed, pipelining);
    for (const [a, res] of r.results) st.results.set(a, res);
    if (r.hostFailure) recordHostFailure(r.hostFailure, host, port, [], st, opts, r.hostFailure.messageSpecific ? msg.messageId : undefined);
    for (const a of batch) {
      const res = st.results.get(a);
      if (res?.status !== 'defer') continue;
      next.push(a);
      // A RCPT 4xx is logged as a host line only if another host is tried for the address.
      if (res.errno === EXIM_ERRNO.RCPT4XX && res.message) st.onNextHost.push(hostLogLine(host, res.message, undefined));
    }
    usable = r.usable;
  }
  if (usable && run.keepOpen) cache.put(session);
  else if (usable) await session.conn.quit();
  else session.conn.close();
  return next;
}
