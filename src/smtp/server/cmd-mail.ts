/**
 * MAIL FROM and RCPT TO: ESMTP parameters (taken from the end of the line, as Exim does, so an
 * unknown one is left in place and then reported as trailing junk), the address, unqualified
 * address rules, size limit, then the MAIL or RCPT ACL.
 */
import { parseSmtpAddress } from './address.js';
import { handleAclFailure, runHookAcl } from './acl-hooks.js';
import { messageSizeLimit } from './ehlo.js';
import type { Next, SmtpSession } from './session.js';

/** Split trailing `NAME[=value]` tokens off an operand, last first. */
function takeLastParam(text: string): { rest: string; name: string; value: string | true } | undefined {
  const m = /^(.*\S)[ \t]+([A-Za-z0-9-]+)(?:=(\S*))?$/s.exec(text);
  if (!m) return undefined;
  return { rest: m[1]!, name: m[2]!.toUpperCase(), value: m[3] === undefined ? true : m[3] };
}

type ParamVerdict = 'ok' | 'unknown' | { error: string };

function mailParam(s: SmtpSession, name: string, value: string | true): ParamVerdict {
  switch (name) {
    case 'SIZE':
      if (value === true) return 'unknown';
      s.mailParams.set('SIZE', String(parseInt(value, 10) || 0));
      return 'ok';
    case 'BODY': {
      if (value === true) return 'unknown';
      const v = value.toUpperCase();
      if (v !== '7BIT' && v !== '8BITMIME') return { error: 'invalid data for BODY' };
      s.mailParams.set('BODY', v);
      return 'ok';
    }
    case 'SMTPUTF8':
      if (value !== true || !s.advertised.has('SMTPUTF8')) return 'unknown';
      s.mailParams.set('SMTPUTF8', true);
      return 'ok';
    case 'RET':
    case 'ENVID':
      if (value === true) return 'unknown';
      s.mailParams.set(name, value);
      return 'ok';
    case 'AUTH':
      if (value === true || !s.advertised.has('AUTH')) return 'unknown';
      s.mailParams.set('AUTH', value);
      return 'ok';
    case 'PRDR':
      if (value !== true || !s.advertised.has('PRDR')) return 'unknown';
      s.mailParams.set('PRDR', true);
      return 'ok';
    default:
      return 'unknown';
  }
}

/** Peel known parameters off the end; returns the remaining operand or an error reply. */
function extractParams(s: SmtpSession, operand: string, accept: (name: string, value: string | true) => ParamVerdict): { operand: string } | { error: string } {
  let text = operand;
  for (;;) {
    const p = takeLastParam(text);
    if (!p) return { operand: text };
    const verdict = accept(p.name, p.value);
    if (verdict === 'unknown') return { operand: text };
    if (verdict !== 'ok') return verdict;
    text = p.rest;
  }
}

export async function mailCommand(s: SmtpSession, arg: string): Promise<Next> {
  if (s.heloName === undefined && (await requireHelo(s))) {
    s.logReject(`rejected MAIL from ${s.fullhostOrLocal()}: no HELO/EHLO given`);
    return s.synprotError(503, 'HELO or EHLO required');
  }
  if (s.sender !== undefined) return s.synprotError(503, 'sender already given');
  if (arg === '') return s.synprotError(501, 'MAIL must have an address operand');
  s.resetTransaction();
  const extracted = s.esmtp ? extractParams(s, arg, (n, v) => mailParam(s, n, v)) : { operand: arg };
  if ('error' in extracted) return s.synprotError(501, extracted.error);
  const limit = await messageSizeLimit(s);
  const size = Number(s.mailParams.get('SIZE') ?? 0);
  if (limit > 0 && size > limit) {
    s.logReject(`rejected MAIL FROM:${extracted.operand} ${s.fullhostOrLocal()}: message too big: size=${size} max=${limit}`);
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
  if (outcome.result === 'discard') s.discarded = true;
  else if (outcome.result !== 'ok') {
    s.ctx.vars.delete('sender_address');
    return handleAclFailure(s, 'mail', outcome, sender);
  }
  s.sender = sender;
  s.respond(250, outcome.userMessage ?? 'OK');
  return 'continue';
}

/** hosts_require_helo (default `*`): MAIL needs a prior HELO/EHLO. */
async function requireHelo(s: SmtpSession): Promise<boolean> {
  if (s.opts.str('hosts_require_helo') === undefined) return true;
  return s.hostInList('hosts_require_helo');
}

function rcptParam(s: SmtpSession, notify: { v?: string; orcpt?: string }, name: string, value: string | true): ParamVerdict {
  if (!s.advertised.has('DSN') || value === true) return 'unknown';
  if (name === 'NOTIFY') {
    notify.v = value;
    return 'ok';
  }
  if (name === 'ORCPT') {
    notify.orcpt = value;
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
  const extracted = s.esmtp ? extractParams(s, arg, (n, v) => rcptParam(s, dsn, n, v)) : { operand: arg };
  if ('error' in extracted) return rcptSynprot(s, 501, extracted.error);
  const parsed = parseSmtpAddress(extracted.operand, { allowDomainLiterals: s.opts.bool('allow_domain_literals') });
  if (!parsed.ok) return rcptSynprot(s, 501, parsed.error, extracted.operand);
  let address = parsed.address;
  let domain = parsed.domain;
  if (domain === '' && parsed.localPart.toLowerCase() !== 'postmaster') {
    if (!(await s.hostInList('recipient_unqualified_hosts')) && !s.isLocal) return rcptSynprot(s, 501, 'recipient address must contain a domain', extracted.operand);
    domain = s.opts.str('qualify_recipient') ?? s.opts.str('qualify_domain') ?? s.activeHostname();
    address = `${address}@${domain}`;
  }
  s.setVar('local_part', parsed.localPart, true);
  s.setVar('domain', domain, true);
  if (s.discarded) return acceptDiscarded(s, address, 'MAIL');
  const outcome = await runHookAcl(s, 'rcpt', address);
  s.ctx.vars.delete('local_part');
  s.ctx.vars.delete('domain');
  if (outcome.result === 'discard') return acceptDiscarded(s, address, 'RCPT');
  if (outcome.result !== 'ok') {
    return handleAclFailure(s, 'rcpt', outcome, address, ({ summary }) => noteRcptResponse(s, summary));
  }
  s.recipients.push({ address, notify: dsn.v, orcpt: dsn.orcpt });
  s.setVar('recipients_count', String(s.recipients.length));
  s.respond(250, outcome.userMessage ?? 'Accepted');
  return 'continue';
}

function acceptDiscarded(s: SmtpSession, address: string, by: 'MAIL' | 'RCPT'): Next {
  s.discarded = true;
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
