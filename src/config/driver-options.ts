/**
 * Effective option values of one driver instance (router, transport, authenticator): the value
 * set in the instance, else the default the driver derives from its other options, else the
 * driver-specific generic default, else the table default. Routers, transports and
 * authenticators read their options only through this, so defaults agree with what -bP shows.
 */
import { genericDefaultFor } from './options/drivers.js';
import { instanceDefault } from './options/instance-defaults.js';
import { instanceTable } from './options/drivers.js';
import type { DriverInstance, OptionValue } from './types.js';

export class DriverOptions {
  constructor(readonly instance: DriverInstance) {}

  get name(): string {
    return this.instance.name;
  }

  /** Whether the option was written in the instance. */
  isSet(name: string): boolean {
    return this.instance.options.has(name);
  }

  get(name: string): OptionValue {
    const own = this.instance.options.get(name);
    if (own) return own.value;
    const derived = instanceDefault(this.instance, name);
    if (derived !== undefined) return derived;
    const generic = genericDefaultFor(this.instance.kind, this.instance.driver, name);
    if (generic !== undefined) return generic;
    return instanceTable(this.instance.kind, this.instance.driver).get(name)?.default;
  }

  /** A string option (unexpanded text), or undefined when unset. */
  str(name: string): string | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    return typeof v === 'object' ? v.join(':') : String(v);
  }

  bool(name: string): boolean {
    return this.get(name) === true;
  }

  /** A numeric option (integers, sizes, times in seconds), or the fallback when unset. */
  num(name: string, fallback = 0): number {
    const v = this.get(name);
    return typeof v === 'number' ? v : fallback;
  }
}
