/** Construction pieces shared by the driver modules. */
import type { DriverInstance } from '../../config/types.js';
import { advertiseAllowed, stringOption } from '../server-common.js';
import type { Authenticator, ServerExchange } from '../types.js';
import type { ExpandContext } from '../../expand/types.js';

export function publicNameOf(inst: DriverInstance): string {
  return (stringOption(inst, 'public_name') ?? inst.name).toUpperCase();
}

export function makeAuthenticator(
  inst: DriverInstance,
  parts: { isServer: boolean; isClient: boolean; supported?: boolean; exchange: (ctx: ExpandContext) => ServerExchange },
): Authenticator {
  return {
    name: inst.name,
    driver: inst.driver,
    publicName: publicNameOf(inst),
    isServer: parts.isServer,
    isClient: parts.isClient,
    supported: parts.supported ?? true,
    instance: inst,
    advertise: (ctx) => advertiseAllowed(inst, ctx),
    serverExchange: parts.exchange,
  };
}
