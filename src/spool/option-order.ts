/**
 * The order in which Exim 4.96 writes the dash options of a -H file. Positions marked "seen"
 * were observed in files written by exim4 (test/fixtures/spool); the others are placed from the
 * option's meaning next to its neighbours and are unverified (they need TLS, spam scanning,
 * local_scan or debugging to appear). ACL variables come right after received_protocol.
 * Options this table does not know are written after all known ones, in map order.
 */
export const OPTION_ORDER: readonly string[] = [
  'received_time_usec', // seen
  'received_time_complete', // seen
  'helo_name', // seen
  'host_address', // seen
  'host_name', // seen
  'host_auth', // seen
  'interface_address', // seen
  'active_hostname', // seen
  'ident', // seen
  'received_protocol', // seen
  '*acl', // seen: -aclc / -aclm lines
  'body_linecount', // seen
  'spool_file_wireformat', // seen (replaces body_linecount)
  'max_received_linelength', // seen
  'body_zerocount', // seen
  'auth_id', // seen
  'auth_sender', // seen
  'allow_unqualified_recipient', // seen
  'allow_unqualified_sender', // seen
  'deliver_firsttime', // seen
  'frozen', // seen
  'host_lookup_deferred',
  'host_lookup_failed', // seen
  'local', // seen
  'localerror', // seen
  'local_scan',
  'spam_bar',
  'spam_score',
  'spam_score_int',
  'manual_thaw', // seen
  'N', // seen
  'sender_set_untrusted',
  'tls_certificate_verified', // seen
  'tls_cipher', // seen
  'tls_peercert', // seen
  'tls_peerdn', // seen
  'tls_sni', // seen
  'tls_ourcert', // seen
  'tls_ocsp',
  'tls_resumption', // seen
  'tls_ver', // seen
  'smtputf8', // seen
  'utf8_downcvt',
  'dsn_envid', // seen
  'dsn_ret', // seen
  'debug_selector',
  'debug_file',
];

const RANK = new Map(OPTION_ORDER.map((name, i) => [name, i]));
export const ACL_RANK = RANK.get('*acl')!;

/** Sort key of an option name: its table position, or after every known option. */
export function optionRank(name: string): number {
  return RANK.get(name) ?? OPTION_ORDER.length;
}

/**
 * Options Exim marks tainted when a message arrives over a real TCP connection (observed with
 * exim4 -bd: the HELO name and what the client's TLS stack sent; see SpoolMessage.taintedOptions).
 * Values given on the command line (-oMa, -oMs, -oMr, -oMaa, ...) are tainted as well: callers
 * serving -bs/-bh with such options pass taintedOptions themselves.
 */
export const SMTP_TAINTED = new Set(['helo_name', 'host_name', 'tls_peercert', 'tls_peerdn', 'tls_sni']);
export const SMTP_TAINTED_UNLESS_LOCAL = new Set(['auth_id', 'auth_sender']);
