/**
 * Authenticator options of Exim 4.96: the generic ones and each driver's private ones, as the Debian
 * build lists them with -bP (checked against the binary). Experimental additions are at the end.
 */
import type { OptionRow } from './table.js';

export const AUTH_GENERIC_ROWS: readonly OptionRow[] = [
  ['client_condition', 'string', null, { x: true }],
  ['client_set_id', 'string', null, { x: true }],
  ['driver', 'string'],
  ['public_name', 'string'],
  ['server_advertise_condition', 'string', null, { x: true }],
  ['server_condition', 'string', null, { x: true }],
  ['server_debug_print', 'string', null, { x: true }],
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
    ['server_hostname', 'string', "$primary_hostname", { x: true }],
    ['server_mech', 'string'],
    ['server_realm', 'string', null, { x: true }],
    ['server_service', 'string', "smtp"],
  ],
  dovecot: [
    ['server_socket', 'string'],
  ],
  external: [
    ['client_send', 'string', null, { x: true }],
    ['server_param2', 'string', null, { x: true }],
    ['server_param3', 'string', null, { x: true }],
  ],
  plaintext: [
    ['client_ignore_invalid_base64', 'bool', false],
    ['client_send', 'string', null, { x: true }],
    ['server_prompts', 'string', null, { x: true }],
  ],
  spa: [
    ['client_domain', 'string', null, { x: true }],
    ['client_password', 'string', null, { x: true }],
    ['client_username', 'string', null, { x: true }],
    ['server_password', 'string', null, { x: true }],
  ],
  tls: [
    ['server_param', 'string'],
    ['server_param1', 'string', null, { x: true }],
    ['server_param2', 'string', null, { x: true }],
    ['server_param3', 'string', null, { x: true }],
  ],
  // Drivers the reference build lacks; options and defaults from the 4.96 manual.
  gsasl: [
    ['client_authz', 'string', null, { x: true }],
    ['client_channelbinding', 'bool', false],
    ['client_password', 'string', null, { x: true }],
    ['client_spassword', 'string', null, { x: true }],
    ['client_username', 'string', null, { x: true }],
    ['server_channelbinding', 'bool', false],
    ['server_hostname', 'string', '$primary_hostname', { x: true }],
    ['server_key', 'string', null, { x: true }],
    ['server_mech', 'string'],
    ['server_password', 'string', null, { x: true }],
    ['server_realm', 'string', null, { x: true }],
    ['server_scram_iter', 'string', '4096', { x: true }],
    ['server_scram_salt', 'string', null, { x: true }],
    ['server_service', 'string', 'smtp'],
    ['server_skey', 'string', null, { x: true }],
  ],
  heimdal_gssapi: [
    ['server_hostname', 'string', '$primary_hostname', { x: true }],
    ['server_keytab', 'string', null, { x: true }],
    ['server_service', 'string', 'smtp', { x: true }],
  ],
};
