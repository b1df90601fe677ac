/**
 * What the SMTP server does around PROXY negotiation, as Exim 4.96 does it, kept as data and
 * small functions so the server (which owns the socket) can apply it.
 *
 * - Only connections from hosts matching `hosts_proxy` (older name `proxy_required_hosts`) are
 *   expected to send a header; for them $proxy_session is "yes" whatever happens next.
 * - The header must arrive within `proxy_protocol_timeout` (default 3s) of the connection; the
 *   banner is sent only after negotiation ends (success, failure or timeout).
 * - A failed negotiation does not close the connection: the session goes on with the real peer's
 *   address (plus whatever Exim had already applied from a half-read v1 line), and every command
 *   except QUIT gets PROXY_FAILED_REPLY. Exim's checks that come before command dispatch still
 *   apply first: a line containing NUL gets "501 NUL characters are not allowed in SMTP commands".
 */
import type { ProxyParseResult } from './types.js';

export const PROXY_FAILED_REPLY = '503 Command refused, required Proxy negotiation failed';
export const PROXY_FAILED_CODE = 503;
export const PROXY_FAILED_TEXT = 'Command refused, required Proxy negotiation failed';
/** Exim's debug line when negotiation fails. */
export const PROXY_FAILED_DEBUG = 'Failure to extract proxied host, only QUIT allowed';
/** proxy_protocol_timeout's default, in seconds. */
export const PROXY_DEFAULT_TIMEOUT_SECONDS = 3;

/** Commands still honoured after a failed negotiation. */
export const PROXY_FAILED_ALLOWED_COMMANDS: ReadonlySet<string> = new Set(['QUIT']);

/**
 * The reply for `verb` (the command word as received) when negotiation failed, or null when the
 * command is handled normally.
 */
export function proxyFailedReplyFor(verb: string, negotiationFailed: boolean): string | null {
  if (!negotiationFailed) return null;
  return PROXY_FAILED_ALLOWED_COMMANDS.has(verb.toUpperCase()) ? null : PROXY_FAILED_REPLY;
}

/** proxy_protocol_timeout as stored by the config module (seconds), with Exim's default. */
export function proxyTimeoutSeconds(value: unknown): number {
  return typeof value === 'number' && value >= 0 ? value : PROXY_DEFAULT_TIMEOUT_SECONDS;
}

export interface ProxyTimer {
  cancel(): void;
}

/**
 * Arm the negotiation deadline: `onTimeout` runs once after `seconds` unless cancelled. The
 * server calls reader.end('timeout') from it. Exim treats 0 as "no wait at all".
 */
export function startProxyTimer(seconds: number, onTimeout: () => void): ProxyTimer {
  const handle = setTimeout(onTimeout, Math.max(0, seconds) * 1000);
  handle.unref?.();
  return { cancel: () => clearTimeout(handle) };
}

/** Whether a final reader result means the 503 regime. */
export function negotiationFailed(result: ProxyParseResult): boolean {
  return result.status === 'invalid';
}
