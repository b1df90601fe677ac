/**
 * ACL address verification (`verify = sender` / `verify = recipient`, SMTP VRFY): the address
 * is routed in verify mode (no_verify routers skipped, fail_verify_* honoured) as Exim's
 * verify_address does without full information: a redirection to several addresses verifies,
 * a single generated address must verify in turn. On success $address_data (recipient) or
 * $sender_address_data (sender) is left in the ACL's variables, as Exim does.
 * Options: defer_ok, success_on_redirect, no_details are handled; `callout` and the other
 * callout options defer with "callout not supported yet" until the SMTP client is wired in.
 */
import type { LoadedConfig } from '../config/types.js';
import type { AclRunContext, VerifyHook } from '../acl/types.js';
import { hostAndIdent } from '../acl/host-ident.js';
import { createRoutingContext } from './context.js';
import { buildRouters } from './engine.js';
import { AddressItem, type RoutingMode } from './types.js';
import { verifyAddress } from './verify-address.js';
import { routeAddress } from './engine.js';

export type VerifyResult = { result: 'ok' | 'fail' | 'defer'; message?: string };

interface VerifyOptions {
  readonly deferOk: boolean;
  readonly successOnRedirect: boolean;
  readonly callout: boolean;
}

const CALLOUT_WORDS = ['callout', 'callout_defer_ok', 'use_sender', 'use_postmaster', 'random', 'pm', 'fullpostmaster', 'quota'];

function parseOptions(text: string): VerifyOptions {
  const words = text.split('/').map((w) => w.trim().toLowerCase()).filter((w) => w !== '');
  const base = (w: string): string => w.replace(/=.*$/s, '');
  return {
    deferOk: words.includes('defer_ok'),
    successOnRedirect: words.includes('success_on_redirect'),
    callout: words.some((w) => CALLOUT_WORDS.includes(base(w)) || base(w).startsWith('callout')),
  };
}

/** Qualify a bare local part as Exim does for verification (sender: qualify_domain). */
function qualified(address: string, kind: 'sender' | 'recipient', config: LoadedConfig): string {
  if (address.includes('@')) return address;
  const option = kind === 'sender' ? 'qualify_domain' : 'qualify_recipient';
  return `${address}@${String(config.mainOption(option) ?? config.mainOption('qualify_domain') ?? '')}`;
}

/** Route `address` for verification; the ACL context supplies the variables and the log. */
export async function verifyForAcl(config: LoadedConfig, kind: 'sender' | 'recipient', address: string, optionText: string, actx: AclRunContext): Promise<VerifyResult> {
  const opts = parseOptions(optionText);
  if (opts.callout) return { result: 'defer', message: 'callout not supported yet' };
  buildRouters(config);
  const mode: RoutingMode = kind === 'sender' ? 'verify_sender' : 'verify_recipient';
  // The sender is unset while the sender itself is verified, known for recipients.
  const sender = kind === 'sender' ? '' : actx.expand.vars.get('sender_address')?.s ?? '';
  const ctx = createRoutingContext({ config, base: actx.expand, mode, log: actx.log, sender, messageId: actx.messageId });
  const top = new AddressItem(qualified(address, kind, config));
  let outcome;
  if (opts.successOnRedirect) {
    const first = await routeAddress(top, ctx);
    if (first.kind === 'redirected') return { result: 'ok' };
    outcome = first.kind === 'routed' ? { result: 'ok' as const, addr: first.addr } : await verifyAddress(new AddressItem(top.address), ctx, { full: false });
  } else outcome = await verifyAddress(top, ctx, { full: false });
  if (outcome.result === 'ok') {
    const data = outcome.addr.prop.addressData;
    if (data) actx.expand.vars.set(kind === 'sender' ? 'sender_address_data' : 'address_data', data);
    return { result: 'ok' };
  }
  const message = outcome.message ?? (outcome.result === 'fail' ? 'Unrouteable address' : 'Could not complete verification');
  if (kind === 'sender') logSenderProblem(actx, address, outcome.result, message);
  if (outcome.result === 'defer' && opts.deferOk) return { result: 'ok' };
  return { result: outcome.result, message };
}

/** Exim logs sender verification problems itself (`sender verify fail for <a>: why`). */
function logSenderProblem(actx: AclRunContext, address: string, result: 'fail' | 'defer', message: string): void {
  const who = actx.hostAndIdent ?? hostAndIdent(actx.expand.vars);
  actx.log.write(['main', 'reject'], `${who === '' ? '' : `${who} `}sender verify ${result} for <${address}>: ${message}`, actx.messageId, {
    selector: 'sender_verify_fail',
  });
}

/** The VerifyHook the SMTP server passes to its ACL runs. */
export function createVerifyHook(config: LoadedConfig): VerifyHook {
  return (kind, address, options, actx) => verifyForAcl(config, kind, address, options, actx);
}

const hooks = new WeakMap<LoadedConfig, VerifyHook>();

/** The hook for a configuration (one per configuration, so the router list is built once). */
export function verifyHookFor(config: LoadedConfig): VerifyHook {
  let hook = hooks.get(config);
  if (!hook) {
    hook = createVerifyHook(config);
    hooks.set(config, hook);
  }
  return hook;
}
