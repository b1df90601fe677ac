/**
 * Exim 4.96's replies and log line for AUTH (recorded with exim4 -bh in test/fixtures/auth/).
 */
import type { AuthOutcome, AuthResultKind } from './types.js';

export const AUTH_REPLY = {
  ok: '235 Authentication succeeded',
  fail: '535 Incorrect authentication data',
  defer: '435 Unable to authenticate at present',
  cancelled: '501 Authentication cancelled',
  bad64: '501 Invalid base64 data',
  unexpected: '553 Initial data not expected',
} as const satisfies Record<AuthResultKind, string>;

/** AUTH when no mechanism was advertised (no EHLO, host not in auth_advertise_hosts, ...). */
export const AUTH_NOT_ADVERTISED_REPLY = '503 AUTH command used when not advertised';
export const AUTH_ALREADY_REPLY = '503 already authenticated';

/** A mechanism that is unknown or was not advertised (empty when AUTH had no argument). */
export function authUnsupportedReply(mechanism: string): string {
  return `504 ${mechanism} authentication mechanism not supported`;
}

interface OutcomeExtras {
  readonly setId?: string;
  readonly logDetail?: string;
  /** A server_condition result that is neither true nor false goes into the 435 reply. */
  readonly replyDetail?: string;
  readonly logged?: boolean;
}

export function outcome(result: AuthResultKind, extras: OutcomeExtras = {}): AuthOutcome {
  const reply = extras.replyDetail !== undefined ? `${AUTH_REPLY[result]}: ${extras.replyDetail}` : AUTH_REPLY[result];
  return {
    result,
    reply,
    setId: extras.setId,
    logDetail: extras.logDetail ?? extras.replyDetail,
    logged: extras.logged ?? result !== 'ok',
  };
}

/**
 * Exim's main-log line for a failed exchange, e.g.
 * `plain authenticator failed for (x) [10.0.0.1]: 535 Incorrect authentication data (set_id=user)`.
 * `host` is the server's host text (`(helo) [ip]` or `name (helo) [ip]`).
 */
export function authFailureLogLine(name: string, host: string, o: AuthOutcome): string {
  const base = o.reply.replace(/: .*$/s, '');
  const setId = o.setId !== undefined ? ` (set_id=${o.setId})` : '';
  const detail = o.logDetail !== undefined ? `: ${o.logDetail}` : '';
  return `${name} authenticator failed for ${host}: ${base}${setId}${detail}`;
}

/**
 * $authenticated_fail_id after a failed exchange. Exim 4.96 leaves the log fragment there
 * (observed: ` (set_id=user)`), empty when there was no set_id.
 */
export function authenticatedFailId(o: AuthOutcome): string {
  return o.result !== 'ok' && o.setId !== undefined ? ` (set_id=${o.setId})` : '';
}
