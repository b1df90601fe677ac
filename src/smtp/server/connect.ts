/**
 * Start of a connection: host_reject_connection, the connect ACL, then the 220 banner (multi-line
 * when smtp_banner expands to several lines).
 */
import { ExpandError } from '../../expand/types.js';
import { handleAclFailure, runHookAcl } from './acl-hooks.js';
import type { Next, SmtpSession } from './session.js';
import { greetingSyncError } from './sync.js';
import { negotiateProxy } from './proxy-phase.js';
import { connectionStartLine } from '../../log/lines/smtp.js';

export async function connectPhase(s: SmtpSession): Promise<Next> {
  if (!s.isLocal && (await s.hostInList('hosts_proxy'))) await negotiateProxy(s);
  else if (!s.isLocal) s.setVar('proxy_session', 'no');
  if (s.deps.log.selectors.has('smtp_connection')) s.logMain(connectionStartLine(s.logHost(), s.deps.log.selectors, s.deps.connectionCount));
  if (!s.isLocal && (await rejectedHost(s))) return 'close';
  const outcome = await runHookAcl(s, 'connect');
  if (outcome.result !== 'ok') {
    handleAclFailure(s, 'connect', outcome, '');
    return 'close';
  }
  const pipeConnect = await s.hostInList('pipelining_connect_advertise_hosts');
  if (await greetingSyncError(s, pipeConnect)) return 'close';
  if (!(await sendBanner(s))) return 'close';
  if (pipeConnect && s.deps.mode === 'daemon') {
    // The client used PIPE_CONNECT if its first bytes came before the banner left.
    await s.io.flush();
    const bannerAt = Date.now();
    s.pipeConnectUsed = s.io.input.firstDataAt !== undefined && s.io.input.firstDataAt <= bannerAt;
  }
  return 'continue';
}

/** host_reject_connection: refuse with 554 before anything else. */
async function rejectedHost(s: SmtpSession): Promise<boolean> {
  if (!(await s.hostInList('host_reject_connection'))) return false;
  s.logReject(`refused connection from ${s.fullhost()} (host_reject_connection)`);
  s.respond(554, 'SMTP service not available');
  return true;
}

/** The 220 greeting; when smtp_banner cannot be expanded Exim logs it and drops the connection. */
async function sendBanner(s: SmtpSession): Promise<boolean> {
  let text: string;
  try {
    text = (await s.expandOption('smtp_banner'))?.s ?? '';
  } catch (e) {
    if (!(e instanceof ExpandError)) throw e;
    s.deps.log.write(['main', 'panic'], `Expansion of "${s.opts.str('smtp_banner')}" (smtp_banner) failed: ${e.message}`);
    return false;
  }
  s.respond(220, text);
  return true;
}
