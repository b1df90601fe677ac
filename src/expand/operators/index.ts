/** Registry of expansion operators (`${name:subject}`); each operator lives in its own small module here. */
import type { OperatorDef } from '../types.js';

const registry = new Map<string, OperatorDef>();

export function registerOperator(def: OperatorDef): void {
  registry.set(def.name, def);
}

export const operators: ReadonlyMap<string, OperatorDef> = registry;
