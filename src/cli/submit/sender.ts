/**
 * The envelope sender of a local message and the name used in From:/Sender: fix-ups.
 * Trusted callers may set any sender with -f; anyone may set the empty sender; untrusted
 * callers may set senders matching untrusted_set_sender; otherwise -f is ignored and the sender
 * is the caller's login at qualify_domain. The full name (gecos or -F) appears in an added
 * From: only when Exim would use it: for untrusted callers, with -F, or when -f was not used.
 */
import { matchAddressList } from '../../match/index.js';
import { ExpandError, type ExpandContext } from '../../expand/types.js';
import { originatorName } from './caller.js';
import type { SubmitDeps, SubmitMessage } from './receive.js';
import { strOption } from './options.js';

export interface SenderChoice {
  readonly sender: string;
  /** The sender is the caller's own address (-local, $authenticated_id). */
  readonly senderLocal: boolean;
  /** An untrusted caller set it through untrusted_set_sender (-sender_set_untrusted). */
  readonly setUntrusted: boolean;
  readonly name: string;
  /** The caller counts as authenticated although the sender is not theirs ("From " line). */
  readonly callerAuthenticated?: boolean;
}

export async function resolveSender(m: SubmitMessage, deps: SubmitDeps, qualifyDomain: string, ctx: ExpandContext): Promise<SenderChoice> {
  const own = `${deps.caller.login}@${qualifyDomain}`;
  const trusted = deps.trusted || m.localError === true;
  const fullName = originatorName(deps.caller, m.fullName);
  const named = (forced: boolean): string => (!trusted || m.fullName !== undefined || !forced ? fullName : '');
  if (m.sender === undefined) return { sender: own, senderLocal: true, setUntrusted: false, name: named(false) };
  const given = qualifySender(m.sender, qualifyDomain);
  if (trusted || given === '') return { sender: given, senderLocal: false, setUntrusted: false, name: named(true) };
  if (await untrustedMaySet(given, deps, ctx)) return { sender: given, senderLocal: false, setUntrusted: true, name: named(true) };
  return { sender: own, senderLocal: true, setUntrusted: false, name: named(false) };
}

/** -f joe becomes joe@qualify_domain; `<x@y>` loses its brackets. */
export function qualifySender(value: string, qualifyDomain: string): string {
  const bare = value.trim().replace(/^<(.*)>$/, '$1');
  if (bare === '') return '';
  return bare.includes('@') ? bare : `${bare}@${qualifyDomain}`;
}

async function untrustedMaySet(sender: string, deps: SubmitDeps, ctx: ExpandContext): Promise<boolean> {
  const raw = strOption(deps.config, 'untrusted_set_sender');
  if (raw === undefined || raw === '') return false;
  try {
    const list = (await ctx.services.expand(raw, ctx)).s;
    return (await matchAddressList(sender, list, ctx)).matched;
  } catch (e) {
    if (e instanceof ExpandError) return false;
    throw e;
  }
}
