/**
 * Finding the retry rule for a failure (spec "Retry configuration", sections on choosing the
 * rule) and printing a rule as -brt does.
 *
 * Each rule's pattern is a one-item address list, expanded before use. A bare domain key is
 * matched as `*@domain`, which lets domain patterns, `*@domain` patterns and regular expressions
 * (that must match a whole address) all work the way the spec describes. For host errors the
 * host name is tried first and then the mail domain (the `alternate`), rule by rule.
 */
import type { ExpandContext } from '../expand/types.js';
import { matchAddressList, UnknownNamedListError } from '../match/index.js';
import type { RetryParam, RetryRule } from '../config/types.js';
import { formatTime } from '../config/options/format.js';
import { parseRetryError, retryErrorDisplayName, retryErrorMatches, type RetryErrorSpec } from './retry-errors.js';

export interface RetryRuleQuery {
  /** An address (`lp@domain`), a domain, or a host name. */
  readonly key: string;
  /** Second key tried for each rule when the first does not match (the mail domain for host errors). */
  readonly alternate?: string;
  /** The error that happened; undefined matches only rules whose error is `*`. */
  readonly error?: RetryErrorSpec;
  /** Envelope sender; undefined means "not known", and then rules with senders= never match. */
  readonly sender?: string;
}

export interface RuleMatchEnv {
  /** Expansion context for the patterns and sender lists (named lists come from its config). */
  readonly ctx: ExpandContext;
  /** Told about expansion failures and unknown named lists (Exim logs them and carries on). */
  readonly onError?: (message: string) => void;
}

const ANY: RetryErrorSpec = { kind: 'any' };

/** The subject a rule pattern is matched against: domains become `*@domain`. */
export function retrySubject(key: string): string {
  return key.includes('@') ? key : `*@${key}`;
}

async function listMatches(subject: string, pattern: string, env: RuleMatchEnv): Promise<boolean> {
  try {
    const expanded = await env.ctx.services.expand(pattern, env.ctx);
    const r = await matchAddressList(subject, expanded.s, env.ctx);
    return r.matched;
  } catch (err) {
    env.onError?.(err instanceof UnknownNamedListError ? err.logMessage : (err as Error).message);
    return false;
  }
}

function ruleErrorSpec(rule: RetryRule): RetryErrorSpec | undefined {
  return parseRetryError(rule.error);
}

export async function findRetryRule(
  rules: readonly RetryRule[],
  query: RetryRuleQuery,
  env: RuleMatchEnv,
): Promise<RetryRule | undefined> {
  const actual = query.error ?? ANY;
  const subjects = [retrySubject(query.key)];
  if (query.alternate !== undefined && query.alternate !== '') subjects.push(retrySubject(query.alternate));
  for (const rule of rules) {
    const spec = ruleErrorSpec(rule);
    if (!spec || !retryErrorMatches(spec, actual)) continue;
    if (rule.senders !== undefined) {
      if (query.sender === undefined) continue;
      if (!(await listMatches(query.sender, rule.senders, env))) continue;
    }
    for (const subject of subjects) {
      if (await listMatches(subject, rule.pattern, env)) return rule;
    }
  }
  return undefined;
}

/** A G/H factor as Exim keeps it (thousandths, truncated) and prints it: `2.0`, `1.25`, `3.141`. */
export function formatRetryFactor(factor: number): string {
  const thousandths = Math.floor(factor * 1000 + 1e-6);
  const whole = Math.floor(thousandths / 1000);
  const frac = String(thousandths % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${whole}.${frac === '' ? '0' : frac}`;
}

/** One parameter set as -brt prints it; Exim 4.96 leaves out the factor of H rules. */
export function formatRetryParam(p: RetryParam): string {
  const base = `${p.algorithm},${formatTime(p.cutoff)},${formatTime(p.interval)}`;
  return p.algorithm === 'G' && p.factor !== undefined ? `${base},${formatRetryFactor(p.factor)}` : base;
}

/** The `Retry rule:` line of -brt (with Exim's trailing "; " after every parameter set). */
export function formatRetryRule(rule: RetryRule): string {
  const spec = ruleErrorSpec(rule);
  const error = spec ? retryErrorDisplayName(spec) : rule.error;
  const params = rule.params.map((p) => `${formatRetryParam(p)}; `).join('');
  return `Retry rule: ${rule.pattern}  ${error}  ${params}`;
}

/** The cutoff of the last parameter set: how long a destination may fail before it times out. */
export function finalCutoff(rule: RetryRule): number {
  const last = rule.params[rule.params.length - 1];
  return last ? last.cutoff : 0;
}
