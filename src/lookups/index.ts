/**
 * The lookup registry with every built-in type registered. Adding a type: write a module in
 * ./drivers/ and add it to BUILTIN_DRIVERS.
 */
import { cdbDriver } from './drivers/cdb.js';
import { dnsdbDriver } from './drivers/dnsdb.js';
import { dsearchDriver } from './drivers/dsearch.js';
import { iplsearchDriver } from './drivers/iplsearch.js';
import { jsonDriver } from './drivers/json.js';
import { lsearchDriver } from './drivers/lsearch.js';
import { passwdDriver } from './drivers/passwd.js';
import { nwildlsearchDriver, wildlsearchDriver } from './drivers/wildlsearch.js';
import { QUOTE_ONLY_DRIVERS } from './drivers/quote-only.js';
import { DefaultLookupRegistry, type LookupRegistryOptions } from './registry.js';
import type { LookupDriver, LookupRegistry } from './types.js';

export const BUILTIN_DRIVERS: readonly LookupDriver[] = [
  lsearchDriver,
  wildlsearchDriver,
  nwildlsearchDriver,
  iplsearchDriver,
  cdbDriver,
  dsearchDriver,
  jsonDriver,
  passwdDriver,
  dnsdbDriver,
];

export function createLookupRegistry(options: LookupRegistryOptions = {}): LookupRegistry {
  const registry = new DefaultLookupRegistry(options);
  for (const driver of BUILTIN_DRIVERS) registry.register(driver);
  for (const driver of QUOTE_ONLY_DRIVERS) registry.registerQuoteOnly(driver);
  return registry;
}

export { DefaultLookupRegistry, TaintedLookupFileError, type LookupRegistryOptions } from './registry.js';
export { parseLookupSpec, type ParsedLookupSpec } from './spec.js';
export { LookupDefer, LookupError } from './types.js';
export type { LookupDriver, LookupOutcome, LookupRegistry, LookupRequest, LookupStyle } from './types.js';
