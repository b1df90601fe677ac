/**
 * Endings of a connection other than QUIT: the client vanished while a command was expected,
 * or the server dropped it. Exim replies 421 (which the client will not see), logs the event
 * and runs acl_smtp_notquit.
 */
import { runHookAcl } from './acl-hooks.js';
import type { SmtpSession } from './session.js';
import { noMailLine } from '../../log/lines/smtp.js';

/** Exim's duration format: 0s, 5s, 1m5s, 2h3m, 1d2h... */
export function durationText(seconds: number): string {
  let rest = Math.max(0, Math.floor(seconds));
  if (rest === 0) return '0s';
  const units: Array<[string, number]> = [['w', 604800], ['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  let out = '';
  for (const [u, n] of units) {
    const q = Math.floor(rest / n);
    if (q > 0) out += `${q}${u}`;
    rest -= q * n;
  }
  return out;
}

export function connectionDuration(s: SmtpSession): string {
  return durationText((s.now().getTime() - s.startTime.getTime()) / 1000);
}

/** +smtp_no_mail: a session that ends without any MAIL command is logged with its commands. */
export function logNoMail(s: SmtpSession): void {
  if (s.sawMail || !s.deps.log.selectors.has('smtp_no_mail')) return;
  const t = s.tlsSession?.log;
  const auth = s.authenticator !== undefined ? { authenticator: s.authenticator, id: s.authenticatedId } : undefined;
  s.logMain(noMailLine(s.logHost(), s.deps.log.selectors, { durationMs: s.now().getTime() - s.startTime.getTime(), tls: t, auth, commands: s.history }));
}

export async function endOfInput(s: SmtpSession, log = true): Promise<void> {
  if (s.io.input.timedOut) {
    s.respond(421, `${s.activeHostname()}: SMTP command timeout - closing connection`);
    s.logMain(`SMTP command timeout on connection from ${s.fullhostOrLocal()}`);
    await runNotQuit(s, 'command-timeout');
    return;
  }
  s.respond(421, `${s.activeHostname()} lost input connection`);
  // Exim says nothing about the disconnection once a message was taken, and +smtp_no_mail's line
  // replaces it.
  if (s.sawMail || !s.deps.log.selectors.has('smtp_no_mail')) {
    if (log && s.messagesThisConnection === 0) s.logMain(`unexpected disconnection while reading SMTP command from ${s.fullhostOrLocal()} D=${connectionDuration(s)}`);
  }
  logNoMail(s);
  await runNotQuit(s, 'connection-lost');
}

/** acl_smtp_notquit with $smtp_notquit_reason; its outcome only matters for logging. */
export async function runNotQuit(s: SmtpSession, reason: string): Promise<void> {
  if (s.opts.str('acl_smtp_notquit') === undefined) return;
  s.setVar('smtp_notquit_reason', reason);
  const outcome = await runHookAcl(s, 'notquit');
  if (outcome.result === 'error' && outcome.logMessage) s.logMain(`ACL for not-QUIT returned ERROR: ${outcome.logMessage}`);
}
