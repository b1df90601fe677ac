/**
 * acl {{name}{arg1}...{arg9}}: run a named ACL through ctx.runAcl. accept is true, deny is
 * false; both set $value to the ACL's message (or empty). defer is a forced failure; other
 * outcomes are errors, in Exim's words.
 */
import { ExpandError, type ExpandContext, type TStr } from '../types.js';
import { registerCondition } from './registry.js';

async function runAclCondition(args: TStr[], ctx: ExpandContext): Promise<boolean> {
  const [name, ...aclArgs] = args;
  if (!ctx.runAcl) throw new ExpandError('the "acl" condition is not supported yet (no ACL engine)');
  const result = await ctx.runAcl(name!.s, aclArgs, ctx);
  const label = (code: string): string => `${code} from acl "${name!.s}"`;
  switch (result.verb) {
    case 'accept':
    case 'deny':
      ctx.value = { s: result.message ?? '', tainted: false };
      return result.verb === 'accept';
    case 'defer':
      throw new ExpandError(label('DEFER'), 'forced');
    case 'fail':
      throw new ExpandError(label('FAIL_DROP'));
    case 'error':
      throw new ExpandError(label('ERROR'));
  }
}

registerCondition({ name: 'acl', nargs: 10, nested: { min: 1 }, fn: runAclCondition });
