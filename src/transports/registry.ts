/**
 * Registry of transport drivers. A driver module calls registerTransportDriver at load time;
 * the modules are imported by src/transports/index.ts (one line per driver).
 */
import type { TransportDriverDef } from './types.js';

const drivers = new Map<string, TransportDriverDef>();

export function registerTransportDriver(def: TransportDriverDef): void {
  drivers.set(def.name, def);
}

export function transportDriver(name: string): TransportDriverDef | undefined {
  return drivers.get(name);
}

export function transportDriverNames(): string[] {
  return [...drivers.keys()].sort();
}
