/**
 * The smaller commands: RSET, NOOP, HELP, QUIT, VRFY, EXPN, ETRN, and the STARTTLS and AUTH
 * hooks (the TLS and authenticator implementations plug in through SessionDeps).
 */
import { parseSmtpAddress } from './address.js';
import { handleAclFailure, runHookAcl } from './acl-hooks.js';
import { runAuth } from './auth-exchange.js';
import type { Next, SmtpSession } from './session.js';

export function rsetCommand(s: SmtpSession): Next {
  s.resetTransaction();
  s.respond(250, 'Reset OK');
  return 'continue';
}

export function noopCommand(s: SmtpSession): Next {
  s.respond(250, 'OK');
  return 'continue';
}

export function helpCommand(s: SmtpSession): Next {
  let list = 'AUTH STARTTLS HELO EHLO MAIL RCPT DATA BDAT NOOP QUIT RSET HELP';
  if (s.opts.str('acl_smtp_etrn') !== undefined) list += ' ETRN';
  if (s.opts.str('acl_smtp_expn') !== undefined) list += ' EXPN';
  if (s.opts.str('acl_smtp_vrfy') !== undefined) list += ' VRFY';
  s.respond(214, `Commands supported:\n${list}`);
  return 'continue';
}

export async function quitCommand(s: SmtpSession): Promise<Next> {
  const outcome = await runHookAcl(s, 'quit');
  if (outcome.result === 'error' && outcome.logMessage) s.logMain(`ACL "${s.opts.str('acl_smtp_quit')}" for QUIT returned ERROR: ${outcome.logMessage}`);
  const text = outcome.result === 'ok' && outcome.userMessage !== undefined ? outcome.userMessage : `${s.activeHostname()} closing connection`;
  s.respond(221, text);
  if (s.deps.log.selectors.has('smtp_connection')) s.logMain(`SMTP connection from ${s.fullhostOrLocal()} closed by QUIT`);
  return 'close';
}

export async function vrfyCommand(s: SmtpSession, arg: string): Promise<Next> {
  const parsed = parseSmtpAddress(arg, { allowDomainLiterals: s.opts.bool('allow_domain_literals') });
  if (!parsed.ok) return s.synprotError(501, parsed.error, arg);
  if (parsed.domain === '') return s.synprotError(501, 'recipient address must contain a domain', arg);
  s.setVar('local_part', parsed.localPart, true);
  s.setVar('domain', parsed.domain, true);
  const outcome = await runHookAcl(s, 'vrfy', parsed.address);
  s.ctx.vars.delete('local_part');
  s.ctx.vars.delete('domain');
  if (outcome.result !== 'ok') return handleAclFailure(s, 'vrfy', outcome, arg);
  if (outcome.userMessage !== undefined) {
    s.respond(250, outcome.userMessage);
    return 'continue';
  }
  // Address verification through the routers belongs to the delivery subsystem.
  s.respond(252, `Cannot VRFY user; try RCPT to attempt delivery (or try finger)`);
  return 'continue';
}

export async function expnCommand(s: SmtpSession, arg: string): Promise<Next> {
  const outcome = await runHookAcl(s, 'expn');
  if (outcome.result !== 'ok') return handleAclFailure(s, 'expn', outcome, arg);
  s.respond(550, outcome.userMessage ?? 'EXPN not available');
  return 'continue';
}

export async function etrnCommand(s: SmtpSession, arg: string): Promise<Next> {
  if (arg === '') return s.synprotError(501, 'ETRN must have an argument');
  s.logMain(`ETRN ${arg} received from ${s.fullhostOrLocal()}`);
  const outcome = await runHookAcl(s, 'etrn');
  if (outcome.result !== 'ok') return handleAclFailure(s, 'etrn', outcome, arg);
  if (s.opts.str('smtp_etrn_command') === undefined) {
    s.respond(250, outcome.userMessage ?? 'OK');
    return 'continue';
  }
  // Running smtp_etrn_command needs the queue runner (delivery subsystem).
  s.respond(458, 'Unable to start queue run');
  return 'continue';
}

export async function starttlsCommand(s: SmtpSession): Promise<Next> {
  if (!s.advertised.has('STARTTLS')) return s.synprotError(503, 'STARTTLS command used when not advertised');
  const outcome = await runHookAcl(s, 'starttls');
  if (outcome.result !== 'ok') return handleAclFailure(s, 'starttls', outcome, '');
  s.respond(220, 'TLS go ahead');
  await s.io.flush();
  if (!s.deps.startTls) {
    // -bh and -bs: stdin cannot carry a TLS handshake, so it fails exactly as it does in Exim.
    s.logMain(`TLS error on connection from ${s.fullhostOrLocal()} (gnutls_handshake): Error in the pull function.`);
    return 'close';
  }
  const res = await s.deps.startTls(s.io);
  if (!res.ok) {
    s.logMain(`TLS error on connection from ${s.fullhostOrLocal()} ${res.logText}`);
    return 'close';
  }
  s.tls = res.tls;
  s.resetTransaction();
  s.heloName = undefined;
  s.heloVerb = undefined;
  s.esmtp = false;
  s.advertised = new Set();
  s.refreshHostVariables();
  return 'continue';
}

export async function authCommand(s: SmtpSession, arg: string): Promise<Next> {
  if (!s.advertised.has('AUTH') && !s.controls.set.has('allow_auth_unadvertised')) return s.synprotError(503, 'AUTH command used when not advertised');
  if (s.authenticatedId !== undefined && s.deps.overrides?.authenticatedId === undefined) return s.synprotError(503, 'already authenticated');
  if (s.sender !== undefined) return s.synprotError(503, 'not permitted in mail transaction');
  return runAuth(s, arg);
}
