/**
 * Drivers Mailwright does not implement yet. They load (so configurations that define them keep
 * working, and -bP shows them), are advertised exactly when Exim would consider them servers, and
 * every exchange defers with a log detail saying so. dovecot is planned with issue 6.
 */
import type { DriverInstance } from '../../config/types.js';
import { outcome } from '../replies.js';
import { stringOption } from '../server-common.js';
import type { AuthDriverDef, ServerExchange } from '../types.js';
import { makeAuthenticator } from './common.js';

export const UNSUPPORTED_AUTH_DRIVERS = ['cyrus_sasl', 'dovecot', 'external', 'gsasl', 'heimdal_gssapi', 'spa', 'tls'] as const;

/** Options whose presence makes each driver a server / a client in Exim. */
const SERVER_OPTION: Readonly<Record<string, readonly string[]>> = {
  cyrus_sasl: ['server_mech', 'server_condition', 'server_set_id', 'server_hostname', 'server_realm'],
  dovecot: ['server_socket'],
  external: ['server_param2', 'server_param3', 'server_condition'],
  gsasl: ['server_mech', 'server_condition', 'server_password', 'server_realm'],
  heimdal_gssapi: ['server_keytab', 'server_condition', 'server_set_id'],
  spa: ['server_password'],
  tls: ['server_param', 'server_param1', 'server_param2', 'server_param3', 'server_condition'],
};
const CLIENT_OPTION: Readonly<Record<string, readonly string[]>> = {
  external: ['client_send'],
  gsasl: ['client_username', 'client_password'],
  spa: ['client_username', 'client_password'],
};

export function notSupportedMessage(driver: string): string {
  const when = driver === 'dovecot' ? ' (planned with issue 6)' : '';
  return `the ${driver} authenticator driver is not supported by Mailwright yet${when}`;
}

function anySet(inst: DriverInstance, names: readonly string[] | undefined): boolean {
  return (names ?? []).some((n) => stringOption(inst, n) !== undefined || inst.options.has(n));
}

function unsupportedDriver(name: string): AuthDriverDef {
  return {
    name,
    create: (inst) =>
      makeAuthenticator(inst, {
        isServer: anySet(inst, SERVER_OPTION[name]),
        isClient: anySet(inst, CLIENT_OPTION[name]),
        supported: false,
        exchange: (): ServerExchange => {
          const refuse = async (): Promise<{ done: ReturnType<typeof outcome> }> => ({ done: outcome('defer', { logDetail: notSupportedMessage(name) }) });
          return { start: refuse, continue: refuse };
        },
      }),
  };
}

export const unsupportedDrivers: readonly AuthDriverDef[] = UNSUPPORTED_AUTH_DRIVERS.map(unsupportedDriver);
