/**
 * Calling the acl_smtp_* ACLs and turning their outcome into Exim's replies and log lines.
 * The option value is expanded first (a failure is a temporary error, logged with Exim's
 * "failed to expand ACL string" text); an unset option has Exim's default: RCPT, VRFY, EXPN,
 * ETRN are refused, everything else accepted.
 */
import type { AclOutcome, AclWhere } from '../../acl/types.js';
import { ExpandError } from '../../expand/types.js';
import { replyParts, formatReply } from './reply.js';
import type { Next, SmtpSession } from './session.js';

const OPTION: Partial<Record<AclWhere, string>> = {
  connect: 'acl_smtp_connect', helo: 'acl_smtp_helo', mail: 'acl_smtp_mail', rcpt: 'acl_smtp_rcpt',
  predata: 'acl_smtp_predata', data: 'acl_smtp_data', quit: 'acl_smtp_quit', notquit: 'acl_smtp_notquit',
  vrfy: 'acl_smtp_vrfy', expn: 'acl_smtp_expn', etrn: 'acl_smtp_etrn', starttls: 'acl_smtp_starttls',
  auth: 'acl_smtp_auth', mime: 'acl_smtp_mime',
};

/** Hooks whose ACL, when not configured, refuses everything. */
const DENY_WHEN_UNSET = new Set<AclWhere>(['rcpt', 'vrfy', 'expn', 'etrn']);

export async function runHookAcl(s: SmtpSession, where: AclWhere, recipient?: string): Promise<AclOutcome> {
  const option = OPTION[where];
  const raw = option === undefined ? undefined : s.opts.str(option);
  if (raw === undefined || raw === '') return { result: DENY_WHEN_UNSET.has(where) ? 'fail' : 'ok' };
  let name: string;
  try {
    name = (await s.ctx.services.expand(raw, s.ctx)).s;
  } catch (e) {
    if (!(e instanceof ExpandError)) throw e;
    if (e.forced) return { result: 'ok' };
    return { result: 'error', logMessage: `failed to expand ACL string "${raw}": ${e.message}` };
  }
  if (name === '') return { result: DENY_WHEN_UNSET.has(where) ? 'fail' : 'ok' };
  return s.deps.acl.run(name, {
    where,
    expand: s.ctx,
    controls: s.controls,
    log: s.deps.log,
    recipient,
    verify: s.deps.verify,
  });
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
  if (where === 'etrn') return ['458', '458'];
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
export function handleAclFailure(s: SmtpSession, where: AclWhere, outcome: AclOutcome, subject: string, onReply?: (t: AclFailureText) => void): Next {
  const temporary = outcome.result === 'defer' || outcome.result === 'error';
  const [failCode, deferCode] = defaultCodes(where);
  const userMessage = outcome.result === 'error' ? undefined : outcome.userMessage;
  const parts = replyParts(temporary ? deferCode : failCode, userMessage ?? (temporary ? DEFER_TEXT : FAIL_TEXT));
  logRejection(s, where, outcome, subject, temporary);
  s.send(formatReply(parts));
  onReply?.({ summary: parts.text });
  return outcome.result === 'fail_drop' ? 'close' : 'continue';
}

function logRejection(s: SmtpSession, where: AclWhere, outcome: AclOutcome, subject: string, temporary: boolean): void {
  const reason = outcome.logMessage ?? outcome.userMessage?.split('\n')[0];
  const sender = ['rcpt', 'predata', 'data'].includes(where) ? ` F=<${s.sender ?? ''}>` : '';
  const text = `${s.hostForLog()}${sender} ${temporary ? 'temporarily ' : ''}rejected ${whatRejected(s, where, subject)}${reason ? `: ${reason}` : ''}`;
  s.logReject(text.trimStart());
}
