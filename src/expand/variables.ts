/**
 * The `$variable` registry: every variable Exim 4.96 knows (as reported by `exim4 -be` for each
 * name in the spec), with its value when no subsystem has set it. Values set by subsystems
 * arrive in ctx.vars and win. Some values are computed (time of day, process, configuration).
 *
 * We claim compatibility with Exim 4.96: $exim_version and $version_number are "4.96".
 */
import { EMPTY, untainted, type ExpandContext, type TStr } from './types.js';
import { computedVariable, COMPUTED_NAMES } from './variables-computed.js';

/** Variables whose value outside any message or connection is a fixed string ("" unless listed). */
const FIXED_DEFAULTS: Readonly<Record<string, string>> = {
  acl_narg: '0',
  authentication_failed: '0',
  av_failed: '0',
  body_linecount: '0',
  body_zerocount: '0',
  dkim_bodylength: '9999999999999',
  dkim_created: '0',
  dkim_expires: '9999999999999',
  dkim_key_granularity: '*',
  dkim_key_length: '0',
  dkim_key_nosubdomains: '0',
  dkim_key_srvtype: '*',
  dkim_key_testing: '0',
  event_defer_errno: '0',
  host_lookup_deferred: '0',
  host_lookup_failed: '0',
  host_port: '0',
  inode: '0',
  interface_port: '-1',
  local_user_gid: '4294967295',
  local_user_uid: '4294967295',
  localhost_number: '0',
  max_received_linelength: '0',
  message_age: '0',
  message_body_size: '0',
  message_linecount: '0',
  message_size: '0',
  message_smtputf8: 'no',
  mime_anomaly_level: '0',
  mime_content_size: '0',
  mime_is_coverletter: '0',
  mime_is_multipart: '0',
  mime_is_rfc822: '0',
  mime_part_count: '-1',
  prdr_requested: 'no',
  proxy_external_port: '0',
  proxy_local_port: '0',
  proxy_session: 'no',
  rcpt_count: '0',
  rcpt_defer_count: '0',
  rcpt_fail_count: '0',
  received_count: '0',
  received_port: '-1',
  received_time: '0',
  recipients_count: '0',
  runrc: '0',
  sender_helo_dnssec: 'no',
  sender_host_dnssec: 'no',
  sender_host_port: '0',
  sending_port: '-1',
  smtp_count_at_connection_start: '0',
  spf_result_guessed: 'no',
  tls_bits: '0',
  tls_certificate_verified: '0',
  tls_in_bits: '0',
  tls_in_certificate_verified: '0',
  tls_in_ocsp: '0',
  tls_in_resumption: '0',
  tls_out_bits: '0',
  tls_out_certificate_verified: '0',
  tls_out_dane: 'no',
  tls_out_ocsp: '0',
  tls_out_resumption: '0',
  tls_out_tlsa_usage: '0',
};

/** Variables that exist and are empty until a subsystem sets them. */
const EMPTY_NAMES = `acl_verify_message address_data address_file address_pipe
auth1 auth2 auth3 auth4 authenticated_fail_id authenticated_id authenticated_sender
bounce_recipient callout_address csa_status dkim_algo dkim_canon_body dkim_canon_headers
dkim_copiedheaders dkim_cur_signer dkim_domain dkim_headernames dkim_identity dkim_key_notes
dkim_selector dkim_signers dkim_verify_reason dkim_verify_status dnslist_domain dnslist_matched
dnslist_text dnslist_value domain domain_data event_data event_name headers_added home host
host_address host_data interface_address item ldap_dn local_part local_part_data
local_part_prefix local_part_prefix_v local_part_suffix local_part_suffix_v local_scan_data
lookup_dnssec_authenticated mailstore_basename malware_name message_body message_body_end
message_exim_id message_headers message_headers_raw message_id mime_anomaly_text mime_boundary
mime_charset mime_content_description mime_content_disposition mime_content_id
mime_content_transfer_encoding mime_content_type mime_decoded_filename mime_filename
original_domain original_local_part parent_domain parent_local_part proxy_external_address
proxy_local_address prvscheck_address prvscheck_keynum prvscheck_result queue_name queue_size
received_for received_ip_address received_protocol recipient_data recipient_verify_failure
recipients regex_match_string reply_address return_path router_name self_hostname
sender_address sender_address_data sender_data sender_fullhost sender_helo_name
sender_host_address sender_host_authenticated sender_host_name sender_ident sender_rate
sender_rate_limit sender_rate_period sender_rcvhost sender_verify_failure sending_ip_address
smtp_command smtp_command_argument smtp_command_history smtp_notquit_reason spam_action
spam_bar spam_report spam_score spam_score_int spf_header_comment spf_received spf_result
spf_smtp_comment srs_recipient thisaddress tls_cipher tls_in_cipher tls_in_cipher_std
tls_in_ourcert tls_in_peercert tls_in_peerdn tls_in_sni tls_in_ver tls_out_cipher
tls_out_cipher_std tls_out_ourcert tls_out_peercert tls_out_peerdn tls_out_sni tls_out_ver
tls_peerdn tls_sni transport_name value verify_mode warn_message_delay warn_message_recipients
acl_arg1 acl_arg2 acl_arg3 acl_arg4 acl_arg5 acl_arg6 acl_arg7 acl_arg8 acl_arg9
regex1 regex2 regex3 regex4 regex5 regex6 regex7 regex8 regex9`
  .split(/\s+/)
  .filter(Boolean);

const KNOWN = new Set<string>([...Object.keys(FIXED_DEFAULTS), ...EMPTY_NAMES, ...COMPUTED_NAMES]);

/** Why a name is not a variable: Exim's extra words after `unknown variable ...` ("" for none). */
export type UnknownReason = string;

/** Every variable name known to the registry (not counting acl_c/acl_m user variables). */
export function knownVariableNames(): string[] {
  return [...KNOWN].sort();
}

/**
 * Check a name: undefined when it is a variable, otherwise the suffix Exim adds to its
 * "unknown variable" message (e.g. for malformed ACL variable names).
 */
export function variableProblem(name: string, ctx: ExpandContext): UnknownReason | undefined {
  if (KNOWN.has(name) || ctx.vars.has(name)) return undefined;
  // Router variables (`set = r_x = ...` on a router) exist under any name and are empty until set.
  if (name.startsWith('r_') && name.length > 2) return undefined;
  if (name.startsWith('acl_')) {
    if (name[4] !== 'c' && name[4] !== 'm') return ' (user-defined ACL variables must start acl_c or acl_m)';
    const sixth = name[5];
    if (sixth !== undefined && !/[0-9_]/.test(sixth)) return ' (6th character of a user-defined ACL variable must be a digit or underscore)';
    return undefined;
  }
  return '';
}

/** Value of a known variable (call variableProblem first). */
export function variableValue(name: string, ctx: ExpandContext): TStr {
  switch (name) {
    case 'value':
      return ctx.value ?? ctx.vars.get(name) ?? EMPTY;
    case 'item':
      return ctx.item ?? ctx.vars.get(name) ?? EMPTY;
    case 'acl_narg':
      if (ctx.aclArgs) return untainted(String(ctx.aclArgs.length));
      break;
  }
  const m = /^acl_arg([1-9])$/.exec(name);
  if (m && ctx.aclArgs) return ctx.aclArgs[Number(m[1]) - 1] ?? EMPTY;
  const set = ctx.vars.get(name);
  if (set) return set;
  const computed = computedVariable(name, ctx);
  if (computed) return computed;
  const fixed = FIXED_DEFAULTS[name];
  return fixed ? untainted(fixed) : EMPTY;
}
