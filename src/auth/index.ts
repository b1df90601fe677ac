/**
 * Authenticators (server and client sides), socket-independent. See docs/auth.md.
 *
 *   const auths = createAuthenticators(config.authenticators, { primaryHostname });
 *   const adv = await advertisedAuthenticators(auths, ctx);        // EHLO: authEhloKeyword(adv)
 *   const { mechanism, initialResponse } = parseAuthArguments(args);
 *   const a = selectAuthenticator(adv, mechanism);                 // or { reply: '504 ...' }
 *   const ex = a.serverExchange(ctx);
 *   let step = await ex.start(initialResponse);
 *   while ('challenge' in step) step = await ex.continue(await readLine(`334 ${step.challenge}`));
 *   // step.done: reply, setId ($authenticated_id on ok), authFailureLogLine(...) when logged
 */
export * from './types.js';
export * from './replies.js';
export * from './command.js';
export * from './client.js';
export { decodeAuthBase64, encodeAuthBase64 } from './base64.js';
export { createAuthenticator, createAuthenticators, registerAuthDriver, authDriver, authDriverNames, UnknownAuthDriverError } from './registry.js';
export { cramMd5Challenge, cramMd5Digest } from './drivers/cram-md5.js';
export { notSupportedMessage, UNSUPPORTED_AUTH_DRIVERS } from './drivers/unsupported.js';
export { exchangeContext, checkServerCondition } from './server-common.js';
export { createAuthHook, type AuthHookResult } from './hook.js';
