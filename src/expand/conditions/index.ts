/** Registry of `${if}` conditions that take brace arguments; each lives in its own small module here. */
import type { ConditionDef } from '../types.js';

const registry = new Map<string, ConditionDef>();

export function registerCondition(def: ConditionDef): void {
  registry.set(def.name, def);
}

export const conditions: ReadonlyMap<string, ConditionDef> = registry;
