/**
 * HELO and EHLO: syntax check of the name (Exim's rules: letters, digits, dots, hyphens and
 * helo_allow_chars, or an IP literal in brackets), helo ACL, then the greeting or the EHLO
 * extension list. A successful HELO/EHLO also resets any transaction in progress.
 */
import { isIP } from 'node:net';
import { handleAclFailure, runHookAcl } from './acl-hooks.js';
import { ehloExtensions, greeting } from './ehlo.js';
import type { Next, SmtpSession } from './session.js';
import { messageLines } from './reply.js';

export async function heloCommand(s: SmtpSession, verb: 'HELO' | 'EHLO', arg: string): Promise<Next> {
  if (!(await heloSyntaxOk(s, arg))) {
    s.logReject(`rejected ${verb} from ${s.fullhostOrLocal()}: syntactically invalid argument(s): ${arg === '' ? '(no argument given)' : arg}`);
    return s.synprotError(501, `Syntactically invalid ${verb} argument(s)`);
  }
  const previous = { verb: s.heloVerb, name: s.heloName, esmtp: s.esmtp };
  s.resetTransaction();
  s.heloName = arg;
  s.heloVerb = verb;
  s.esmtp = verb === 'EHLO';
  s.advertised = new Set();
  s.refreshHostVariables();
  const outcome = await runHookAcl(s, 'helo');
  if (outcome.result !== 'ok') {
    const next = handleAclFailure(s, 'helo', outcome, arg);
    s.heloVerb = undefined;
    s.heloName = undefined;
    s.esmtp = previous.esmtp && false;
    s.refreshHostVariables();
    return next;
  }
  s.updateProtocol();
  // An accepting helo ACL's message replaces the greeting line.
  // Only the first line of a (folded) message is used: the extension lines follow it.
  const first = outcome.userMessage !== undefined ? messageLines(outcome.userMessage)[0]! : greeting(s);
  if (verb === 'HELO') {
    s.respond(250, first);
    return 'continue';
  }
  const lines = [first, ...(await ehloExtensions(s))];
  s.respond(250, lines.join('\n'));
  return 'continue';
}

async function heloSyntaxOk(s: SmtpSession, name: string): Promise<boolean> {
  if (name === '') return false;
  if (await s.hostInList('helo_accept_junk_hosts')) return true;
  if (name.startsWith('[')) {
    const m = /^\[(?:IPv6:)?([^\]]+)\]$/i.exec(name);
    return m !== null && isIP(m[1]!) !== 0;
  }
  const extra = s.opts.str('helo_allow_chars') ?? '';
  for (const ch of name) {
    if (/[A-Za-z0-9.\-]/.test(ch)) continue;
    if (extra.includes(ch)) continue;
    return false;
  }
  return true;
}
