/**
 * Calling the acl_smtp_* ACLs and turning their outcome into Exim's replies and log lines.
 * The option value is expanded first (a failure is a temporary error, logged with Exim's
 * "failed to expand ACL string" text); an unset option has Exim's default: RCPT, VRFY, EXPN,
 * ETRN are refused, everything else accepted.
 */
import type { AclOutcome, AclRunContext, AclWhere } from '../../acl/types.js';
import type { LogFile } from '../../log/types.js';
import { whereName } from '../../acl/where.js';
import { verifyHookFor } from '../../route/verify.js';
import { replyParts, formatAclReply } from './reply.js';
import type { Next, SmtpSession } from './session.js';

const OPTION: Partial<Record<AclWhere, string>> = {
  connect: 'acl_smtp_connect', helo: 'acl_smtp_helo', mail: 'acl_smtp_mail', rcpt: 'acl_smtp_rcpt',
  predata: 'acl_smtp_predata', data: 'acl_smtp_data', quit: 'acl_smtp_quit', notquit: 'acl_smtp_notquit',
  vrfy: 'acl_smtp_vrfy', expn: 'acl_smtp_expn', etrn: 'acl_smtp_etrn', starttls: 'acl_smtp_starttls',
  auth: 'acl_smtp_auth', mime: 'acl_smtp_mime',
};

/** Hooks whose ACL, when not configured, refuses everything. */
const DENY_WHEN_UNSET = new Set<AclWhere>(['rcpt', 'vrfy', 'expn', 'etrn']);

/** The context an ACL (or a verify hook) sees for a hook. */
export function aclContext(s: SmtpSession, where: AclWhere, recipient?: string): AclRunContext {
  return {
    where, expand: s.ctx, controls: s.controls, log: s.deps.log, recipient, verify: s.deps.verify ?? verifyHookFor(s.deps.config),
    hostAndIdent: s.hostForLog(), hostChecking: s.deps.mode === 'bh', messageId: s.lastMessageId,
    services: { spoolDirectory: s.opts.str('spool_directory') },
  };
}

/** Hooks where the `discard` verb means something; elsewhere Exim turns it into an error. */
const DISCARD_ALLOWED = new Set<AclWhere>(['mail', 'rcpt', 'data', 'mime', 'dkim', 'prdr', 'quit', 'notquit']);

/** Run the hook's ACL (the engine expands the option text, as Exim does). */
export async function runHookAcl(s: SmtpSession, where: AclWhere, recipient?: string): Promise<AclOutcome> {
  const option = OPTION[where];
  const raw = option === undefined ? undefined : s.opts.str(option);
  if (raw === undefined || raw === '') return { result: DENY_WHEN_UNSET.has(where) ? 'fail' : 'ok' };
  const outcome = await s.deps.acl.run(raw, aclContext(s, where, recipient));
  if (outcome.result === 'discard' && !DISCARD_ALLOWED.has(where)) {
    s.logMain(`"discard" verb not allowed in ${whereName(where)} ACL`);
    return { result: 'error' };
  }
  return outcome;
}

/** What Exim calls each hook in "rejected ..." log lines. */
function whatRejected(s: SmtpSession, where: AclWhere, subject: string): string {
  switch (where) {
    case 'connect': return 'connection in "connect" ACL';
    case 'helo': return `EHLO or HELO ${subject}`;
    case 'mail': return `MAIL <${subject}>`;
    case 'rcpt': return `RCPT <${subject}>`;
    case 'predata': return 'DATA';
    case 'data': return 'after DATA';
    case 'vrfy': return `VRFY ${subject}`;
    case 'expn': return `EXPN ${subject}`;
    case 'etrn': return `ETRN ${subject}`;
    case 'starttls': return 'STARTTLS';
    case 'auth': return `AUTH ${subject}`;
    default: return s.currentCommand;
  }
}

/** Default reply codes by hook: [fail, defer]. */
function defaultCodes(where: AclWhere): [string, string] {
  if (where === 'etrn') return ['458', '451'];
  if (where === 'vrfy') return ['252', '451'];
  return ['550', '451'];
}

const FAIL_TEXT = 'Administrative prohibition';
const DEFER_TEXT = 'Temporary local problem - please try later';

export interface AclFailureText {
  /** The reply text without codes, for the "All RCPT commands were rejected" summary. */
  readonly summary: string;
}

/**
 * Reply to and log a non-accept outcome. Returns 'close' after `drop` and the reply text
 * summary via `onReply` (used by RCPT).
 */
/** An accepting ACL's `message =` replaces the normal positive reply text. */
export function acceptReply(s: SmtpSession, code: string, outcome: AclOutcome, normal: string): void {
  if (outcome.userMessage === undefined) {
    s.respond(code, normal);
    return;
  }
  const parts = replyParts(code, outcome.userMessage);
  if (parts.badCode) s.logMain(parts.badCode);
  s.send(formatAclReply(parts, outcome.userMessage));
}

export function handleAclFailure(s: SmtpSession, where: AclWhere, outcome: AclOutcome, subject: string, onReply?: (t: AclFailureText) => void, messageId?: string): Next {
  const temporary = outcome.result === 'defer' || outcome.result === 'error';
  const [failCode, deferCode] = defaultCodes(where);
  const userMessage = outcome.result === 'error' ? undefined : outcome.userMessage;
  const message = userMessage ?? (temporary ? DEFER_TEXT : FAIL_TEXT);
  const parts = replyParts(temporary ? deferCode : failCode, message);
  if (parts.badCode) s.logMain(parts.badCode);
  // The engine defaults log_message to the user message; Exim logs that with a corrected code.
  const logText = outcome.logMessage !== undefined && outcome.logMessage !== userMessage ? outcome.logMessage : userMessage === undefined ? undefined : parts.logText;
  logRejection(s, where, logText, subject, temporary, messageId, outcome.logRejectTarget);
  s.send(formatAclReply(parts, message));
  onReply?.({ summary: parts.text });
  return outcome.result === 'fail_drop' ? 'close' : 'continue';
}

function logRejection(s: SmtpSession, where: AclWhere, message: string | undefined, subject: string, temporary: boolean, messageId?: string, target?: readonly LogFile[]): void {
  const reason = message?.split('\n')[0];
  const sender = ['rcpt', 'data'].includes(where) ? ` F=<${s.sender ?? ''}>` : '';
  const text = `${s.hostForLog()}${sender} ${temporary ? 'temporarily ' : ''}rejected ${whatRejected(s, where, subject)}${reason ? `: ${reason}` : ''}`;
  const line = text.trimStart();
  if (target === undefined) s.logReject(line, messageId);
  else if (target.length > 0) s.deps.log.write(target, line, messageId ?? s.lastMessageId);
}
