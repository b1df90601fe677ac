/**
 * The condition registry itself. Kept apart from index.ts so that condition modules can import
 * registerCondition while index.ts imports them (an ESM cycle through index.ts would reach the
 * map before it is initialised).
 */
import type { ConditionDef } from '../types.js';

const registry = new Map<string, ConditionDef>();

export function registerCondition(def: ConditionDef): void {
  registry.set(def.name, def);
}

export const conditions: ReadonlyMap<string, ConditionDef> = registry;
