/**
 * Registry of router drivers. A driver module calls registerRouterDriver at load time; the
 * modules are imported by src/route/drivers/index.ts (one line per driver).
 */
import type { RouterDriverDef } from './types.js';

const drivers = new Map<string, RouterDriverDef>();

export function registerRouterDriver(def: RouterDriverDef): void {
  drivers.set(def.name, def);
}

export function routerDriver(name: string): RouterDriverDef | undefined {
  return drivers.get(name);
}

export function routerDriverNames(): string[] {
  return [...drivers.keys()].sort();
}
