/**
 * Computing retry times from a rule (spec "Retry parameters", "Long-term failures",
 * "Deliveries that work intermittently"). Pure functions: the hints reading and writing is in
 * retry.ts.
 *
 * - The parameter set used is the first whose cutoff has not passed, measured from the first
 *   failure (or from the message's arrival for message-related errors, when that is earlier).
 *   When every cutoff has passed the destination is "expired" and the last set still gives the
 *   next retry time (used after the cutoff, see delay_after_cutoff).
 * - F adds its interval. G multiplies the previous gap by the factor (the rule's interval
 *   while the previous gap is shorter than that, and for a first failure). The previous gap is
 *   the smaller of the gap that was planned last time and the one that really passed, so rare
 *   queue runs do not make the intervals balloon. H uses the G value as a ceiling and picks a
 *   random interval between the rule's interval and that ceiling.
 *   (Checked against exim4 4.96 retry records: test/fixtures/queue/retry-times.json.)
 * - retry_interval_max caps every interval.
 */
import type { RetryParam, RetryRule } from '../config/types.js';

export interface RetryTimeInput {
  readonly rule: RetryRule;
  readonly now: number;
  /** Start of the failure period (first failure, or an earlier message arrival). */
  readonly failingSince: number;
  /** Previous record's times, when there is one still valid. */
  readonly previous?: { readonly lastTry: number; readonly nextTry: number };
  readonly retryIntervalMax: number;
  /** Source of randomness for H (0 <= r < 1). */
  readonly random?: () => number;
}

export interface RetryTimeResult {
  readonly nextTry: number;
  /** All cutoffs have passed. */
  readonly expired: boolean;
  /** The parameter set used (undefined when the rule has none: no retrying at all). */
  readonly param?: RetryParam;
}

/** The parameter set in force after failing for `failingFor` seconds, and whether all have expired. */
export function selectRetryParam(rule: RetryRule, failingFor: number): { param?: RetryParam; expired: boolean } {
  const params = rule.params;
  if (params.length === 0) return { expired: true };
  for (const p of params) if (failingFor < p.cutoff) return { param: p, expired: false };
  return { param: params[params.length - 1], expired: true };
}

function previousGap(input: RetryTimeInput): number {
  const prev = input.previous;
  if (!prev) return 0;
  const planned = prev.nextTry - prev.lastTry;
  const actual = input.now - prev.lastTry;
  return Math.max(0, Math.min(planned, actual));
}

/** Exim keeps G/H factors in thousandths. */
function factorThousandths(p: RetryParam): number {
  return Math.floor((p.factor ?? 1) * 1000 + 1e-6);
}

/**
 * The G interval, also the ceiling for H: the rule's interval while the previous gap is shorter
 * than it, else the previous gap times the factor.
 */
function growingInterval(p: RetryParam, gap: number): number {
  if (gap < p.interval) return p.interval;
  return Math.floor((gap * factorThousandths(p)) / 1000);
}

/** The interval the parameter set gives (before retry_interval_max). */
export function retryInterval(p: RetryParam, gap: number, random: () => number = Math.random): number {
  if (p.algorithm === 'F') return p.interval;
  const ceiling = growingInterval(p, gap);
  if (p.algorithm === 'G') return ceiling;
  return p.interval + Math.floor(random() * (ceiling - p.interval + 1));
}

export function computeRetryTime(input: RetryTimeInput): RetryTimeResult {
  const { param, expired } = selectRetryParam(input.rule, input.now - input.failingSince);
  if (!param) return { nextTry: input.now, expired: true };
  const interval = Math.min(retryInterval(param, previousGap(input), input.random), input.retryIntervalMax);
  return { nextTry: input.now + Math.max(interval, 0), expired, param };
}
