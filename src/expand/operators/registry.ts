/**
 * The operator map itself. Kept apart from index.ts so operator modules can register
 * themselves while index.ts is still importing them (ESM evaluates imports first).
 */
import type { OperatorDef } from '../types.js';

const registry = new Map<string, OperatorDef>();

export function registerOperator(def: OperatorDef): void {
  registry.set(def.name, def);
}

export const operators: ReadonlyMap<string, OperatorDef> = registry;
