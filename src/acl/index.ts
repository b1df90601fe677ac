/**
 * The ACL engine (spec chapter "Access control lists"):
 *
 *   const engine = createAclEngine(config);
 *   const out = await engine.run(config.mainOption('acl_smtp_rcpt'), { where: 'rcpt', expand, controls, log });
 *   // out.result: ok | fail | defer | discard | fail_drop | error; out.userMessage / out.logMessage
 *
 * Mapping results to SMTP replies and rejection log lines is the SMTP layer's job.
 */
export { createAclEngine, MAX_ACL_DEPTH } from './engine.js';
export type { AclEngineOptions, InternalAclEngine } from './engine.js';
export { aclExpandHook, newAclControls, stderrLogger } from './expand-hook.js';
export type { AclExpandHookOptions } from './expand-hook.js';
export { AclDefer, AclError } from './errors.js';
export { hostAndIdent, fullHost, stringPrinting } from './host-ident.js';
export { registerAclCondition, aclCondition, registeredAclConditions } from './registry.js';
export { whereName } from './where.js';
export { parseAclText } from './parse.js';
export type * from './types.js';
