/**
 * Checks the error field of a retry rule (`*`, `quota_7d`, `timeout_connect_MX`, `rcpt_45x`...),
 * case-insensitively, with Exim's messages for malformed ones.
 */
import { readIntervalAt } from './time.js';

export type RetryErrorCheck = { ok: true; warning?: string } | { ok: false; message: string };

const PLAIN = new Set(['*', 'quota', 'refused', 'timeout', 'auth_failed', 'lost_connection', 'tls_required', 'lookup']);
const TIMEOUT_TAILS = new Set(['', 'mx', 'a', 'connect', 'connect_', 'connect_mx', 'connect_a']);
const REFUSED_TAILS = new Set(['', 'mx', 'a']);

function unknown(written: string): RetryErrorCheck {
  return { ok: false, message: `unknown or malformed retry error "${written}"` };
}

function checkReplyCode(written: string, lower: string): RetryErrorCheck | undefined {
  const m = /^(mail|rcpt|data)_4(.*)$/.exec(lower);
  if (!m) return undefined;
  if (/^(xx|[0-9]x|[0-9][0-9])$/.test(m[2]!)) return { ok: true };
  const prefix = written.slice(0, m[1]!.length + 2);
  return { ok: false, message: `${prefix} must be followed by xx, dx, or dd, where x is literal and d is any digit` };
}

export function checkRetryError(written: string): RetryErrorCheck {
  const lower = written.toLowerCase();
  if (PLAIN.has(lower)) return { ok: true };
  if (lower.startsWith('quota_')) {
    const t = readIntervalAt(lower, 6);
    return t && t.end === lower.length ? { ok: true } : { ok: false, message: 'bad time value' };
  }
  if (lower.startsWith('refused_')) {
    if (REFUSED_TAILS.has(lower.slice(8))) return { ok: true };
    return { ok: false, message: 'A or MX expected after "refused"' };
  }
  if (lower.startsWith('timeout_')) {
    const tail = lower.slice(8);
    if (TIMEOUT_TAILS.has(tail)) return { ok: true };
    if (tail === 'dns') {
      return {
        ok: true,
        warning: '"timeout_dns" is no longer available in retry rules (it has never worked) - treated as "timeout"',
      };
    }
    return { ok: false, message: '"A", "MX", or "connect" expected after "timeout"' };
  }
  return checkReplyCode(written, lower) ?? unknown(written);
}
