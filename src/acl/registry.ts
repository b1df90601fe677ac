/** Registry of ACL conditions and modifiers (one module each under conditions/). */
import type { AclConditionDef } from './types.js';

const DEFS = new Map<string, AclConditionDef>();

export function registerAclCondition(def: AclConditionDef): void {
  DEFS.set(def.name, def);
}

export function aclCondition(name: string): AclConditionDef | undefined {
  return DEFS.get(name);
}

export function registeredAclConditions(): readonly AclConditionDef[] {
  return [...DEFS.values()];
}
