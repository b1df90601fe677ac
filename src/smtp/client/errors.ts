/**
 * Failures of the SMTP client below the level of SMTP replies: the TCP connection could not be
 * made, a reply did not come in time, the server closed the connection, TLS failed. Replies
 * (4xx/5xx) are not errors here; the transport classifies them.
 */
import { MailwrightError } from '../../util/errors.js';
import { strerrorText } from '../../util/strerror.js';

/** Linux errno values Exim records with retry data (basic_errno). */
export const ERRNO = { ECONNREFUSED: 111, ETIMEDOUT: 110, ECONNRESET: 104, ENETUNREACH: 101, EHOSTUNREACH: 113, EPIPE: 32 } as const;

export class SmtpClientError extends MailwrightError {}

/** connect() failed: code is Node's (ECONNREFUSED, ETIMEDOUT for connect_timeout, ...). */
export class SmtpConnectError extends SmtpClientError {
  constructor(
    readonly code: string,
    readonly errno: number,
  ) {
    super(strerrorText(code) ?? code);
  }
  get timedOut(): boolean {
    return this.code === 'ETIMEDOUT';
  }
}

/** No (complete) reply within the timeout. `after` names what was sent last. */
export class SmtpTimeoutError extends SmtpClientError {
  constructor(readonly after: string) {
    super(`SMTP timeout after ${after}`);
  }
}

/** The server closed the connection (or reset it) while a reply was awaited. */
export class SmtpClosedError extends SmtpClientError {
  constructor(readonly inResponseTo: string) {
    super(`Remote host closed connection in response to ${inResponseTo}`);
  }
}

/** The server sent something that is not an SMTP reply. */
export class SmtpProtocolError extends SmtpClientError {
  constructor(
    readonly after: string,
    readonly line: string,
  ) {
    super(`Malformed SMTP reply${line === '' ? ' (an empty line)' : ''} in response to ${after}`);
  }
}

/** The TLS handshake failed or the certificate was refused. */
export class SmtpTlsError extends SmtpClientError {
  constructor(
    message: string,
    /** The connection is unusable afterwards (handshake started). */
    readonly connectionLost: boolean,
  ) {
    super(message);
  }
}
