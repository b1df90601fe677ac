/** Registry of authenticator drivers: one module per driver, registered here by name. */
import { MailwrightError } from '../util/errors.js';
import type { DriverInstance } from '../config/types.js';
import { cramMd5Driver } from './drivers/cram-md5.js';
import { plaintextDriver } from './drivers/plaintext.js';
import { unsupportedDrivers } from './drivers/unsupported.js';
import type { AuthDriverDef, AuthServices, Authenticator } from './types.js';

export class UnknownAuthDriverError extends MailwrightError {}

const drivers = new Map<string, AuthDriverDef>();

export function registerAuthDriver(def: AuthDriverDef): void {
  drivers.set(def.name, def);
}

for (const d of [plaintextDriver, cramMd5Driver, ...unsupportedDrivers]) registerAuthDriver(d);

export function authDriver(name: string): AuthDriverDef | undefined {
  return drivers.get(name);
}

export function authDriverNames(): string[] {
  return [...drivers.keys()].sort();
}

export function createAuthenticator(inst: DriverInstance, services: AuthServices): Authenticator {
  const def = drivers.get(inst.driver);
  // The config module already refuses unknown drivers; this guards programmatic use.
  if (!def) throw new UnknownAuthDriverError(`authenticator ${inst.name}: unknown driver "${inst.driver}"`);
  return def.create(inst, services);
}

/** Every configured authenticator, in configuration order (which is the advertising order). */
export function createAuthenticators(instances: readonly DriverInstance[], services: AuthServices): Authenticator[] {
  return instances.map((i) => createAuthenticator(i, services));
}
