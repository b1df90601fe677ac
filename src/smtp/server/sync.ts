/**
 * Exim's SMTP synchronisation checks (smtp_enforce_sync): for a real TCP client, input that is
 * already waiting when a command that must end a pipelined group is answered is a protocol
 * violation; the connection is refused with 554. -bh and -bs never check (stdin is not a socket).
 */
import { stringPrinting } from '../../acl/index.js';
import type { SmtpSession } from './session.js';

/** Commands checked whatever was advertised, and those checked only without PIPELINING. */
const ALWAYS = new Set(['HELO', 'EHLO', 'DATA', 'NOOP', 'VRFY', 'EXPN', 'ETRN', 'STARTTLS']);
const WITHOUT_PIPELINING = new Set(['MAIL', 'RCPT', 'RSET']);

export function syncEnforced(s: SmtpSession): boolean {
  if (s.deps.mode !== 'daemon') return false;
  if (s.controls.set.has('no_enforce_sync')) return false;
  if (s.controls.set.has('enforce_sync')) return true;
  return s.opts.bool('smtp_enforce_sync', true);
}

/** How long to look for input sent before the greeting (only when PIPECONNECT is not offered). */
const GREETING_GRACE_MS = 20;

/** Shown input is limited so a flood does not fill the log line. */
const SHOWN = 150;

/** Before the banner: input from a client that was not offered PIPECONNECT. */
export async function greetingSyncError(s: SmtpSession, pipeConnectAllowed: boolean): Promise<boolean> {
  if (!syncEnforced(s) || pipeConnectAllowed) return false;
  // Exim's check comes after its fork, so bytes sent at connect are already in; allow for that.
  if (!(await s.io.input.pendingWithin(GREETING_GRACE_MS))) return false;
  s.logReject(`SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from ${s.hostForLog()} input="${stringPrinting(s.io.input.peek(SHOWN))}"`);
  s.respond(554, 'SMTP synchronization error');
  return true;
}

/** For a command just read: more input already waiting where Exim forbids it. */
export function commandSyncError(s: SmtpSession, command: string): boolean {
  if (!syncEnforced(s) || s.io.input.pending === 0) return false;
  const pipelining = s.advertised.has('PIPELINING');
  if (!ALWAYS.has(command) && !(WITHOUT_PIPELINING.has(command) && !pipelining)) return false;
  s.logReject(`SMTP protocol synchronization error (next input sent too soon: pipelining was${pipelining ? '' : ' not'} advertised): rejected "${s.currentCommand}" ${s.hostForLog()} next input="${stringPrinting(s.io.input.peek(SHOWN))}"`);
  s.respond(554, 'SMTP synchronization error');
  return true;
}
