/**
 * Opening a session with one host: connect (interface, connect_timeout), greeting, EHLO/LHLO
 * with HELO fall-back, STARTTLS (or TLS on connect for smtps) with Exim's policies
 * (hosts_require_tls, hosts_avoid_tls, tls_tempfail_tryclear, verification), then AUTH.
 * A failure comes back as a HostFailure saying how Exim reports and classifies it.
 */
import { isIP } from 'node:net';
import type { TlsFacts } from '../types.js';
import { listItems } from '../../util/exim-list.js';
import type { HostItem } from '../../route/types.js';
import { strerrorText } from '../../util/strerror.js';
import type { Capabilities } from '../../smtp/client/capabilities.js';
import { SmtpConnection } from '../../smtp/client/connection.js';
import { SmtpClientError, SmtpClosedError, SmtpConnectError, SmtpTimeoutError, SmtpTlsError } from '../../smtp/client/errors.js';
import type { SmtpReply } from '../../smtp/client/reply.js';
import { readGreeting, requestStartTls, sayHello } from '../../smtp/client/session.js';
import { startClientTls, type ClientTlsSettings } from '../../smtp/client/tls.js';
import { clientAuthenticate } from './auth.js';
import { hostVars, OptionExpansionError, type OptionExpander } from './expand.js';
import { EXIM_ERRNO, hostTag, smtpErrorText, withSource } from './outcome.js';
import type { SmtpOptions } from './options.js';

export interface OpenSession {
  readonly conn: SmtpConnection;
  readonly host: HostItem;
  readonly port: number;
  readonly greeting: SmtpReply;
  readonly helloReply: SmtpReply;
  readonly caps: Capabilities;
  readonly lmtp: boolean;
  readonly tls?: TlsFacts;
  /** A=name[:id] when the client authenticated. */
  readonly auth?: string;
  readonly authenticated: boolean;
  /** Messages (transactions) sent so far on the connection. */
  messages: number;
  /** The last transaction did not end cleanly: RSET before the next. */
  needsReset: boolean;
}

/** A host-level failure: how Exim words, logs and records it. */
export interface HostFailure {
  readonly failure: true;
  /** basic_errno (positive system errno or Exim's negative code). */
  readonly errno: number;
  /** The address message (after `H=...: `); undefined for connect errors (strerror only). */
  readonly message?: string;
  /** Retry-rule error name (refused_A, timeout_connect_MX, auth_failed, ...). */
  readonly retryError?: string;
  /** Permanent (5xx greeting/EHLO): the addresses fail instead of deferring. */
  readonly permanent: boolean;
  /** Write the `H=... ...` main-log line and a host retry item (false for expansion problems). */
  readonly hostLevel: boolean;
  /** A host retry item but no main-log line (TLS negotiation failures). */
  readonly noLogLine?: boolean;
}

export interface OpenParams {
  readonly host: HostItem;
  readonly port: number;
  readonly opts: SmtpOptions;
  readonly exp: OptionExpander;
  readonly primaryHostname: string;
  readonly authenticators: Parameters<typeof clientAuthenticate>[1];
  /** Set after a failed TLS negotiation with tls_tempfail_tryclear: retry in clear. */
  readonly noTls?: boolean;
  /** Main-log lines about the session that are not failures (TLS fallback to clear). */
  readonly notes: string[];
}

const secs = (n: number) => n * 1000;

function ioFailure(e: SmtpClientError, host: HostItem): HostFailure {
  if (e instanceof SmtpConnectError) {
    const timedOut = e.timedOut;
    return { failure: true, errno: e.errno, permanent: false, hostLevel: true, retryError: withSource(timedOut ? 'timeout_connect' : 'refused', host) };
  }
  if (e instanceof SmtpTimeoutError) return { failure: true, errno: 110, message: e.message, permanent: false, hostLevel: true, retryError: withSource('timeout', host) };
  if (e instanceof SmtpClosedError) return { failure: true, errno: EXIM_ERRNO.SMTPCLOSED, message: e.message, permanent: false, hostLevel: true, retryError: 'lost_connection' };
  if (e instanceof SmtpTlsError) return { failure: true, errno: EXIM_ERRNO.TLSFAILURE, message: `TLS session: ${e.message}`, permanent: false, hostLevel: true, noLogLine: true };
  return { failure: true, errno: 0, message: e.message, permanent: false, hostLevel: true };
}

function replyFailure(after: string, reply: SmtpReply): HostFailure {
  return { failure: true, errno: 0, message: smtpErrorText(after, reply), permanent: reply.code >= 500, hostLevel: true };
}

/** Text of a system errno for log lines (`Connection refused`). */
export function errnoText(errno: number): string | undefined {
  const byNumber: Record<number, string> = { 111: 'ECONNREFUSED', 110: 'ETIMEDOUT', 104: 'ECONNRESET', 101: 'ENETUNREACH', 113: 'EHOSTUNREACH', 32: 'EPIPE' };
  return errno > 0 ? (strerrorText(byNumber[errno]) ?? `errno ${errno}`) : undefined;
}

export async function openSession(p: OpenParams): Promise<OpenSession | HostFailure> {
  const { host, port, opts, exp } = p;
  exp.setVars(hostVars(host, port));
  let conn: SmtpConnection | undefined;
  try {
    const iface = await exp.string('interface', opts.interface);
    // The first interface address of the host's family; none of that family: the option is ignored.
    const family = isIP(host.address!);
    const localAddress = iface === undefined ? undefined : listItems(iface).find((a) => isIP(a) === family);
    conn = await SmtpConnection.connect({ host: host.address!, port, localAddress, timeoutMs: secs(opts.connectTimeout), keepalive: opts.keepalive });
    exp.setVars(hostVars(host, port, { address: conn.localAddress, port: conn.localPort }));
    const t = secs(opts.commandTimeout);
    let tls: TlsFacts | undefined;
    if (opts.protocol === 'smtps') tls = (await startTls(conn, p)).facts;
    const greeting = await readGreeting(conn, t);
    if (!greeting.ok) return fail(conn, replyFailure(greeting.command, greeting.reply));
    const heloName = (await exp.string('helo_data', opts.heloData)) ?? p.primaryHostname;
    const lmtp = opts.protocol === 'lmtp';
    const esmtp = !(await exp.hostIn('hosts_avoid_esmtp', opts.hostsAvoidEsmtp, host));
    let hello = await sayHello(conn, heloName, { lmtp, esmtp, timeoutMs: t });
    if (!hello.ok) return fail(conn, replyFailure(hello.command, hello.reply));
    const requireTls = await exp.hostIn('hosts_require_tls', opts.hostsRequireTls, host);
    if (!tls && !p.noTls && hello.capabilities.startTls && !(await exp.hostIn('hosts_avoid_tls', opts.hostsAvoidTls, host))) {
      const st = await requestStartTls(conn, t);
      if (!st.ok) {
        if (requireTls) return fail(conn, { failure: true, errno: EXIM_ERRNO.TLSREQUIRED, message: 'a TLS session is required, but an attempt to start TLS failed', permanent: false, hostLevel: true, retryError: 'tls_required' });
        if (!opts.tlsTempfailTryclear) return fail(conn, { ...replyFailure(st.command, st.reply), permanent: false, errno: EXIM_ERRNO.TLSFAILURE });
      } else {
        tls = (await startTls(conn, p)).facts;
        hello = await sayHello(conn, heloName, { lmtp, esmtp, timeoutMs: t });
        if (!hello.ok) return fail(conn, replyFailure(hello.command, hello.reply));
      }
    }
    if (!tls && requireTls) {
      return fail(conn, { failure: true, errno: EXIM_ERRNO.TLSREQUIRED, message: 'a TLS session is required, but the server did not offer TLS support', permanent: false, hostLevel: true, retryError: 'tls_required' });
    }
    if (tls) exp.addVars(tlsVars(tls));
    const auth = await clientAuthenticate(conn, p.authenticators, hello.capabilities, { host, opts, exp, timeoutMs: t });
    if ('failure' in auth) return fail(conn, auth);
    return { conn, host, port, greeting: greeting.reply, helloReply: hello.reply, caps: hello.capabilities, lmtp, tls, auth: auth.name, authenticated: auth.name !== undefined, messages: 0, needsReset: false };
  } catch (e) {
    if (e instanceof SmtpTlsError && conn) {
      conn.close();
      const requireTls = await exp.hostIn('hosts_require_tls', opts.hostsRequireTls, host).catch(() => true);
      const text = `TLS session: ${e.message}`;
      if (!requireTls && opts.tlsTempfailTryclear && !p.noTls) {
        p.notes.push(`${text}: delivering unencrypted to ${hostTag(host)} (not in hosts_require_tls)`);
        return openSession({ ...p, noTls: true });
      }
      // exim4 writes no host line for this one, only the retry record and the address line.
      return { failure: true, errno: EXIM_ERRNO.TLSFAILURE, message: text, permanent: false, hostLevel: true, noLogLine: true };
    }
    conn?.close();
    if (e instanceof SmtpClientError) return ioFailure(e, host);
    if (e instanceof OptionExpansionError) return { failure: true, errno: 0, message: e.message, permanent: false, hostLevel: false };
    throw e;
  }
}

function fail(conn: SmtpConnection, f: HostFailure): HostFailure {
  void conn.quit();
  return f;
}

function tlsVars(t: TlsFacts): Map<string, string> {
  const m = new Map<string, string>();
  m.set('tls_out_cipher', t.cipher);
  m.set('tls_out_peerdn', t.peerDn ?? '');
  m.set('tls_out_certificate_verified', t.certificateVerified ? '1' : '0');
  m.set('tls_out_sni', t.sni ?? '');
  m.set('tls_out_bits', t.cipher.replace(/^.*:/, ''));
  return m;
}

async function startTls(conn: SmtpConnection, p: OpenParams) {
  return startClientTls(conn, await tlsSettings(p));
}

/** The expanded TLS options for this host and Exim's verification policy. */
export async function tlsSettings(p: OpenParams): Promise<ClientTlsSettings> {
  const { opts, exp, host } = p;
  const verifyCertificates = await exp.string('tls_verify_certificates', opts.tlsVerifyCertificates);
  const verifyHostsSet = opts.tlsVerifyHosts !== undefined;
  const trySet = opts.tlsTryVerifyHosts !== undefined;
  let verify: ClientTlsSettings['verify'] = 'none';
  if (verifyCertificates !== undefined) {
    if (!verifyHostsSet && !trySet) verify = 'require';
    else if (await exp.hostIn('tls_verify_hosts', opts.tlsVerifyHosts, host)) verify = 'require';
    else if (await exp.hostIn('tls_try_verify_hosts', opts.tlsTryVerifyHosts, host)) verify = 'try';
  }
  const checkName = verify !== 'none' && (await exp.hostIn('tls_verify_cert_hostnames', opts.tlsVerifyCertHostnames, host));
  return {
    sni: await exp.string('tls_sni', opts.tlsSni),
    verifyCertificates,
    verify,
    checkHostname: checkName ? host.name : undefined,
    certificate: await exp.string('tls_certificate', opts.tlsCertificate),
    privateKey: await exp.string('tls_privatekey', opts.tlsPrivatekey),
    ciphers: await exp.string('tls_require_ciphers', opts.tlsRequireCiphers),
    handshakeTimeoutMs: secs(opts.commandTimeout),
  };
}
