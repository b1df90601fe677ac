/**
 * Server-side TLS for STARTTLS and tls_on_connect_ports: createServerTls(config, ctxFactory)
 * gives the advertising decision and upgrade(), which takes a connected net.Socket (whose
 * 'data' listeners the caller has removed; bytes it already read after STARTTLS go in
 * `pending`), reads the ClientHello, expands the options for this host (and SNI name), runs
 * the handshake and returns the session's facts, $tls_in_* variables and log fields.
 * A failed handshake throws TlsHandshakeError whose logText completes exim4's log line
 * "TLS error on connection from <host> <logText>"; a configuration problem throws
 * TlsConfigError (Exim answers STARTTLS with 454 then).
 */
import type net from 'node:net';
import tls from 'node:tls';
import { hostname } from 'node:os';
import type { LoadedConfig } from '../config/types.js';
import type { ExpandContext, TStr } from '../expand/types.js';
import type { TlsLogInfo } from '../log/lines/reception.js';
import { listItems } from '../util/exim-list.js';
import { parseCertificate, type Certificate } from './certificate.js';
import { dnText } from './dn.js';
import { eximCipherName, eximCipherStd, eximProtocol, cipherBits } from './cipher-names.js';
import { offeredTicketKeyName, scanClientHello, type ClientHello } from './client-hello.js';
import { TlsHandshakeError } from './errors.js';
import { resumptionBits, TicketKeyRing } from './resumption.js';
import { SecureContextCache } from './secure-context.js';
import { chooseCertificate, chosenGroup, chosenSigalg, serverGroups } from './server-choice.js';
import { hostMatches, serverParams, type ServerParams, type TlsHost } from './server-params.js';
import { tlsInVariables, tlsLogInfo, type TlsSessionFacts } from './variables.js';

export type { TlsHost } from './server-params.js';

export interface TlsSession extends TlsSessionFacts {
  readonly socket: tls.TLSSocket;
  readonly resumed: boolean;
  /** $tls_in_* variables to merge into the session's expansion variables. */
  readonly vars: Map<string, TStr>;
  /** X=/CV=/DN=/SNI= facts for the log module's tlsFields(). */
  readonly log: TlsLogInfo;
}

export interface ServerTls {
  /** tls_advertise_hosts: whether STARTTLS is offered to this host. */
  advertise(host: TlsHost): Promise<boolean>;
  /** Whether connections to this local port start TLS at once (tls_on_connect_ports). */
  isTlsOnConnectPort(port: number): boolean;
  /**
   * Loads what this host's handshake will need (before "220 TLS go ahead"): a TlsConfigError
   * here is Exim's 454 reply. Without it, the same error comes from upgrade() instead.
   */
  prepare(host: TlsHost): Promise<void>;
  upgrade(socket: net.Socket, host: TlsHost, pending?: Buffer): Promise<TlsSession>;
}

export interface ServerTlsOptions {
  /** Time allowed for the ClientHello and the handshake (default 60s). */
  readonly handshakeTimeoutMs?: number;
  /** Ticket keys shared by all connections of the process (default: a new ring, hourly rotation). */
  readonly ticketKeys?: TicketKeyRing;
}

const PORT_NAMES: Readonly<Record<string, number>> = { smtps: 465, submissions: 465, ssmtp: 465 };

export function createServerTls(config: LoadedConfig, ctxFactory: (host: TlsHost) => ExpandContext, opts: ServerTlsOptions = {}): ServerTls {
  const keys = opts.ticketKeys ?? new TicketKeyRing();
  const contexts = new SecureContextCache(
    () => Number(config.mainOption('tls_dh_max_bits') ?? 2236),
    () => String(config.mainOption('primary_hostname') ?? '') || hostname(),
  );
  const timeoutMs = opts.handshakeTimeoutMs ?? 60_000;
  const onConnectPorts = new Set(
    listItems(String(config.mainOption('tls_on_connect_ports') ?? '')).map((p) => PORT_NAMES[p.toLowerCase()] ?? Number(p)),
  );
  return {
    advertise: (host) => hostMatches(config, 'tls_advertise_hosts', host, ctxFactory(host)),
    isTlsOnConnectPort: (port) => onConnectPorts.has(port),
    async prepare(host) {
      contexts.get(await serverParams(config, host, ctxFactory(host), undefined), keys.current());
    },
    async upgrade(socket, host, pending) {
      const deadline = Date.now() + timeoutMs;
      const { hello, buffered } = await readClientHello(socket, pending ?? Buffer.alloc(0), timeoutMs);
      const params = oneCertificate(await serverParams(config, host, ctxFactory(host), hello?.serverName), hello, contexts);
      const built = contexts.get(params, keys.forName(hello ? offeredTicketKeyName(hello) : undefined));
      socket.unshift(buffered);
      const t = new tls.TLSSocket(socket, { isServer: true, secureContext: built.context, requestCert: params.verify !== 'none', rejectUnauthorized: false });
      await handshake(t, Math.max(1, deadline - Date.now()));
      return sessionFacts(t, params, hello, built.ecdhCurve);
    },
  };
}

/** Narrows a multi-certificate configuration to the certificate exim4 would present. */
function oneCertificate(p: ServerParams, hello: ClientHello | undefined, contexts: SecureContextCache): ServerParams {
  if (p.certFiles.length < 2 || !hello) return p;
  const i = chooseCertificate(hello, contexts.serverKeys(p.certFiles), p.ciphers.maxVersion);
  return { ...p, certFiles: [p.certFiles[i]!], keyFiles: [p.keyFiles[i]!] };
}

/** Collects the client's first flight until a whole ClientHello is in (or it is not TLS). */
function readClientHello(socket: net.Socket, pending: Buffer, timeoutMs: number): Promise<{ hello?: ClientHello; buffered: Buffer }> {
  return new Promise((resolve, reject) => {
    let data = pending;
    const finish = (err?: Error): void => {
      clearTimeout(timer);
      socket.off('data', onData).off('end', onEnd).off('error', onError).off('close', onEnd);
      socket.pause();
      if (err) reject(err);
    };
    const check = (): boolean => {
      const scan = scanClientHello(data);
      if (scan.state === 'need-more') return false;
      finish();
      resolve({ hello: scan.state === 'done' ? scan.hello : undefined, buffered: data });
      return true;
    };
    const onData = (chunk: Buffer): void => {
      data = Buffer.concat([data, chunk]);
      check();
    };
    const onEnd = (): void => finish(new TlsHandshakeError('(gnutls_handshake): The TLS connection was non-properly terminated.'));
    const onError = (): void => finish(new TlsHandshakeError('(gnutls_handshake): Error in the pull function.'));
    const timer = setTimeout(() => finish(new TlsHandshakeError('(gnutls_handshake): timed out')), timeoutMs);
    if (check()) return;
    socket.on('data', onData).on('end', onEnd).on('error', onError).on('close', onEnd);
    socket.resume();
  });
}

/** GnuTLS's words for the failures OpenSSL reports (what exim4 would have logged). */
function handshakeLogText(err: NodeJS.ErrnoException): string {
  const code = err.code ?? '';
  if (code === 'ERR_SSL_NO_SHARED_CIPHER') return '(gnutls_handshake): No supported cipher suites have been found.';
  if (/UNSUPPORTED_PROTOCOL|WRONG_VERSION|VERSION_TOO_LOW/.test(code)) return '(gnutls_handshake): A packet with illegal or unsupported version was received.';
  if (code === 'ECONNRESET' || code === 'EPIPE') return '(gnutls_handshake): Error in the pull function.';
  if (/ALERT/.test(code)) return '(gnutls_handshake): A TLS fatal alert has been received.';
  return '(gnutls_handshake): An unexpected TLS packet was received.';
}

function handshake(t: tls.TLSSocket, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: TlsHandshakeError): void => {
      clearTimeout(timer);
      t.off('secure', onSecure).off('error', onError).off('close', onClose);
      if (err) {
        t.destroy();
        reject(err);
      } else resolve();
    };
    const onSecure = (): void => done();
    const onError = (e: NodeJS.ErrnoException): void => done(new TlsHandshakeError(handshakeLogText(e)));
    const onClose = (): void => done(new TlsHandshakeError('(gnutls_handshake): The TLS connection was non-properly terminated.'));
    const timer = setTimeout(() => done(new TlsHandshakeError('(gnutls_handshake): timed out')), timeoutMs);
    t.on('secure', onSecure).on('error', onError).on('close', onClose);
  });
}

function certOf(raw: Buffer | undefined): Certificate | undefined {
  if (!raw || raw.length === 0) return undefined;
  try {
    return parseCertificate(raw);
  } catch {
    return undefined;
  }
}

function sessionFacts(t: tls.TLSSocket, params: ServerParams, hello: ClientHello | undefined, curve: string | undefined): TlsSession {
  const protocol = eximProtocol(t.getProtocol());
  const resumed = t.isSessionReused();
  const { standardName } = t.getCipher();
  const presented = certOf((t.getCertificate() as tls.PeerCertificate | null)?.raw);
  const peerCert = params.verify === 'none' ? undefined : certOf(t.getPeerCertificate()?.raw);
  const verifyError = peerCert ? peerVerifyError(t) : undefined;
  if (params.verify === 'require') {
    if (!peerCert) failVerify(t, '(gnutls_handshake): Certificate is required.');
    if (verifyError !== null) failVerify(t, `(certificate verification failed): ${/REVOKED/.test(String(verifyError?.code)) ? 'certificate revoked' : 'certificate invalid'}`);
  }
  const group = hello ? chosenGroup(hello, protocol, serverGroups(curve)) : undefined;
  const sigalg = hello && presented ? chosenSigalg(hello, protocol, presented) : undefined;
  const facts: TlsSessionFacts = {
    cipher: eximCipherName({ protocol, standardName, group, sigalg, resumed }),
    cipherStd: eximCipherStd({ protocol, standardName }),
    protocol,
    bits: cipherBits(standardName),
    peerDn: peerCert ? dnText(peerCert.subject) : undefined,
    sni: t.servername || hello?.serverName || undefined,
    certificateVerified: peerCert !== undefined && verifyError === null,
    resumption: resumptionBits(params.resumption, protocol, hello, resumed),
    peerCert,
    // exim4 has no "our certificate" on a resumed session.
    ourCert: resumed ? undefined : presented,
  };
  return { ...facts, socket: t, resumed, vars: tlsInVariables(facts), log: tlsLogInfo(facts) };
}

/**
 * The peer chain's verification result: null when it verified. A TLSSocket made directly
 * (not by a tls.Server) never sets `authorized`, so the TLS handle is asked, as tls.Server
 * itself does.
 */
function peerVerifyError(t: tls.TLSSocket): (Error & { code?: string }) | null | undefined {
  const handle = (t as unknown as { _handle?: { verifyError?: () => (Error & { code?: string }) | null } })._handle;
  return handle?.verifyError ? handle.verifyError() : undefined;
}

function failVerify(t: tls.TLSSocket, logText: string): never {
  t.destroy();
  throw new TlsHandshakeError(logText);
}
