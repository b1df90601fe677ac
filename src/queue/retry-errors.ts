/**
 * Retry error names (spec "Retry rules for specific errors"), parsed into a structure so that
 * a rule's error field and the error a delivery met can be compared:
 *
 * - a rule qualifier must be satisfied by the actual error: rule `timeout_A` matches an actual
 *   `timeout_A` or `timeout_connect_A` but not a bare `timeout`; rule `timeout` matches all;
 * - `quota_<time>` matches quota errors whose mailbox has been unread at least that long;
 * - `rcpt_4xx`/`rcpt_45x`/`rcpt_451`: each `x` of the rule matches any digit of the actual code
 *   (an actual `rcpt_4xx`, as -brt allows, only matches rules whose code is all x there).
 */
import { formatTime } from '../config/options/format.js';
import { readIntervalAt } from '../config/sections/time.js';

export type RetryErrorKind =
  | 'any'
  | 'timeout'
  | 'refused'
  | 'auth_failed'
  | 'lost_connection'
  | 'tls_required'
  | 'quota'
  | 'lookup'
  | 'mail'
  | 'rcpt'
  | 'data';

export interface RetryErrorSpec {
  readonly kind: RetryErrorKind;
  /** timeout only: the timeout happened while connecting. */
  readonly connect?: boolean;
  /** timeout/refused: the host came from an MX record (MX) or not (A). */
  readonly via?: 'A' | 'MX';
  /** mail/rcpt/data: three characters, digits or `x`. */
  readonly code?: string;
  /** quota: seconds the mailbox has not been read (quota_<time>). */
  readonly quotaAge?: number;
}

const SIMPLE: Record<string, RetryErrorKind> = {
  '*': 'any',
  auth_failed: 'auth_failed',
  lost_connection: 'lost_connection',
  tls_required: 'tls_required',
  quota: 'quota',
  lookup: 'lookup',
};

function parseVia(tail: string): 'A' | 'MX' | undefined | null {
  if (tail === '') return undefined;
  if (tail === '_a') return 'A';
  if (tail === '_mx') return 'MX';
  return null;
}

function parseTimeout(lower: string): RetryErrorSpec | undefined {
  // timeout_dns never worked and is read as timeout (Exim warns when reading the rule).
  if (lower === 'timeout' || lower === 'timeout_dns') return { kind: 'timeout' };
  let tail = lower.slice('timeout'.length);
  let connect = false;
  if (tail.startsWith('_connect')) {
    connect = true;
    tail = tail.slice('_connect'.length);
    if (tail === '_') tail = '';
  }
  const via = parseVia(tail);
  if (via === null) return undefined;
  return { kind: 'timeout', ...(connect ? { connect } : {}), ...(via ? { via } : {}) };
}

/** Parses an error name (case-insensitive); undefined when it is not one Exim knows. */
export function parseRetryError(name: string): RetryErrorSpec | undefined {
  const lower = name.toLowerCase();
  const simple = SIMPLE[lower];
  if (simple) return { kind: simple };
  if (lower.startsWith('timeout')) return parseTimeout(lower);
  if (lower.startsWith('refused')) {
    const via = parseVia(lower.slice('refused'.length));
    return via === null ? undefined : { kind: 'refused', ...(via ? { via } : {}) };
  }
  if (lower.startsWith('quota_')) {
    const t = readIntervalAt(lower, 6);
    return t && t.end === lower.length ? { kind: 'quota', quotaAge: t.seconds } : undefined;
  }
  const m = /^(mail|rcpt|data)_(4(?:xx|[0-9]x|[0-9][0-9]))$/.exec(lower);
  if (m) return { kind: m[1] as 'mail' | 'rcpt' | 'data', code: m[2]! };
  return undefined;
}

function codeMatches(rule: string | undefined, actual: string | undefined): boolean {
  if (rule === undefined) return true;
  if (actual === undefined) return false;
  for (let i = 0; i < rule.length; i++) {
    if (rule[i] !== 'x' && rule[i] !== actual[i]) return false;
  }
  return true;
}

/** Whether a rule's error field covers the error that happened. */
export function retryErrorMatches(rule: RetryErrorSpec, actual: RetryErrorSpec): boolean {
  if (rule.kind === 'any') return true;
  if (rule.kind !== actual.kind) return false;
  if (rule.connect && !actual.connect) return false;
  if (rule.via !== undefined && rule.via !== actual.via) return false;
  if (rule.quotaAge !== undefined && (actual.quotaAge === undefined || actual.quotaAge < rule.quotaAge)) return false;
  return codeMatches(rule.code, actual.code);
}

/**
 * The error field as -brt prints it. Exim 4.96 shows `*` for the SMTP reply-code errors,
 * lost_connection, tls_required and lookup, whatever was written.
 */
export function retryErrorDisplayName(spec: RetryErrorSpec): string {
  switch (spec.kind) {
    case 'timeout':
      return `timeout${spec.connect ? '_connect' : ''}${spec.via ? `_${spec.via}` : ''}`;
    case 'refused':
      return `refused${spec.via ? `_${spec.via}` : ''}`;
    case 'auth_failed':
      return 'auth_failed';
    case 'quota':
      return spec.quotaAge === undefined ? 'quota' : `quota_${formatTime(spec.quotaAge)}`;
    default:
      return '*';
  }
}

/**
 * Errors tied to the message rather than the host: for these, a message that arrived before
 * the first recorded failure is timed from its arrival (spec "Deliveries that work intermittently").
 */
export function isMessageRelatedError(spec: RetryErrorSpec): boolean {
  return spec.kind === 'mail' || spec.kind === 'data' || spec.kind === 'quota';
}
