/**
 * "May this destination be tried now?" checks made before routing and delivery
 * (spec "Retry configuration", "Long-term failures"; log texts from "Other log entries").
 */
import { findRetryRule, finalCutoff } from './retry-rules.js';
import { parseRetryError } from './retry-errors.js';
import { ruleKeyFor, readRetryRecord, isDue, DEFAULT_RETRY_DATA_EXPIRE, type RetrySettings } from './retry.js';
import type { HintsDb, RetryRecord } from './types.js';

export const RETRY_NOT_REACHED = 'retry time not reached';
/** exim4 4.96's texts when no host of a domain may be tried (checked against its log). */
export function retryNotReachedAnyHost(domain?: string): string {
  return `retry time not reached for any host${domain !== undefined ? ` for '${domain}'` : ''}`;
}
export function allHostsFailingLong(domain?: string): string {
  return `all hosts${domain !== undefined ? ` for '${domain}'` : ''} have been failing for a long time (and retry time not reached)`;
}

/** A key's record (when still valid) and whether its retry time has come (true without a record). */
export function checkRetry(hints: HintsDb, key: string, now: number, retryDataExpire = DEFAULT_RETRY_DATA_EXPIRE): { readonly due: boolean; readonly record?: RetryRecord } {
  const record = readRetryRecord(hints, key, now, retryDataExpire);
  if (!record) return { due: true };
  return { due: isDue(record, now), record };
}

export interface HostRetryOptions {
  readonly now: number;
  readonly retryDataExpire?: number;
  /** The smtp transport's delay_after_cutoff (default true). */
  readonly delayAfterCutoff?: boolean;
  /** When the message arrived (seconds): with delay_after_cutoff false, expired hosts not tried since then are tried. */
  readonly messageReceived?: number;
  /** A forced run (-qf, -M): retry times are ignored. */
  readonly force?: boolean;
}

export interface HostRetryCheck {
  readonly usable: boolean;
  /** The host's record says all cutoffs have passed. */
  readonly expired: boolean;
  readonly record?: RetryRecord;
}

/** Whether one host (one `T:` key; check the message-specific key too when there is one) may be tried. */
export function checkHostRetry(hints: HintsDb, key: string, opts: HostRetryOptions): HostRetryCheck {
  const { due, record } = checkRetry(hints, key, opts.now, opts.retryDataExpire);
  if (!record) return { usable: true, expired: false };
  const expired = record.expired;
  if (due || opts.force) return { usable: true, expired, record };
  if (!expired) return { usable: false, expired, record };
  if (opts.delayAfterCutoff ?? true) return { usable: false, expired, record };
  const triedSinceArrival = opts.messageReceived !== undefined && record.lastTry >= opts.messageReceived;
  return { usable: !triedSinceArrival, expired, record };
}

export interface HostRetrySummary {
  /** Some host may be tried. */
  readonly tryHosts: boolean;
  /** No host may be tried and all of them are past their cutoff: fail the address now. */
  readonly failAddress: boolean;
  /** The defer/fail text when no host may be tried. */
  readonly message?: string;
}

/** What to do with an address given the checks of all its hosts (domain: the address's, for the texts). */
export function summariseHostRetries(checks: readonly HostRetryCheck[], domain?: string): HostRetrySummary {
  if (checks.length === 0 || checks.some((c) => c.usable)) return { tryHosts: true, failAddress: false };
  if (checks.every((c) => c.expired)) return { tryHosts: false, failAddress: true, message: allHostsFailingLong(domain) };
  return { tryHosts: false, failAddress: false, message: retryNotReachedAnyHost(domain) };
}

export interface AddressRetryOptions {
  readonly now: number;
  /** Part of a queue run (false for the immediate delivery after reception). */
  readonly queueRun: boolean;
  /** routing: an R: key from a router; local: from a local transport; remote: an address error from a remote host. */
  readonly kind: 'routing' | 'local' | 'remote';
  readonly sender: string;
  readonly messageReceived?: number;
  readonly force?: boolean;
}

export interface AddressRetryCheck {
  readonly attempt: boolean;
  readonly record?: RetryRecord;
  /** Set when not attempting. */
  readonly message?: string;
}

/**
 * Whether an address (R: key) may be routed or delivered now. Outside queue runs routing and
 * local deliveries always happen; a local address past its cutoff always gets one attempt;
 * and a message older than the rule's final cutoff is tried whatever the retry time.
 */
export async function checkAddressRetry(hints: HintsDb, key: string, settings: RetrySettings, opts: AddressRetryOptions): Promise<AddressRetryCheck> {
  const { due, record } = checkRetry(hints, key, opts.now, settings.retryDataExpire);
  if (!record) return { attempt: true };
  if (due || opts.force) return { attempt: true, record };
  if (!opts.queueRun && opts.kind !== 'remote') return { attempt: true, record };
  if (record.expired && opts.kind === 'local') return { attempt: true, record };
  if (opts.messageReceived !== undefined) {
    const error = record.error ? parseRetryError(record.error) : undefined;
    const rule = await findRetryRule(settings.rules, { ...ruleKeyFor({ key }), ...(error ? { error } : {}), sender: opts.sender }, settings.match);
    if (rule && opts.now - opts.messageReceived > finalCutoff(rule)) return { attempt: true, record };
  }
  return { attempt: false, record, message: RETRY_NOT_REACHED };
}
