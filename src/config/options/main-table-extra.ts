/**
 * Main options of experimental and legacy features (described in the experimental specs) that the
 * Debian exim4 4.96 binary is not built with, plus alias spellings it accepts but does not list.
 * They are accepted, stored and printable by name (-bP srs_config), but left out of the full -bP
 * listing so that it stays byte-identical with the reference exim4 build.
 */
import type { OptionRow } from './table.js';

export const EXPERIMENTAL_MAIN_ROWS: readonly OptionRow[] = [
  ['bmi_config_file', 'string', '/opt/brightmail/etc/brightmail.cfg', { x: true, p: 'bmi', unlisted: true }],
  ['dcc_direct_add_header', 'bool', false, { p: 'dcc', unlisted: true }],
  ['dcc_header', 'string', null, { x: true, p: 'dcc', unlisted: true }],
  ['dccifd_address', 'string', '/usr/local/dcc/var/dccifd', { p: 'dcc', unlisted: true }],
  ['dccifd_options', 'string', 'header', { x: true, p: 'dcc', unlisted: true }],
  ['dmarc_forensic_sender', 'string', null, { x: true, p: 'dmarc', unlisted: true }],
  ['dmarc_history_file', 'string', null, { p: 'dmarc', unlisted: true }],
  ['dmarc_tld_file', 'string', null, { p: 'dmarc', unlisted: true }],
  ['redis_servers', 'string', null, { x: true, p: 'redis-lookup', unlisted: true }],
  ['srs_config', 'string', null, { x: true, p: 'srs', unlisted: true }],
  ['srs_hashlength', 'int', 6, { p: 'srs', unlisted: true }],
  ['srs_hashmin', 'int', -1, { p: 'srs', unlisted: true }],
  ['srs_maxage', 'int', 31, { p: 'srs', unlisted: true }],
  ['srs_secrets', 'string', null, { x: true, p: 'srs', unlisted: true }],
  ['srs_usehash', 'bool', true, { p: 'srs', unlisted: true }],
  ['srs_usetimestamp', 'bool', true, { p: 'srs', unlisted: true }],
];

/** Names Exim 4.96 accepts as other spellings of a listed option. */
export const MAIN_ALIAS_ROWS: readonly OptionRow[] = [
  ['daemon_smtp_port', 'string', null, { alias: 'daemon_smtp_ports' }],
  ['proxy_required_hosts', 'string', null, { alias: 'hosts_proxy' }],
  ['return_size_limit', 'mkint', null, { alias: 'bounce_return_size_limit' }],
];

/** Names of the experimental main options, for callers comparing with a build that lacks them. */
export const EXPERIMENTAL_MAIN_OPTIONS: readonly string[] = EXPERIMENTAL_MAIN_ROWS.map((r) => r[0]);
