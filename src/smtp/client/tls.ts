/**
 * The client side of TLS for the smtp transport: builds Node's connection options from the
 * transport's (already expanded) TLS settings, runs the handshake on an SmtpConnection, applies
 * Exim's verification policy (required / tried / none, host name check) and reports the facts
 * Exim logs (X=, CV=, DN=) in the GnuTLS-style form of src/tls.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import tls from 'node:tls';
import type { TlsFacts } from '../../transports/types.js';
import { parseCertificate, type Certificate } from '../../tls/certificate.js';
import { eximCipherName, eximProtocol, GROUP_NAMES } from '../../tls/cipher-names.js';
import { dnText } from '../../tls/dn.js';
import { cipherSettings } from '../../tls/priority.js';
import type { SmtpConnection } from './connection.js';
import { SmtpTlsError } from './errors.js';

const SYSTEM_CA_FILE = '/etc/ssl/certs/ca-certificates.crt';

export interface ClientTlsSettings {
  /** SNI to send (tls_sni), if any. */
  readonly sni?: string;
  /** tls_verify_certificates after expansion ('system', a file or a directory); undefined: none. */
  readonly verifyCertificates?: string;
  /** require: failure aborts TLS; try: failure only leaves CV=no; none: no verification. */
  readonly verify: 'require' | 'try' | 'none';
  /** Name the certificate must match (tls_verify_cert_hostnames matched the host). */
  readonly checkHostname?: string;
  readonly certificate?: string;
  readonly privateKey?: string;
  /** tls_require_ciphers (a GnuTLS priority string or an OpenSSL cipher list). */
  readonly ciphers?: string;
  /** A session to resume (TLS resumption). */
  readonly session?: Buffer;
  readonly handshakeTimeoutMs: number;
}

export interface ClientTlsResult {
  readonly socket: tls.TLSSocket;
  readonly facts: TlsFacts;
  readonly peerCertificate?: Certificate;
  /** Why verification failed, when it did (CV=no). */
  readonly verifyError?: string;
}

function readCaPath(path: string): Buffer[] {
  if (path === 'system' || path === 'system,cache') return existsSync(SYSTEM_CA_FILE) ? [readFileSync(SYSTEM_CA_FILE)] : tls.rootCertificates.map((c) => Buffer.from(c));
  if (statSync(path).isDirectory()) {
    return readdirSync(path)
      .map((f) => join(path, f))
      .filter((f) => statSync(f).isFile())
      .map((f) => readFileSync(f));
  }
  return [readFileSync(path)];
}

/** Node's tls.connect options for the settings (verification is done afterwards, not by Node). */
export function connectOptions(s: ClientTlsSettings): tls.ConnectionOptions {
  let ca: Buffer[] | undefined;
  try {
    ca = s.verifyCertificates && s.verify !== 'none' ? readCaPath(s.verifyCertificates) : undefined;
  } catch (e) {
    throw new SmtpTlsError(`TLS error: cannot read ${s.verifyCertificates}: ${(e as Error).message}`, false);
  }
  let cert: Buffer | undefined;
  let key: Buffer | undefined;
  try {
    cert = s.certificate ? readFileSync(s.certificate) : undefined;
    key = s.privateKey ? readFileSync(s.privateKey) : cert;
  } catch (e) {
    throw new SmtpTlsError(`TLS error: cannot read client certificate: ${(e as Error).message}`, false);
  }
  let suites: ReturnType<typeof cipherSettings> | undefined;
  try {
    suites = s.ciphers ? cipherSettings(s.ciphers) : undefined;
  } catch (e) {
    throw new SmtpTlsError(`TLS error: ${(e as Error).message}`, false);
  }
  return {
    servername: s.sni && !/^[\d.:]+$/.test(s.sni) ? s.sni : undefined,
    ca,
    cert,
    key,
    ciphers: suites?.ciphers,
    // exim4's GnuTLS offers its key share for secp256r1 first (oracle case tls-verify-ok).
    ecdhCurve: suites?.ecdhCurve ?? 'P-256:X25519:P-384:P-521:X448',
    minVersion: 'TLSv1.2',
    maxVersion: suites?.maxVersion,
    rejectUnauthorized: false,
    session: s.session,
    checkServerIdentity: () => undefined,
  };
}

const GROUP_CODES: Record<string, number> = { X25519: 0x1d, X448: 0x1e, prime256v1: 0x17, secp384r1: 0x18, secp521r1: 0x19 };

/** The server's signature scheme is not exposed to a Node client; it follows from the key type. */
function likelySigalg(cert: Certificate | undefined, protocol: string): number | undefined {
  if (!cert) return undefined;
  if (cert.keyType === 'rsa') return 0x0804;
  if (cert.keyType === 'rsa-pss') return 0x0809;
  if (cert.keyType === 'ed25519') return 0x0807;
  if (cert.keyType === 'ec') {
    if (cert.curveOid === '1.3.132.0.34') return 0x0503;
    if (cert.curveOid === '1.3.132.0.35') return 0x0603;
    return 0x0403;
  }
  return protocol === 'TLS1.3' ? 0x0804 : undefined;
}

function groupCode(socket: tls.TLSSocket): number | undefined {
  const info = socket.getEphemeralKeyInfo();
  if (!info || typeof info !== 'object' || !('name' in info)) return undefined;
  const name = String(info.name);
  if (GROUP_CODES[name] !== undefined) return GROUP_CODES[name];
  const found = Object.entries(GROUP_NAMES).find(([, n]) => n === name.toUpperCase());
  return found ? Number(found[0]) : undefined;
}

/** Runs the handshake and the verification policy; throws SmtpTlsError on failure. */
export async function startClientTls(conn: SmtpConnection, s: ClientTlsSettings): Promise<ClientTlsResult> {
  const socket = await conn.startTls(connectOptions(s), s.handshakeTimeoutMs);
  const raw = socket.getPeerCertificate(false);
  const peerCertificate = raw && raw.raw ? safeParse(raw.raw) : undefined;
  let verifyError: string | undefined;
  if (s.verify !== 'none') {
    if (!socket.authorized) verifyError = String(socket.authorizationError ?? 'certificate invalid');
    else if (s.checkHostname && raw && raw.raw) {
      const bad = tls.checkServerIdentity(s.checkHostname, raw);
      if (bad) verifyError = `certificate name mismatch: DN="${peerCertificate ? dnText(peerCertificate.subject) : ''}" H="${s.checkHostname}"`;
    }
  }
  if (verifyError !== undefined && s.verify === 'require') {
    socket.destroy();
    const text = verifyError.startsWith('certificate name mismatch') ? verifyError : 'certificate invalid';
    throw new SmtpTlsError(`(certificate verification failed): ${text}`, true);
  }
  const protocol = eximProtocol(socket.getProtocol());
  const cipher = socket.getCipher();
  const resumed = socket.isSessionReused();
  const facts: TlsFacts = {
    cipher: eximCipherName({
      protocol,
      standardName: cipher.standardName ?? cipher.name,
      group: groupCode(socket),
      sigalg: likelySigalg(peerCertificate, protocol),
      resumed,
    }),
    certificateVerified: s.verify !== 'none' && verifyError === undefined && s.verifyCertificates !== undefined,
    peerDn: peerCertificate ? dnText(peerCertificate.subject) : undefined,
    resumed,
    sni: s.sni,
  };
  return { socket, facts, peerCertificate, verifyError };
}

function safeParse(der: Buffer): Certificate | undefined {
  try {
    return parseCertificate(der);
  } catch {
    return undefined;
  }
}
