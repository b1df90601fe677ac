/**
 * Authenticator options of Exim 4.96: the generic ones and each driver's private ones, as the Debian
 * build lists them with -bP (checked against the binary). Experimental additions are at the end.
 */
import type { OptionRow } from './table.js';

export const AUTH_GENERIC_ROWS: readonly OptionRow[] = [
  ['client_condition', 'string', null, { x: true }],
  ['client_set_id', 'string'],
  ['driver', 'string'],
  ['public_name', 'string'],
  ['server_advertise_condition', 'string', null, { x: true }],
  ['server_condition', 'string', null, { x: true }],
  ['server_debug_print', 'string'],
  ['server_mail_auth_condition', 'string', null, { x: true }],
  ['server_set_id', 'string', null, { x: true }],
];

export const AUTH_PRIVATE_ROWS: Readonly<Record<string, readonly OptionRow[]>> = {
  cram_md5: [
    ['client_name', 'string', null, { x: true }],
    ['client_secret', 'string', null, { x: true }],
    ['server_secret', 'string', null, { x: true }],
  ],
  cyrus_sasl: [
    ['server_hostname', 'string', "$primary_hostname"],
    ['server_mech', 'string', null, { x: true }],
    ['server_realm', 'string'],
    ['server_service', 'string', "smtp"],
  ],
  dovecot: [
    ['server_socket', 'string'],
  ],
  external: [
    ['client_send', 'string'],
    ['server_param2', 'string'],
    ['server_param3', 'string'],
  ],
  plaintext: [
    ['client_ignore_invalid_base64', 'bool', false],
    ['client_send', 'string', null, { x: true }],
    ['server_prompts', 'string', null, { x: true }],
  ],
  spa: [
    ['client_domain', 'string'],
    ['client_password', 'string'],
    ['client_username', 'string'],
    ['server_password', 'string'],
  ],
  tls: [
    ['server_param', 'string'],
    ['server_param1', 'string', null, { x: true }],
    ['server_param2', 'string', null, { x: true }],
    ['server_param3', 'string', null, { x: true }],
  ],
};
