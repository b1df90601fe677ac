/**
 * One AUTH exchange: mechanism check, acl_smtp_auth, then the authenticator hook driving the
 * 334 challenges. Replies and log lines follow Exim's wording.
 */
import { handleAclFailure, runHookAcl } from './acl-hooks.js';
import { authMechanisms } from './auth-mechs.js';
import type { Next, SmtpSession } from './session.js';

export async function runAuth(s: SmtpSession, arg: string): Promise<Next> {
  const m = /^(\S*)(?:[ \t]+(\S+))?/.exec(arg)!;
  const mech = m[1]!.toUpperCase();
  if (!authMechanisms(s).includes(mech)) return s.synprotError(504, `${m[1]} authentication mechanism not supported`);
  const outcome = await runHookAcl(s, 'auth');
  if (outcome.result !== 'ok') return handleAclFailure(s, 'auth', outcome, arg);
  if (!s.deps.auth) {
    s.respond(435, 'Unable to authenticate at present');
    s.logMain(`${mech} authenticator is not available in this build for ${s.fullhostOrLocal()}`);
    return 'continue';
  }
  const challenge = async (prompt: string): Promise<string | undefined> => {
    s.respond(334, prompt);
    await s.io.flush();
    const line = await s.io.input.readLine(16384);
    return line === undefined || line.ending === 'eof' ? undefined : line.text;
  };
  const res = await s.deps.auth.authenticate(mech, m[2], challenge, s.ctx);
  switch (res.result) {
    case 'ok':
      s.authenticatedId = res.id ?? '';
      s.authenticator = res.authenticator ?? mech.toLowerCase();
      s.setVar('authenticated_id', s.authenticatedId, true);
      s.setVar('sender_host_authenticated', s.authenticator);
      s.updateProtocol();
      s.respond(235, 'Authentication succeeded');
      return 'continue';
    case 'cancelled':
      return s.synprotError(501, 'Authentication cancelled');
    case 'bad64':
      return s.synprotError(501, 'Invalid base64 data');
    case 'defer':
      s.respond(435, res.message ?? 'Unable to authenticate at present');
      return 'continue';
    default:
      s.logMain(`${res.authenticator ?? mech.toLowerCase()} authenticator failed for ${s.fullhostOrLocal()}: 535 Incorrect authentication data${res.id !== undefined ? ` (set_id=${res.id})` : ''}`);
      s.respond(535, res.message ?? 'Incorrect authentication data');
      return 'continue';
  }
}
