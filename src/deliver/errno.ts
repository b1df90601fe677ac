/**
 * The number Exim prints in `defer (N)` when a transport gave only a retry error name and no
 * errno of its own (the transports normally set DeliveryResult.errno). The negative codes are
 * the ones the transports use, checked against exim4 there (src/transports/smtp/outcome.ts,
 * src/transports/local-common.ts); socket errors are system errno values.
 */
import { EXIM_ERRNO as SMTP_ERRNO } from '../transports/smtp/outcome.js';
import { EXIM_ERRNO as LOCAL_ERRNO } from '../transports/local-common.js';

/** Exim's code for an error with no better classification (seen for taint refusals too). */
export const ERRNO_UNKNOWN = -1;

const ECONNREFUSED = 111;
const ETIMEDOUT = 110;

const BY_RETRY_ERROR: Readonly<Record<string, number>> = {
  refused: ECONNREFUSED,
  timeout: ETIMEDOUT,
  timeout_connect: ETIMEDOUT,
  rcpt_4xx: SMTP_ERRNO.RCPT4XX,
  mail_4xx: SMTP_ERRNO.MAIL4XX,
  data_4xx: SMTP_ERRNO.DATA4XX,
  lost_connection: SMTP_ERRNO.SMTPCLOSED,
  auth_failed: SMTP_ERRNO.AUTHFAIL,
  tls_required: SMTP_ERRNO.TLSREQUIRED,
  quota: LOCAL_ERRNO.quota,
};

/**
 * The `defer (N)` number for a retry error name: `refused_MX`, `timeout_connect_A`,
 * `rcpt_451`, `quota_7d`... are reduced to their base name first.
 */
export function errnoForError(error: string | undefined): number {
  if (!error) return ERRNO_UNKNOWN;
  const base = error
    .replace(/_(A|MX)$/, '')
    .replace(/^(rcpt|mail|data)_\d+$/, '$1_4xx')
    .replace(/^quota_.*$/, 'quota');
  return BY_RETRY_ERROR[base] ?? ERRNO_UNKNOWN;
}
