/**
 * One ACL statement: its conditions and modifiers in order, stopping at the first condition
 * that is not true (Exim's acl_check_condition). `message` and `log_message` are only noted
 * here and expanded at the end, when the verb's outcome is one that uses them.
 */
import { ExpandError, untainted, type TStr } from '../expand/types.js';
import type { AclItem, AclStatement, AclVerb } from '../config/types.js';
import { AclDefer, AclError } from './errors.js';
import { aclCondition } from './registry.js';
import type { AclConditionDef, AclConditionValue, AclOutcome, AclRunContext, AclStatementState } from './types.js';
import { whereName } from './where.js';

export type ConditionCode = 'ok' | 'fail' | 'defer' | 'error' | 'discard' | 'fail_drop';

export interface StatementResult {
  readonly rc: ConditionCode;
  readonly endpass: boolean;
  readonly userMessage?: string;
  readonly logMessage?: string;
  /** The log message is the user message by default (a warn then logs nothing). */
  readonly logIsUserMessage: boolean;
}

/** Outcomes for which each verb uses its message / log_message (Exim's msgcond table). */
const MESSAGE_OUTCOMES: Readonly<Record<AclVerb, readonly ConditionCode[]>> = {
  accept: ['ok', 'fail', 'fail_drop'],
  defer: ['ok'],
  deny: ['ok'],
  discard: ['ok', 'fail', 'fail_drop'],
  drop: ['ok'],
  require: ['fail', 'fail_drop'],
  warn: ['ok'],
};

function notAllowedText(def: AclConditionDef, ctx: AclRunContext): string {
  return `cannot ${def.kind === 'modifier' ? 'use' : 'test'} ${def.name} condition in ${whereName(ctx.where)} ACL`;
}

type ItemOutcome = { code: ConditionCode } | { skip: true };

async function expandValue(item: AclItem, ctx: AclRunContext, state: AclStatementState): Promise<TStr | ItemOutcome> {
  try {
    return await ctx.expand.services.expand(item.value, ctx.expand);
  } catch (err) {
    if (!(err instanceof ExpandError)) throw err;
    if (err.forced) return { skip: true };
    state.logMessage = `failed to expand ACL string "${item.value}": ${err.message}`;
    return { code: err.kind === 'defer' ? 'defer' : 'error' };
  }
}

function codeOf(value: AclConditionValue): ConditionCode {
  if (value === true) return 'ok';
  if (value === false) return 'fail';
  return value;
}

async function evaluateItem(def: AclConditionDef, item: AclItem, ctx: AclRunContext, state: AclStatementState): Promise<ItemOutcome> {
  if (def.allowedIn && !def.allowedIn.includes(ctx.where)) {
    state.logMessage = notAllowedText(def, ctx);
    return { code: 'error' };
  }
  let value: TStr = untainted(item.value);
  if (!def.expandsItself) {
    const expanded = await expandValue(item, ctx, state);
    if ('code' in expanded || 'skip' in expanded) return expanded;
    value = expanded;
  }
  try {
    return { code: codeOf(await def.evaluate(value, item, ctx)) };
  } catch (err) {
    if (err instanceof AclDefer) {
      state.logMessage = err.message === '' ? undefined : err.message;
      if (err.userMessage !== undefined) state.userMessage = err.userMessage;
      return { code: 'defer' };
    }
    if (err instanceof AclError) {
      state.logMessage = err.message === '' ? undefined : err.message;
      return { code: 'error' };
    }
    if (err instanceof ExpandError) {
      if (err.forced) return { skip: true };
      state.logMessage = err.message;
      return { code: err.kind === 'defer' ? 'defer' : 'error' };
    }
    throw err;
  }
}

function negate(code: ConditionCode): ConditionCode {
  if (code === 'ok') return 'fail';
  if (code === 'fail' || code === 'fail_drop') return 'ok';
  return code;
}

/** Expand a message modifier's text; a failure is logged (main and panic) and the text ignored. */
async function expandMessage(text: string, verifyMessage: string | undefined, ctx: AclRunContext): Promise<string | undefined> {
  const vars = ctx.expand.vars;
  if (verifyMessage === undefined) vars.delete('acl_verify_message');
  else vars.set('acl_verify_message', untainted(verifyMessage));
  try {
    const out = (await ctx.expand.services.expand(text, ctx.expand)).s;
    return out === '' ? undefined : out;
  } catch (err) {
    if (!(err instanceof ExpandError)) throw err;
    if (!err.forced) ctx.log.write(['main', 'panic'], `failed to expand ACL message "${text}": ${err.message}`, ctx.messageId);
    return undefined;
  }
}

export type NestedRunner = (nameOrText: string, ctx: AclRunContext, args: readonly TStr[], level: number) => Promise<AclOutcome>;

export async function evaluateStatement(statement: AclStatement, ctx: AclRunContext, level: number, nested: NestedRunner): Promise<StatementResult> {
  const state: AclStatementState = { verb: statement.verb, level, runNested: (name, args) => nested(name, sctx, args, level + 1) };
  const sctx: AclRunContext = { ...ctx, statement: state };
  let userText: string | undefined;
  let logText: string | undefined;
  let endpass = false;
  let rc: ConditionCode = 'ok';
  for (const item of statement.items) {
    if (item.name === 'message') userText = item.value;
    else if (item.name === 'log_message') logText = item.value;
    else if (item.name === 'endpass') endpass = true;
    else {
      const def = aclCondition(item.name);
      if (!def) throw new AclError(`unknown ACL condition/modifier "${item.name}"`);
      const outcome = await evaluateItem(def, item, sctx, state);
      if ('skip' in outcome) continue;
      rc = def.kind === 'condition' && item.negated ? negate(outcome.code) : outcome.code;
      if (rc !== 'ok') break;
    }
  }
  if (endpass && rc === 'ok') userText = undefined;
  let logIsUserMessage = false;
  if (MESSAGE_OUTCOMES[statement.verb].includes(rc)) {
    const oldUser = state.userMessage;
    const oldLog = state.logMessage ?? oldUser;
    if (statement.verb === 'warn' || (rc === 'ok' && (statement.verb === 'accept' || statement.verb === 'discard'))) {
      state.userMessage = undefined;
      state.logMessage = undefined;
    }
    if (userText !== undefined) {
      const m = await expandMessage(userText, oldUser, sctx);
      if (m !== undefined) state.userMessage = m;
    }
    if (logText !== undefined) {
      const m = await expandMessage(logText, oldLog, sctx);
      if (m !== undefined) state.logMessage = state.logMessage === undefined ? m : `${m}: ${state.logMessage}`;
    }
    if (state.logMessage === undefined) {
      state.logMessage = state.userMessage;
      logIsUserMessage = state.userMessage !== undefined;
    }
  }
  ctx.expand.vars.delete('acl_verify_message');
  return { rc, endpass, userMessage: state.userMessage, logMessage: state.logMessage, logIsUserMessage };
}
