/**
 * One AUTH exchange: mechanism check, acl_smtp_auth, then the authenticator driving the 334
 * challenges (src/auth). Replies and the "authenticator failed" log line are Exim's; success
 * sets $authenticated_id and $sender_host_authenticated, failure $authenticated_fail_id.
 */
import { advertisedAuthenticators, authFailureLogLine, authenticatedFailId, parseAuthArguments, selectAuthenticator } from '../../auth/index.js';
import type { Authenticator } from '../../auth/types.js';
import { handleAclFailure, runHookAcl } from './acl-hooks.js';
import { endOfInput } from './disconnect.js';
import type { Next, SmtpSession } from './session.js';
import { fromWire, toWire as toWireText } from './bytes-text.js';
import { printable } from './reply.js';

/** Server authenticators offered to this client (server_advertise_condition applied). */
export async function offeredAuthenticators(s: SmtpSession): Promise<Authenticator[]> {
  return s.deps.authenticators ? advertisedAuthenticators(s.deps.authenticators, s.ctx) : [];
}

/** Authenticator data arrive one char per byte; anything wider is in the project's form. */
function asBytes(text: string): string {
  return /[^\x00-\xff]/.test(text) ? toWireText(text) : text;
}

export async function runAuth(s: SmtpSession, arg: string): Promise<Next> {
  const args = parseAuthArguments(arg);
  const chosen = selectAuthenticator(await offeredAuthenticators(s), args.mechanism);
  if ('reply' in chosen) return s.synprotError(504, chosen.reply.slice(4));
  const outcome = await runHookAcl(s, 'auth');
  if (outcome.result !== 'ok') return handleAclFailure(s, 'auth', outcome, arg);
  const exchange = chosen.serverExchange(s.ctx);
  let step = await exchange.start(args.initialResponse);
  while ('challenge' in step) {
    s.respond(334, step.challenge);
    await s.io.flush();
    const line = await s.io.input.readLine(16384);
    if (line === undefined || line.ending === 'eof') {
      await endOfInput(s, line === undefined);
      return 'close';
    }
    step = await exchange.continue(fromWire(line.text).replace(/[ \t\r]+$/, ''));
  }
  const done = step.done;
  if (done.logged) s.logMain(authFailureLogLine(chosen.name, s.fullhostOrLocal(), done));
  s.send(`${done.reply}\r\n`);
  if (done.result === 'ok') {
    // Exim keeps the id in printable form (octal escapes for other bytes).
    s.authenticatedId = done.setId === undefined ? '' : printable(asBytes(done.setId));
    s.authenticator = chosen.name;
    s.setVar('authenticated_id', done.setId === undefined ? undefined : s.authenticatedId, true);
    s.setVar('sender_host_authenticated', chosen.name);
    s.setVar('authenticated_fail_id', undefined);
    s.updateProtocol();
  } else {
    s.setVar('authenticated_fail_id', authenticatedFailId(done), true);
  }
  return 'continue';
}
