/**
 * Conditions that need subsystems Mailwright does not have yet (LDAP, PAM),
 * plus radius and pwcheck, which the reference Exim build does not include either and so
 * reports in its own words. They are registered so that parsing works and the error is clear.
 */
import { ExpandError } from '../types.js';
import { registerCondition } from './registry.js';

function notYet(name: string): () => never {
  return () => {
    throw new ExpandError(`the "${name}" condition is not supported yet`);
  };
}

function notCompiled(name: string): () => never {
  return () => {
    throw new ExpandError(`support for "${name}" not compiled`);
  };
}

registerCondition({ name: 'ldapauth', nargs: 1, fn: notYet('ldapauth') });
registerCondition({ name: 'pam', nargs: 1, fn: notYet('pam') });
registerCondition({ name: 'radius', nargs: 1, fn: notCompiled('radius') });
registerCondition({ name: 'pwcheck', nargs: 1, fn: notCompiled('pwcheck') });
