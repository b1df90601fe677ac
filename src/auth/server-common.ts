/**
 * Pieces shared by the server sides of the drivers: reading options from the instance, the
 * expansion context of one exchange ($auth1..3 and $1..$n), server_condition's three-way truth,
 * and server_set_id.
 */
import { expand } from '../expand/index.js';
import { ExpandError, tainted, EMPTY, type ExpandContext, type TStr } from '../expand/types.js';
import type { DriverInstance } from '../config/types.js';
import { outcome } from './replies.js';
import type { AuthOutcome } from './types.js';

/** A string option as written (unexpanded), or undefined when unset. */
export function stringOption(inst: DriverInstance, name: string): string | undefined {
  const v = inst.options.get(name)?.value;
  return typeof v === 'string' ? v : undefined;
}

export function boolOption(inst: DriverInstance, name: string): boolean {
  return inst.options.get(name)?.value === true;
}

/**
 * The context for expansions during one exchange: the session's variables plus $auth1..$auth3
 * (the first three data strings) and $1..$n (all of them, Exim's older interface). The values
 * come from the client, so they are tainted. The session's own context is left untouched: Exim
 * clears these once AUTH is over.
 */
export function exchangeContext(base: ExpandContext, parts: readonly string[]): ExpandContext {
  const vars = new Map(base.vars);
  for (let i = 1; i <= 3; i++) vars.set(`auth${i}`, parts[i - 1] !== undefined ? tainted(parts[i - 1]!) : EMPTY);
  const numeric: TStr[] = [EMPTY, ...parts.map((p) => tainted(p))];
  return { ...base, vars, numeric };
}

export type Expanded = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly forced: boolean; readonly message: string };

export async function tryExpand(text: string, ctx: ExpandContext): Promise<Expanded> {
  try {
    return { ok: true, value: (await expand(text, ctx)).s };
  } catch (e) {
    if (e instanceof ExpandError) return { ok: false, forced: e.forced, message: e.message };
    throw e;
  }
}

/** server_set_id expanded; undefined when unset or forced to fail; 'error' when it failed. */
async function expandSetId(inst: DriverInstance, ctx: ExpandContext): Promise<string | undefined | { error: string }> {
  const text = stringOption(inst, 'server_set_id');
  if (text === undefined) return undefined;
  const r = await tryExpand(text, ctx);
  if (r.ok) return r.value;
  return r.forced ? undefined : { error: r.message };
}

/**
 * Finish an exchange whose data is complete: `verdict` is the driver's own result (its checks
 * and, where the driver has one, server_condition). server_set_id is expanded for success,
 * failure and deferral alike (Exim logs it with failures); if its expansion fails on a success
 * the exchange defers, without a log line (as exim4 -bh shows).
 */
export async function finishExchange(inst: DriverInstance, ctx: ExpandContext, verdict: AuthOutcome): Promise<AuthOutcome> {
  const setId = await expandSetId(inst, ctx);
  if (typeof setId === 'object') {
    return verdict.result === 'ok' ? outcome('defer', { logged: false }) : verdict;
  }
  // An empty result counts as no id (Exim logs no "(set_id=)" and leaves $authenticated_fail_id empty).
  return { ...verdict, setId: setId === '' ? undefined : setId };
}

/**
 * server_condition (or any condition with its rules): forced failure or an empty/"0"/"no"/"false"
 * result fails; "1"/"yes"/"true" succeed (caseless, not trimmed); anything else defers with the
 * result as the reply's text; other expansion errors defer, logged with the error.
 */
export async function checkServerCondition(text: string, ctx: ExpandContext): Promise<AuthOutcome> {
  const r = await tryExpand(text, ctx);
  if (!r.ok) return r.forced ? outcome('fail') : outcome('defer', { logDetail: r.message });
  const v = r.value.toLowerCase();
  if (v === '' || v === '0' || v === 'no' || v === 'false') return outcome('fail');
  if (v === '1' || v === 'yes' || v === 'true') return outcome('ok');
  return outcome('defer', { replyDetail: r.value });
}

/** The generic server_condition applied after a driver's own success (non-plaintext drivers). */
export async function applyOptionalCondition(inst: DriverInstance, ctx: ExpandContext, own: AuthOutcome): Promise<AuthOutcome> {
  const cond = stringOption(inst, 'server_condition');
  if (own.result !== 'ok' || cond === undefined) return own;
  return checkServerCondition(cond, ctx);
}

/** server_advertise_condition: unset, or an expansion that is not empty/0/no/false. */
export async function advertiseAllowed(inst: DriverInstance, ctx: ExpandContext): Promise<boolean> {
  const text = stringOption(inst, 'server_advertise_condition');
  if (text === undefined) return true;
  const r = await tryExpand(text, ctx);
  if (!r.ok) return false;
  const v = r.value.trim().toLowerCase();
  return !(v === '' || v === '0' || v === 'no' || v === 'false');
}
