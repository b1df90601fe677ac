/**
 * The smaller commands: RSET, NOOP, HELP, QUIT, VRFY, EXPN, ETRN, and the STARTTLS and AUTH
 * hooks (the TLS and authenticator implementations plug in through SessionDeps).
 */
import { parseSmtpAddress } from './address.js';
import { acceptReply, handleAclFailure, runHookAcl } from './acl-hooks.js';
import { runAuth } from './auth-exchange.js';
import { lostDuringData } from './cmd-data.js';
import { aclContext } from './acl-hooks.js';
import type { Next, SmtpSession } from './session.js';
import type { AclOutcome } from '../../acl/types.js';
import { TlsConfigError } from '../../tls/index.js';
import { closedByQuitLine } from '../../log/lines/smtp.js';
import { logNoMail } from './disconnect.js';

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
  logQuitAclProblem(s, 'QUIT', outcome);
  const text = outcome.result === 'ok' && outcome.userMessage !== undefined ? outcome.userMessage : `${s.activeHostname()} closing connection`;
  s.respond(221, text);
  if (s.bdatFailed || s.bdatChunks !== undefined) lostDuringData(s, 'header');
  if (s.deps.log.selectors.has('smtp_connection')) s.logMain(closedByQuitLine(s.logHost(), s.deps.log.selectors));
  logNoMail(s);
  return 'close';
}

/** QUIT and not-QUIT ACLs cannot refuse anything; Exim logs a misuse of deny/drop as an error. */
export function logQuitAclProblem(s: SmtpSession, which: 'QUIT' | 'not-QUIT', outcome: AclOutcome): void {
  if (outcome.result === 'fail' || outcome.result === 'fail_drop') {
    const verb = outcome.result === 'fail' ? 'deny' : 'drop';
    s.logMain(`ACL for ${which} returned ERROR: QUIT or not-QUIT toplevel ACL may not fail ('${verb}' verb used incorrectly)`);
  } else if (outcome.result === 'error' && outcome.logMessage) s.logMain(`ACL for ${which} returned ERROR: ${outcome.logMessage}`);
}

export async function vrfyCommand(s: SmtpSession, arg: string): Promise<Next> {
  if (arg === '') return s.synprotError(501, 'empty address');
  const parsed = parseSmtpAddress(arg, { allowDomainLiterals: s.opts.bool('allow_domain_literals') });
  // VRFY reports a parse error without the operand (MAIL and RCPT put it in front).
  if (!parsed.ok) return s.synprotError(501, parsed.error);
  if (parsed.domain === '') return s.synprotError(501, 'recipient address must contain a domain', parsed.address);
  s.setVar('local_part', parsed.localPart, true);
  s.setVar('domain', parsed.domain, true);
  const outcome = await runHookAcl(s, 'vrfy', parsed.address);
  s.ctx.vars.delete('local_part');
  s.ctx.vars.delete('domain');
  if (outcome.result !== 'ok') return handleAclFailure(s, 'vrfy', outcome, arg);
  const actx = aclContext(s, 'vrfy');
  const verdict = actx.verify ? await actx.verify('recipient', parsed.address, '', actx) : { result: 'fail' as const, message: 'Unrouteable address' };
  if (verdict.result === 'ok') {
    s.respond(250, `<${parsed.address}> is deliverable`);
    return 'continue';
  }
  // Without routers (the delivery subsystem wires `verify`) nothing is routable, as in Exim.
  s.logMain(`VRFY failed for ${arg} ${s.hostForLog()}`);
  s.respond(verdict.result === 'defer' ? 451 : 550, `<${parsed.address}> ${verdict.message ?? 'Unrouteable address'}`);
  return 'continue';
}

export async function expnCommand(s: SmtpSession, arg: string): Promise<Next> {
  const outcome = await runHookAcl(s, 'expn');
  if (outcome.result !== 'ok') return handleAclFailure(s, 'expn', outcome, arg);
  // Expansion needs the routers (delivery subsystem); with none, every address is undeliverable.
  const address = arg.includes('@') ? arg : `${arg}@${s.opts.str('qualify_recipient') ?? s.opts.str('qualify_domain') ?? s.activeHostname()}`;
  s.respond(553, `${address} is undeliverable`);
  return 'continue';
}

export async function etrnCommand(s: SmtpSession, arg: string): Promise<Next> {
  s.logMain(`ETRN ${arg} received from ${s.fullhostOrLocal()}`);
  const outcome = await runHookAcl(s, 'etrn');
  if (outcome.result !== 'ok') return handleAclFailure(s, 'etrn', outcome, arg);
  if (s.opts.str('smtp_etrn_command') === undefined) {
    // Without a command, ETRN only accepts Exim's "#name" form (which does nothing else).
    if (!arg.startsWith('#')) return s.synprotError(501, 'argument must begin with #');
    acceptReply(s, '250', outcome, 'OK');
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
  if (s.deps.serverTls) {
    try {
      await s.deps.serverTls.prepare({ address: s.hostAddress ?? '', name: s.deps.overrides?.senderHostName });
    } catch (e) {
      if (!(e instanceof TlsConfigError)) throw e;
      // A certificate or key that cannot be loaded: Exim's temporary refusal.
      s.logMain(`TLS error on connection from ${s.fullhostOrLocal()} (tls setup): ${e.message}`);
      s.respond(454, 'TLS currently unavailable');
      return 'continue';
    }
  }
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
  s.tlsSession = res.session;
  s.setTlsVariables();
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
