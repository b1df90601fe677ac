/**
 * Adapter from the authenticators to the SMTP server's AuthHook (src/smtp/server/types.ts): the
 * server keeps the command-level rules (EHLO seen, acl_smtp_auth, 503/504) and calls this to run
 * the exchange. Extra fields beyond the hook's result carry what the hook type has no room for:
 * `reply` (Exim's full reply, e.g. 553 for cram_md5 with initial data) and `logLine` (Exim's
 * "authenticator failed" text without the host part, for every logged outcome, not only 535).
 */
import type { AuthHook } from '../smtp/server/types.js';
import type { ExpandContext } from '../expand/types.js';
import { parseAuthArguments, selectAuthenticator } from './command.js';
import { authFailureLogLine } from './replies.js';
import type { AuthResultKind, Authenticator } from './types.js';

type HookResult = Awaited<ReturnType<AuthHook['authenticate']>>;

export interface AuthHookResult extends HookResult {
  /** Exim's complete reply line. */
  readonly reply: string;
  /** `<name> authenticator failed for <HOST>: ...` with the literal `<HOST>` for the server to fill. */
  readonly logLine?: string;
}

const HOOK_RESULT: Readonly<Record<AuthResultKind, HookResult['result']>> = {
  ok: 'ok', fail: 'fail', defer: 'defer', cancelled: 'cancelled', bad64: 'bad64', unexpected: 'fail',
};

export function createAuthHook(authenticators: readonly Authenticator[]): AuthHook {
  const servers = authenticators.filter((a) => a.isServer);
  return {
    // Synchronous by the hook's contract, so server_advertise_condition cannot be applied here;
    // servers needing it should call advertisedAuthenticators(auths, ctx) instead.
    mechanisms: () => servers.map((a) => a.publicName),
    async authenticate(mechanism, initialResponse, challenge, ctx: ExpandContext): Promise<AuthHookResult> {
      const chosen = selectAuthenticator(servers, parseAuthArguments(mechanism).mechanism);
      if ('reply' in chosen) return { result: 'unknown', message: chosen.reply.slice(4), reply: chosen.reply };
      const ex = chosen.serverExchange(ctx);
      let step = await ex.start(initialResponse);
      while ('challenge' in step) {
        const line = await challenge(step.challenge);
        if (line === undefined) return { result: 'cancelled', authenticator: chosen.name, reply: '' };
        step = await ex.continue(line);
      }
      const o = step.done;
      return {
        result: HOOK_RESULT[o.result],
        id: o.setId,
        message: o.reply.slice(4),
        authenticator: chosen.name,
        reply: o.reply,
        logLine: o.logged ? authFailureLogLine(chosen.name, '<HOST>', o) : undefined,
      };
    },
  };
}
