/**
 * Facts behind the built-in macros: which features, lookups, ACL conditions/modifiers and log
 * selectors Mailwright provides (or is building), in the order Exim 4.96 creates the macros.
 * Debian's exim4 set minus what Mailwright will not have (PAM, Perl, dlfunc, SOCKS, TCP Fast Open,
 * content scanning, LDAP/MySQL/PgSQL/NIS lookups), plus the experimental features of the brief.
 */

/** _HAVE_<x> feature macros, creation order (Exim's, with experimental ones added in place). */
export const FEATURES: readonly string[] = [
  'CRYPTEQ', 'ICONV', 'IPV6', 'TLS', 'GNUTLS', 'MOVE_FROZEN_MESSAGES', 'DCC', 'DKIM', 'DMARC',
  'DNSSEC', 'EVENT', 'I18N', 'OCSP', 'PIPE_CONNECT', 'PRDR', 'PROXY', 'NATIVE_SRS', 'SPF', 'SRS',
  'DANE', 'TLS_RESUME', 'ARC', 'DSN_INFO', 'QUEUEFILE', 'BRIGHTMAIL',
];

/** _HAVE_LOOKUP_<x>: lsearch first, then alphabetical, as Exim lists its lookup modules. */
export const LOOKUPS: readonly string[] = [
  'LSEARCH', 'CDB', 'DBM', 'DNSDB', 'DSEARCH', 'JSON', 'LMDB', 'PASSWD', 'REDIS', 'SQLITE',
];

export const APPENDFILE_FORMATS: readonly string[] = ['MAILDIR', 'MAILSTORE', 'MBX'];

/** ACL conditions (COND) and modifiers (MOD), alphabetical by name. */
export const ACL_ITEMS: readonly (readonly ['COND' | 'MOD', string])[] = [
  ['COND', 'acl'], ['MOD', 'add_header'], ['COND', 'authenticated'], ['MOD', 'bmi_optin'],
  ['COND', 'condition'], ['MOD', 'continue'], ['MOD', 'control'], ['COND', 'dcc'], ['COND', 'decode'],
  ['MOD', 'delay'], ['COND', 'dkim_signers'], ['COND', 'dkim_status'], ['COND', 'dmarc_status'],
  ['COND', 'dnslists'], ['COND', 'domains'], ['COND', 'encrypted'], ['MOD', 'endpass'], ['COND', 'hosts'],
  ['COND', 'local_parts'], ['MOD', 'log_message'], ['MOD', 'log_reject_target'], ['MOD', 'logwrite'],
  ['MOD', 'message'], ['COND', 'mime_regex'], ['MOD', 'queue'], ['COND', 'ratelimit'],
  ['COND', 'recipients'], ['COND', 'regex'], ['MOD', 'remove_header'], ['COND', 'seen'],
  ['COND', 'sender_domains'], ['COND', 'senders'], ['MOD', 'set'], ['COND', 'spf'], ['COND', 'spf_guess'],
  ['MOD', 'udpsend'], ['COND', 'verify'],
];

export const CRYPTO: readonly string[] = ['_CRYPTO_SIGN_ED25519', '_CRYPTO_HASH_SHA3'];

/** Log selector names (for _LOG_<name>), alphabetical. */
export const LOG_SELECTORS: readonly string[] = [
  '8bitmime', 'acl_warn_skipped', 'address_rewrite', 'all', 'all_parents', 'arguments',
  'connection_reject', 'delay_delivery', 'deliver_time', 'delivery_size', 'dkim', 'dkim_verbose',
  'dnslist_defer', 'dnssec', 'etrn', 'host_lookup_failed', 'ident_timeout', 'incoming_interface',
  'incoming_port', 'lost_incoming_connection', 'millisec', 'msg_id', 'msg_id_created',
  'outgoing_interface', 'outgoing_port', 'pid', 'pipelining', 'protocol_detail', 'proxy', 'queue_run',
  'queue_time', 'queue_time_exclusive', 'queue_time_overall', 'receive_time', 'received_recipients',
  'received_sender', 'rejected_header', 'rejected_headers', 'retry_defer', 'return_path_on_delivery',
  'sender_on_delivery', 'sender_verify_fail', 'size_reject', 'skip_delivery', 'smtp_confirmation',
  'smtp_connection', 'smtp_incomplete_transaction', 'smtp_mailauth', 'smtp_no_mail',
  'smtp_protocol_error', 'smtp_syntax_error', 'subject', 'tls_certificate_verified', 'tls_cipher',
  'tls_peerdn', 'tls_resumption', 'tls_sni', 'unknown_in_list',
];

/** Texts of the TLS session-resumption flag values (used with $tls_in_resumption). */
export const RESUME_DECODE =
  'not requested or offered : 0x02 :client requested, no server ticket: 0x04 : 0x05 : 0x06 :client offered session, no server action: 0x08 :no client request: 0x0A :client requested new ticket, server provided: 0x0C :client offered session, not used: 0x0E :client offered session, server only provided new ticket: 0x10 :session resumed unasked: 0x12 :session resumed unasked: 0x14 : 0x15 : 0x16 :session resumed: 0x18 :session resumed unasked: 0x1A :session resumed unasked: 0x1C :session resumed: 0x1E :session resumed, also new ticket';

export const TLS_LATE_FEATURES: readonly string[] = ['TLS1_3', 'TLS_OCSP', 'TLS_OCSP_LIST', 'TLS_CA_CACHE', 'TLS_ALPN'];

/** Headers DKIM signs by default (RFC 6376 recommendations as Exim 4.96 has them). */
export const DKIM_SIGN_HEADERS: readonly string[] = [
  'From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version',
  'Content-Type', 'Content-Transfer-Encoding', 'Content-ID', 'Content-Description', 'Resent-Date',
  'Resent-From', 'Resent-Sender', 'Resent-To', 'Resent-Cc', 'Resent-Message-ID', 'In-Reply-To',
  'References', 'List-Id', 'List-Help', 'List-Unsubscribe', 'List-Subscribe', 'List-Post', 'List-Owner',
  'List-Archive',
];
