/**
 * condition, continue and set. `condition` is true for a non-zero number, "yes" or "true",
 * false for empty, zero, "no" or "false" (caseless), and anything else defers. `continue` only
 * expands its value (for the side effects). `set` stores an $acl_c... or $acl_m... variable,
 * keeping the taint of the expanded value.
 */
import { AclDefer } from '../errors.js';
import { registerAclCondition } from '../registry.js';

export function conditionTruth(value: string): boolean {
  if (/^[0-9]*$/.test(value)) return Number(value === '' ? '0' : value) !== 0;
  const lower = value.toLowerCase();
  if (lower === 'no' || lower === 'false') return false;
  if (lower === 'yes' || lower === 'true') return true;
  throw new AclDefer(`invalid "condition" value "${value}"`);
}

registerAclCondition({
  name: 'condition',
  kind: 'condition',
  evaluate: (value) => conditionTruth(value.s),
});

registerAclCondition({
  name: 'continue',
  kind: 'modifier',
  evaluate: () => true,
});

registerAclCondition({
  name: 'set',
  kind: 'modifier',
  evaluate(value, item, ctx) {
    if (item.variable) ctx.expand.vars.set(item.variable, value);
    return true;
  },
});
