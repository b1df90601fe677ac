/**
 * The ACL engine: finds the ACL an acl_smtp_* value names (a named ACL, a file, or inline text),
 * runs its statements in order and turns each verb's outcome into the ACL's result, as Exim's
 * acl_check_internal does. Conditions and modifiers live in conditions/ (one module each).
 */
import type { LoadedConfig, AclStatement } from '../config/types.js';
import { ExpandError, type ExpandContext, type TStr } from '../expand/types.js';
import { AclError } from './errors.js';
import { hostAndIdent, stringPrinting } from './host-ident.js';
import { queueHeaders } from './headers.js';
import { AclSource } from './source.js';
import { evaluateStatement, type StatementResult } from './statement.js';
import type { AclEngine, AclOutcome, AclResult, AclRunContext } from './types.js';
import { isMessageWhere, whereName } from './where.js';
import './conditions/index.js';

/** Exim stops runaway recursion of nested ACLs at this depth. */
export const MAX_ACL_DEPTH = 20;

export interface AclEngineOptions {
  /** Read an ACL file (default: fs.readFileSync latin1); for tests. */
  readFile?: (path: string) => string;
}

export interface InternalAclEngine extends AclEngine {
  /** Run at a nesting level (the acl condition): the text is not expanded again below level 0. */
  runNested(nameOrText: string, ctx: AclRunContext, args: readonly TStr[] | undefined, level: number): Promise<AclOutcome>;
}

const outcome = (result: AclResult, userMessage?: string, logMessage?: string): AclOutcome => ({ result, userMessage, logMessage });

function logPrefix(ctx: AclRunContext): string {
  return ctx.hostAndIdent ?? hostAndIdent(ctx.expand.vars);
}

/** The warn verb's effects: a log line (once per message) and, in message ACLs, header lines. */
function applyWarn(res: StatementResult, ctx: AclRunContext): void {
  if (res.logMessage !== undefined && !res.logIsUserMessage) {
    const prefix = logPrefix(ctx);
    const text = `${prefix}${prefix === '' ? '' : ' '}Warning: ${stringPrinting(res.logMessage)}`;
    const logged = (ctx.controls.warnLogged ??= new Set<string>());
    if (!logged.has(text)) {
      logged.add(text);
      ctx.log.write(['main'], text, ctx.messageId);
    }
  }
  if (res.userMessage === undefined) return;
  if (!isMessageWhere(ctx.where)) {
    ctx.log.write(
      ['main', 'panic'],
      `ACL "warn" with "message" setting found in a non-message (${whereName(ctx.where)}) ACL: cannot specify header lines here: message ignored`,
      ctx.messageId,
    );
    return;
  }
  queueHeaders(res.userMessage, ctx);
}

function logWarnDeferred(res: StatementResult, ctx: AclRunContext): void {
  if (!ctx.log.selectors.has('acl_warn_skipped')) return;
  const prefix = logPrefix(ctx);
  const detail = res.logMessage !== undefined ? `: ${res.logMessage}` : '';
  ctx.log.write(['main'], `${prefix}${prefix === '' ? '' : ' '}Warning: ACL "warn" statement skipped: condition test deferred${detail}`, ctx.messageId);
}

/** What a statement's verb does with its conditions' result; undefined = go on to the next statement. */
function verbOutcome(statement: AclStatement, res: StatementResult, ctx: AclRunContext): AclOutcome | undefined {
  const { rc } = res;
  const withMessages = (result: AclResult): AclOutcome => outcome(result, res.userMessage, res.logMessage);
  if (rc === 'error') return withMessages('error');
  if (rc === 'defer' && statement.verb !== 'warn') return withMessages('defer');
  switch (statement.verb) {
    case 'accept':
    case 'discard': {
      if (rc === 'ok' || rc === 'discard') return withMessages(statement.verb === 'accept' ? rc : 'discard');
      return res.endpass ? withMessages(rc === 'fail_drop' ? 'fail_drop' : 'fail') : undefined;
    }
    case 'defer':
      return rc === 'ok' ? withMessages('defer') : undefined;
    case 'deny':
      return rc === 'ok' ? withMessages('fail') : undefined;
    case 'drop':
      return rc === 'ok' ? withMessages('fail_drop') : undefined;
    case 'require':
      return rc === 'ok' ? undefined : withMessages(rc === 'fail_drop' ? 'fail_drop' : rc === 'discard' ? 'discard' : 'fail');
    case 'warn':
      if (rc === 'ok') applyWarn(res, ctx);
      else if (rc === 'defer') logWarnDeferred(res, ctx);
      return undefined;
  }
}

export class AclEngineImpl implements InternalAclEngine {
  private readonly source: AclSource;
  /** Nesting depth per expansion context: ${acl} inside an ACL must count toward the limit. */
  private readonly depth = new WeakMap<ExpandContext, number>();

  constructor(config: LoadedConfig, opts: AclEngineOptions = {}) {
    this.source = new AclSource(config, opts.readFile);
  }

  run(nameOrText: string, ctx: AclRunContext, args?: readonly TStr[]): Promise<AclOutcome> {
    return this.runNested(nameOrText, ctx, args, this.depth.get(ctx.expand) ?? 0);
  }

  async runNested(nameOrText: string, ctx: AclRunContext, args: readonly TStr[] | undefined, level: number): Promise<AclOutcome> {
    if (level > MAX_ACL_DEPTH) return outcome('error', undefined, 'ACL nested too deep: possible loop');
    let text = nameOrText;
    if (level === 0) {
      try {
        const expanded = await ctx.expand.services.expand(nameOrText, ctx.expand);
        if (expanded.tainted) return this.taintedText(expanded.s, ctx);
        text = expanded.s;
      } catch (err) {
        if (!(err instanceof ExpandError)) throw err;
        if (err.forced) return outcome('ok');
        return outcome('error', undefined, `failed to expand ACL string "${nameOrText}": ${err.message}`);
      }
    }
    let found;
    try {
      found = this.source.find(text.replace(/^\s+/, ''));
    } catch (err) {
      if (err instanceof AclError) return outcome('error', undefined, err.message);
      throw err;
    }
    const savedArgs = ctx.expand.aclArgs;
    if (args !== undefined) ctx.expand.aclArgs = [...args];
    this.depth.set(ctx.expand, level + 1);
    try {
      return await this.runStatements(found.statements, ctx, level);
    } catch (err) {
      if (err instanceof AclError) return outcome('error', undefined, err.message);
      throw err;
    } finally {
      this.depth.set(ctx.expand, level);
      if (args !== undefined) ctx.expand.aclArgs = savedArgs;
    }
  }

  private taintedText(text: string, ctx: AclRunContext): AclOutcome {
    ctx.log.write(['main', 'panic'], `attempt to use tainted ACL text "${text}"`, ctx.messageId);
    return outcome('error', undefined, 'internal configuration error');
  }

  private async runStatements(statements: readonly AclStatement[], ctx: AclRunContext, level: number): Promise<AclOutcome> {
    if (level === 0) {
      ctx.controls.logRejectTarget = undefined;
      ctx.controls.ratelimitCache = undefined;
    }
    for (const statement of statements) {
      const res = await evaluateStatement(statement, ctx, level, (name, c, args, lvl) => this.runNested(name, c, args, lvl));
      const done = verbOutcome(statement, res, ctx);
      if (done) return this.finish(done, ctx);
    }
    return this.finish(outcome('fail'), ctx);
  }

  private finish(out: AclOutcome, ctx: AclRunContext): AclOutcome {
    const target = ctx.controls.logRejectTarget;
    return target === undefined ? out : { ...out, logRejectTarget: target };
  }
}

export function createAclEngine(config: LoadedConfig, opts?: AclEngineOptions): InternalAclEngine {
  return new AclEngineImpl(config, opts);
}
