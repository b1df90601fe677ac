/** Typed errors of the TLS module. */
import { MailwrightError } from '../util/errors.js';

/** A certificate, key or DER structure that cannot be used, or a bad TLS option value. */
export class TlsError extends MailwrightError {}

/** A configuration problem found while building the server context (Exim answers STARTTLS with 454). */
export class TlsConfigError extends TlsError {}

/**
 * A TLS handshake that failed. `logText` is the part of Exim's main-log line that follows
 * "TLS error on connection from <host> ", e.g. "(gnutls_handshake): Certificate is required."
 */
export class TlsHandshakeError extends TlsError {
  constructor(readonly logText: string) {
    super(`TLS handshake failed: ${logText}`);
  }
}
