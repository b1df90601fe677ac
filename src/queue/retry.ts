/**
 * The retry database as the delivery process uses it (spec "Retry configuration").
 *
 * Keys (Exim's): `R:<domain>` / `R:<local_part>@<domain>` (optionally `:<sender>` appended, as
 * with address_retry_include_sender) for routing and address errors, `T:<host>:<ip>[:<port>]`
 * for host errors and `T:<host>:<ip>:<port>:<message id>` for message-specific host errors.
 *
 * Delivery calls, per attempt:
 *  1. before routing/delivering: checkAddressRetry() for R: keys, checkHostRetry() for each
 *     host's T: keys, then summariseHostRetries() to know whether any host may be tried;
 *  2. after the attempt, for each RetryItem the routers and transports queued:
 *     applyRetryItem() (= recordFailure() for `defer`, recordSuccess() for `delete`).
 */
import type { ExpandContext } from '../expand/types.js';
import type { LoadedConfig, RetryRule } from '../config/types.js';
import type { RetryItem } from '../route/types.js';
import { findRetryRule, finalCutoff, type RuleMatchEnv } from './retry-rules.js';
import { isMessageRelatedError, parseRetryError, type RetryErrorSpec } from './retry-errors.js';
import { computeRetryTime } from './retry-times.js';
import type { HintsDb, RetryDecision, RetryRecord } from './types.js';

export const DEFAULT_RETRY_DATA_EXPIRE = 7 * 24 * 3600;
export const DEFAULT_RETRY_INTERVAL_MAX = 24 * 3600;

export interface RetrySettings {
  readonly rules: readonly RetryRule[];
  /** retry_data_expire: records not updated for this long are ignored. */
  readonly retryDataExpire: number;
  /** retry_interval_max: no interval is longer. */
  readonly retryIntervalMax: number;
  readonly match: RuleMatchEnv;
  /** Randomness for H rules (tests pin it). */
  readonly random?: () => number;
}

function numberOption(config: LoadedConfig, name: string, fallback: number): number {
  const v = config.mainOption(name);
  return typeof v === 'number' ? v : fallback;
}

export function retrySettingsFromConfig(config: LoadedConfig, ctx: ExpandContext, onError?: (message: string) => void): RetrySettings {
  return {
    rules: config.retry,
    retryDataExpire: numberOption(config, 'retry_data_expire', DEFAULT_RETRY_DATA_EXPIRE),
    // Exim does not allow more than 24h here.
    retryIntervalMax: Math.min(numberOption(config, 'retry_interval_max', DEFAULT_RETRY_INTERVAL_MAX), DEFAULT_RETRY_INTERVAL_MAX),
    match: onError ? { ctx, onError } : { ctx },
  };
}

/** Facts about the message and destination a failure is recorded for. */
export interface FailureFacts {
  /** Seconds. */
  readonly now: number;
  /** Envelope sender (for senders= rules). */
  readonly sender: string;
  /** The mail domain: tried against the rules when the host name does not match (host errors). */
  readonly domain?: string;
  /** When the message arrived (seconds), for message-related errors and the too-old check. */
  readonly messageReceived?: number;
}

/** What the rules are matched against for a key: host name (+ mail domain), address or domain. */
export function ruleKeyFor(item: Pick<RetryItem, 'key' | 'hostName'>, domain?: string): { key: string; alternate?: string } {
  if (item.key.startsWith('T:')) {
    const host = item.hostName ?? item.key.slice(2).split(':')[0]!;
    return domain ? { key: host, alternate: domain } : { key: host };
  }
  // R:lp@domain:<sender> (address_retry_include_sender) -> lp@domain
  const body = item.key.replace(/^R:/, '');
  const senderPart = body.indexOf(':<');
  return { key: senderPart >= 0 ? body.slice(0, senderPart) : body };
}

/** Whether a stored record still counts (not older than retry_data_expire). */
export function isFresh(record: RetryRecord, now: number, retryDataExpire: number): boolean {
  return now - record.time <= retryDataExpire;
}

/** The retry time has been reached. */
export function isDue(record: RetryRecord, now: number): boolean {
  return now >= record.nextTry;
}

/** The stored record for a key when it is still valid (stale ones are as good as absent). */
export function readRetryRecord(hints: HintsDb, key: string, now: number, retryDataExpire = DEFAULT_RETRY_DATA_EXPIRE): RetryRecord | undefined {
  const r = hints.table('retry').get<RetryRecord>(key);
  return r && isFresh(r, now, retryDataExpire) ? r : undefined;
}

function errorSpecOf(item: RetryItem): RetryErrorSpec | undefined {
  return item.error === undefined ? undefined : parseRetryError(item.error);
}

/**
 * Records a temporary failure for `item.key` and says whether the destination has now timed
 * out (giveUp). Without a matching rule (or with a rule without parameters) there are no
 * retries: the failure is final.
 */
export async function recordFailure(hints: HintsDb, item: RetryItem, settings: RetrySettings, facts: FailureFacts): Promise<RetryDecision> {
  const { now } = facts;
  const table = hints.table('retry');
  const previous = readRetryRecord(hints, item.key, now, settings.retryDataExpire);
  const error = errorSpecOf(item);
  const rule = await findRetryRule(settings.rules, { ...ruleKeyFor(item, facts.domain), ...(error ? { error } : {}), sender: facts.sender }, settings.match);
  const firstFailed = previous?.firstFailed ?? now;
  let failingSince = firstFailed;
  if (error && isMessageRelatedError(error) && facts.messageReceived !== undefined) failingSince = Math.min(failingSince, facts.messageReceived);
  const base = { time: now, error: item.error ?? '', text: item.message ?? '', firstFailed, lastTry: now };
  if (!rule) {
    const record: RetryRecord = { ...base, nextTry: now, expired: true };
    await table.put(item.key, record);
    return { record, giveUp: true };
  }
  const computed = computeRetryTime({
    rule,
    now,
    failingSince,
    retryIntervalMax: settings.retryIntervalMax,
    ...(previous ? { previous: { lastTry: previous.lastTry, nextTry: previous.nextTry } } : {}),
    ...(settings.random ? { random: settings.random } : {}),
  });
  // A message that has waited longer than the rule's final cutoff times the destination out
  // at once (exim4 still stores the new retry time, with the record marked expired).
  const tooOld = facts.messageReceived !== undefined && now - facts.messageReceived > finalCutoff(rule);
  const expired = computed.expired || tooOld;
  const record: RetryRecord = { ...base, nextTry: computed.nextTry, expired };
  await table.put(item.key, record);
  return { record, giveUp: expired };
}

/** The destination worked: forget its retry record. */
export async function recordSuccess(hints: HintsDb, key: string): Promise<void> {
  await hints.table('retry').delete(key);
}

/** Applies one pending update queued on an address by a router or transport. */
export async function applyRetryItem(hints: HintsDb, item: RetryItem, settings: RetrySettings, facts: FailureFacts): Promise<RetryDecision | undefined> {
  if (item.action === 'delete') {
    await recordSuccess(hints, item.key);
    return undefined;
  }
  return recordFailure(hints, item, settings, facts);
}

export type { AddressRetryCheck, AddressRetryOptions, HostRetryCheck, HostRetryOptions, HostRetrySummary } from './retry-check.js';
export { allHostsFailingLong, checkAddressRetry, checkHostRetry, checkRetry, retryNotReachedAnyHost, summariseHostRetries, RETRY_NOT_REACHED } from './retry-check.js';
