/**
 * The numbers Exim prints in `defer (N)`: system errno values for socket errors, negative
 * internal codes for its own failure classes. Values marked "seen" were observed in exim4 4.96
 * log lines; the others are Exim's documented code order and are to be confirmed by the oracle.
 */
export const EXIM_ERRNO = {
  unknown: -1, // seen (tainted file name)
  badRedirect: -17, // seen (":fail:" not permitted)
  smtpClosed: -18,
  smtpFormat: -19,
  spoolFormat: -20,
  quota: -22,
  held: -23,
  expandFail: -27,
  gidFail: -28,
  uidFail: -29, // seen (user on never_users)
  badTransport: -30,
  unknownHost: -32,
  listDefer: -35,
  dnsDefer: -36,
  tlsFailure: -37,
  tlsRequired: -38,
  pipeFail: -40,
  calloutDefer: -41,
  authFail: -42,
  connectTimeout: -43,
  rcpt4xx: -44,
  mail4xx: -45,
  data4xx: -46,
} as const;

const BY_RETRY_ERROR: Readonly<Record<string, number>> = {
  refused: 111,
  refused_A: 111,
  refused_MX: 111,
  timeout: 110,
  timeout_A: 110,
  timeout_MX: 110,
  timeout_connect: EXIM_ERRNO.connectTimeout,
  timeout_connect_A: EXIM_ERRNO.connectTimeout,
  timeout_connect_MX: EXIM_ERRNO.connectTimeout,
  rcpt_4xx: EXIM_ERRNO.rcpt4xx,
  mail_4xx: EXIM_ERRNO.mail4xx,
  data_4xx: EXIM_ERRNO.data4xx,
  lost_connection: EXIM_ERRNO.smtpClosed,
  auth_failed: EXIM_ERRNO.authFail,
  tls_required: EXIM_ERRNO.tlsRequired,
  quota: EXIM_ERRNO.quota,
};

/** The `defer (N)` number for a retry error name (e.g. `rcpt_4xx`, `rcpt_451`, `quota_7d`). */
export function errnoForError(error: string | undefined): number {
  if (!error) return EXIM_ERRNO.unknown;
  const exact = BY_RETRY_ERROR[error];
  if (exact !== undefined) return exact;
  const base = /^(rcpt|mail|data)_\d+$/.exec(error);
  if (base) return BY_RETRY_ERROR[`${base[1]}_4xx`]!;
  if (error.startsWith('quota')) return EXIM_ERRNO.quota;
  return EXIM_ERRNO.unknown;
}
