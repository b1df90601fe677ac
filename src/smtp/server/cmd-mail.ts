/**
 * MAIL FROM and RCPT TO: ESMTP parameters (taken from the end of the line, as Exim does, so an
 * unknown one is left in place and then reported as trailing junk), the address, unqualified
 * address rules, size limit, then the MAIL or RCPT ACL.
 */
import { parseSmtpAddress } from './address.js';
import { acceptReply, handleAclFailure, runHookAcl } from './acl-hooks.js';
import { messageSizeLimit } from './ehlo.js';
import { peelOptions, type ParamVerdict } from './esmtp-params.js';
import type { Next, SmtpSession } from './session.js';

/** MAIL parameters Exim 4.96 knows; those of an extension not offered are mostly ignored. */
function mailParam(s: SmtpSession, name: string, value: string, hasValue: boolean): ParamVerdict {
  switch (name) {
    case 'SIZE':
      s.mailParams.set('SIZE', String(parseInt(value, 10) || 0));
      return 'ok';
    case 'BODY': {
      const v = value.toUpperCase();
      if (v !== '7BIT' && v !== '8BITMIME') return { error: 'invalid data for BODY' };
      s.mailParams.set('BODY', v);
      return 'ok';
    }
    case 'SMTPUTF8':
      if (!s.advertised.has('SMTPUTF8')) return { error: 'SMTPUTF8 used when not advertised' };
      s.mailParams.set('SMTPUTF8', true);
      return 'ok';
    case 'RET':
      return dsnMailParam(s, 'RET', value, (v) => v === 'HDRS' || v === 'FULL');
    case 'ENVID':
      return dsnMailParam(s, 'ENVID', value, () => true);
    case 'AUTH':
      if (s.authenticatedId === undefined) {
        if (value !== '<>') s.logMain(`ignoring AUTH=${value} from ${s.hostForLog()} (client not authenticated)`);
        return 'ok';
      }
      s.mailParams.set('AUTH', value);
      return 'ok';
    case 'PRDR':
      if (s.opts.bool('prdr_enable')) s.mailParams.set('PRDR', true);
      return 'ok';
    default:
      void hasValue;
      return 'unknown';
  }
}

/** RET and ENVID are checked only when DSN was advertised (otherwise Exim ignores them). */
function dsnMailParam(s: SmtpSession, name: 'RET' | 'ENVID', value: string, valid: (v: string) => boolean): ParamVerdict {
  if (!s.advertised.has('DSN')) return 'ok';
  if (s.mailParams.has(name)) return { error: `${name} can be specified once only` };
  const v = name === 'RET' ? value.toUpperCase() : value;
  if (!valid(v)) return { error: `Value for ${name} is invalid` };
  s.mailParams.set(name, v);
  return 'ok';
}

export async function mailCommand(s: SmtpSession, arg: string): Promise<Next> {
  if (s.heloName === undefined && (await requireHelo(s))) {
    s.logReject(`rejected MAIL from ${s.fullhostOrLocal()}: no HELO/EHLO given`);
    s.respond(503, 'HELO or EHLO required');
    return 'continue';
  }
  if (s.sender !== undefined) return s.synprotError(503, 'sender already given');
  const perConnection = s.opts.int('smtp_accept_max_per_connection', 1000); // 0: no limit
  if (s.deps.mode === 'daemon' && perConnection > 0 && s.messagesThisConnection >= perConnection) {
    s.logReject(`rejected MAIL command ${s.hostForLog()}: too many messages in one connection`);
    s.respond(421, 'too many messages in this connection');
    return 'continue';
  }
  if (arg === '') return s.synprotError(501, 'MAIL must have an address operand');
  s.resetTransaction();
  const extracted = s.esmtp ? peelOptions(arg, (n, v, h) => mailParam(s, n, v, h), false) : { operand: arg };
  if ('error' in extracted) return s.synprotError(501, extracted.error);
  if ('reply' in extracted) return 'continue';
  const limit = await messageSizeLimit(s);
  const size = Number(s.mailParams.get('SIZE') ?? 0);
  if (limit > 0 && size > limit) {
    s.logReject(`rejected MAIL FROM:${extracted.operand} ${s.hostForLog()}: message too big: size=${size} max=${limit}`);
    s.respond(552, 'Message size exceeds maximum permitted');
    return 'continue';
  }
  const parsed = parseSmtpAddress(extracted.operand, { allowEmpty: true, allowDomainLiterals: s.opts.bool('allow_domain_literals') });
  if (!parsed.ok) return s.synprotError(501, parsed.error, extracted.operand);
  let sender = parsed.address;
  if (sender !== '' && parsed.domain === '') {
    if (!(await s.hostInList('sender_unqualified_hosts')) && !s.isLocal) return s.synprotError(501, 'sender address must contain a domain', extracted.operand);
    sender = `${sender}@${s.opts.str('qualify_domain') ?? s.activeHostname()}`;
  }
  s.setVar('sender_address', sender, true);
  const outcome = await runHookAcl(s, 'mail');
  if (outcome.result === 'discard') s.mailDiscarded = true;
  else if (outcome.result !== 'ok') {
    s.ctx.vars.delete('sender_address');
    return handleAclFailure(s, 'mail', outcome, sender);
  }
  s.sender = sender;
  s.mailTime = s.now();
  acceptReply(s, '250', outcome, s.mailParams.has('PRDR') ? 'OK, PRDR Requested' : 'OK');
  return 'continue';
}

/** hosts_require_helo (default `*`): MAIL needs a prior HELO/EHLO. */
async function requireHelo(s: SmtpSession): Promise<boolean> {
  if (s.opts.str('hosts_require_helo') === undefined) return true;
  return s.hostInList('hosts_require_helo');
}

const NOTIFY_WORDS = new Set(['SUCCESS', 'FAILURE', 'DELAY']);

function rcptParam(s: SmtpSession, dsn: { v?: string; orcpt?: string }, name: string, value: string, hasValue: boolean): ParamVerdict {
  if (!s.advertised.has('DSN') || !hasValue) return 'unknown';
  if (name === 'NOTIFY') {
    const words = value.toUpperCase().split(',');
    const ok = words.length === 1 && words[0] === 'NEVER' ? true : words.every((w) => NOTIFY_WORDS.has(w));
    if (!ok) return { error: 'Invalid value for NOTIFY parameter' };
    dsn.v = value.toUpperCase();
    return 'ok';
  }
  if (name === 'ORCPT') {
    dsn.orcpt = value;
    return 'ok';
  }
  return 'unknown';
}

export async function rcptCommand(s: SmtpSession, arg: string): Promise<Next> {
  if (s.sender === undefined) return rcptSynprot(s, 503, 'sender not yet given');
  if (arg === '') return rcptSynprot(s, 501, 'RCPT must have an address operand');
  s.rcptCount++;
  s.setVar('rcpt_count', String(s.rcptCount));
  const dsn: { v?: string; orcpt?: string } = {};
  const extracted = s.esmtp ? peelOptions(arg, (n, v, h) => rcptParam(s, dsn, n, v, h), true) : { operand: arg };
  if ('error' in extracted) return rcptSynprot(s, 501, extracted.error);
  if ('reply' in extracted) return 'continue';
  const parsed = parseSmtpAddress(extracted.operand, { allowDomainLiterals: s.opts.bool('allow_domain_literals') });
  if (!parsed.ok) return rcptSynprot(s, 501, parsed.error, extracted.operand);
  let address = parsed.address;
  let domain = parsed.domain;
  if (domain === '' && parsed.localPart.toLowerCase() !== 'postmaster') {
    if (!(await s.hostInList('recipient_unqualified_hosts')) && !s.isLocal) return rcptSynprot(s, 501, 'recipient address must contain a domain', extracted.operand);
    domain = s.opts.str('qualify_recipient') ?? s.opts.str('qualify_domain') ?? s.activeHostname();
    address = `${address}@${domain}`;
  }
  // The RCPT ACL sees the local part and domain lower-cased (Exim's default without caseful_local_part).
  s.setVar('local_part', parsed.localPart.toLowerCase(), true);
  s.setVar('domain', domain.toLowerCase(), true);
  if (s.mailDiscarded) return acceptDiscarded(s, address, 'MAIL');
  const outcome = await runHookAcl(s, 'rcpt', address);
  s.ctx.vars.delete('local_part');
  s.ctx.vars.delete('domain');
  if (outcome.result === 'discard') return acceptDiscarded(s, address, 'RCPT');
  if (outcome.result !== 'ok') {
    return handleAclFailure(s, 'rcpt', outcome, address, ({ summary }) => noteRcptResponse(s, summary));
  }
  s.recipients.push({ address, notify: dsn.v, orcpt: dsn.orcpt });
  s.setVar('recipients_count', String(s.recipients.length));
  acceptReply(s, '250', outcome, 'Accepted');
  return 'continue';
}

function acceptDiscarded(s: SmtpSession, address: string, by: 'MAIL' | 'RCPT'): Next {
  s.discardedBy = by;
  s.logMain(`${s.hostForLog()} F=<${s.sender}> RCPT <${address}>: discarded by ${by} ACL`);
  s.respond(250, 'Accepted');
  return 'continue';
}

function rcptSynprot(s: SmtpSession, code: number, text: string, data?: string): Next {
  noteRcptResponse(s, `${code} ${data === undefined ? text : `${data}: ${text}`}`);
  return s.synprotError(code, text, data);
}

/** Keep the failed RCPT reply while all failures have had the same one (for DATA's summary). */
function noteRcptResponse(s: SmtpSession, text: string): void {
  if (s.rcptResponse === undefined) s.rcptResponse = text;
  else if (s.rcptResponse !== text) s.rcptResponseSame = false;
}
