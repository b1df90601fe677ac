/**
 * The expansion variables of a spooled message during delivery, recovered from its -H file:
 * the envelope, the reception facts stored as dash options, ACL variables, and the counts
 * Exim computes ($message_size, $recipients_count, ...).
 */
import { tainted, untainted, type TStr } from '../expand/types.js';
import { spoolMessageSize } from '../spool/listing.js';
import { parseHostAddressOption } from '../spool/host-address.js';
import type { SpoolMessage } from '../spool/types.js';

/** -H option → variable, for options stored as plain strings. */
const OPTION_VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ['helo_name', 'sender_helo_name'],
  ['host_name', 'sender_host_name'],
  ['host_auth', 'sender_host_authenticated'],
  ['ident', 'sender_ident'],
  ['received_protocol', 'received_protocol'],
  ['body_linecount', 'body_linecount'],
  ['body_zerocount', 'body_zerocount'],
  ['max_received_linelength', 'max_received_linelength'],
  ['auth_id', 'authenticated_id'],
  ['auth_sender', 'authenticated_sender'],
  ['active_hostname', 'smtp_active_hostname'],
  ['tls_cipher', 'tls_in_cipher'],
  ['tls_peerdn', 'tls_in_peerdn'],
  ['tls_sni', 'tls_in_sni'],
  ['tls_ver', 'tls_in_ver'],
  ['dsn_envid', 'dsn_envid'],
  ['dsn_ret', 'dsn_ret'],
  ['spam_score', 'spam_score'],
  ['spam_score_int', 'spam_score_int'],
  ['spam_bar', 'spam_bar'],
];

function optionText(m: SpoolMessage, name: string): TStr | undefined {
  const v = m.options.get(name);
  if (v === undefined) return undefined;
  const s = v === true ? '1' : v;
  return m.taintedOptions?.has(name) ? tainted(s) : untainted(s);
}

/** Variables for a message being delivered (before any address variables are laid over them). */
export function messageVariables(m: SpoolMessage, now: number = Date.now() / 1000): Map<string, TStr> {
  const vars = new Map<string, TStr>();
  vars.set('message_exim_id', untainted(m.id));
  vars.set('message_id', untainted(m.id));
  // The envelope sender came from the client (or the command line): tainted, as in Exim.
  vars.set('sender_address', tainted(m.sender));
  vars.set('return_path', tainted(m.sender));
  vars.set('message_size', untainted(String(spoolMessageSize(m.headers, m.bodySize))));
  vars.set('message_body_size', untainted(String(m.bodySize)));
  vars.set('recipients_count', untainted(String(m.recipients.length)));
  vars.set('message_age', untainted(String(Math.max(0, Math.floor(now - m.received.seconds)))));
  vars.set('originator_uid', untainted(String(m.owner.uid)));
  vars.set('originator_gid', untainted(String(m.owner.gid)));
  vars.set('caller_uid', untainted(String(m.owner.uid)));
  vars.set('caller_gid', untainted(String(m.owner.gid)));
  for (const [option, variable] of OPTION_VARIABLES) {
    const value = optionText(m, option);
    if (value !== undefined) vars.set(variable, value);
  }
  const host = m.options.get('host_address');
  const hostAddress = typeof host === 'string' ? parseHostAddressOption(host) : undefined;
  if (hostAddress) {
    vars.set('sender_host_address', untainted(hostAddress.address));
    vars.set('sender_host_port', untainted(String(hostAddress.port)));
  }
  const iface = m.options.get('interface_address');
  const ifaceAddress = typeof iface === 'string' ? parseHostAddressOption(iface) : undefined;
  if (ifaceAddress) {
    vars.set('received_ip_address', untainted(ifaceAddress.address));
    vars.set('received_port', untainted(String(ifaceAddress.port)));
    vars.set('interface_address', untainted(ifaceAddress.address));
    vars.set('interface_port', untainted(String(ifaceAddress.port)));
  }
  if (m.options.get('tls_certificate_verified') !== undefined) vars.set('tls_in_certificate_verified', untainted('1'));
  for (const [name, value] of m.aclVars) vars.set(name, value);
  // Read by ${if first_delivery}: a flag variable.
  if (isFirstDelivery(m)) vars.set('first_delivery', untainted('1'));
  return vars;
}

/** $first_delivery: whether no delivery attempt has been made yet (the deliver_firsttime option). */
export function isFirstDelivery(m: SpoolMessage): boolean {
  return m.options.get('deliver_firsttime') !== undefined;
}
