/**
 * Evaluation of `${if}` conditions: the structural ones (!, and, or, forall/forany[_json[s]],
 * def:, first_delivery, queue_running) here; the rest from the conditions registry.
 */
import type { CondNode, Seq } from './ast.js';
import type { Evaluator } from './evaluator.js';
import { conditions } from './conditions/index.js';
import { ExpandError, tainted as taintedStr, untainted, type ConditionDef, type TStr } from './types.js';
import { mapErrors, then, type MaybePromise } from './maybe.js';

type RegCond = Extract<CondNode, { c: 'reg' }>;
import { variableProblem, variableValue } from './variables.js';
import { headerExists } from './headers.js';
import { listItems } from '../util/exim-list.js';
import { dequoteJson, jsonArrayElements } from './json-util.js';

export async function evalCondition(ev: Evaluator, cond: CondNode, skip: boolean): Promise<boolean> {
  return evalConditionM(ev, cond, skip);
}

/** evalCondition, synchronous unless an argument or the condition itself needs I/O. */
export function evalConditionM(ev: Evaluator, cond: CondNode, skip: boolean): MaybePromise<boolean> {
  switch (cond.c) {
    case 'not':
      return then(evalConditionM(ev, cond.inner, skip), (r) => !r);
    case 'and':
    case 'or':
      return evalAndOr(ev, cond.c, cond.items, skip);
    case 'for':
      return evalFor(ev, cond, skip);
    case 'def':
      return evalDef(ev, cond.target);
    case 'flag':
      return !skip && isSetFlag(ev.ctx.vars.get(cond.name));
    case 'err':
      return then(ev.seqM([cond.err], skip), () => false);
    case 'reg': {
      const def = conditions.get(cond.name);
      if (!def) throw new ExpandError(`unknown condition "${cond.name}"`);
      const args: TStr[] = [];
      for (let i = 0; i < cond.args.length; i++) {
        const v = ev.seqM(cond.args[i]!, skip);
        if (v instanceof Promise) return registeredFrom(ev, cond, def, skip, args, i, v);
        args.push(v);
      }
      return applyRegistered(ev, cond, def, args, skip);
    }
  }
}

/** The rest of a registered condition's arguments once argument i turned out asynchronous. */
async function registeredFrom(
  ev: Evaluator,
  cond: RegCond,
  def: ConditionDef,
  skip: boolean,
  args: TStr[],
  i: number,
  pending: Promise<TStr>,
): Promise<boolean> {
  args.push(await pending);
  for (let j = i + 1; j < cond.args.length; j++) args.push(await ev.seqM(cond.args[j]!, skip));
  return applyRegistered(ev, cond, def, args, skip);
}

function applyRegistered(ev: Evaluator, cond: RegCond, def: ConditionDef, args: TStr[], skip: boolean): MaybePromise<boolean> {
  if (skip) {
    if ((CHECKED_WHEN_SKIPPING.has(cond.name) && allLiteral(cond.args)) || def.runsWhenSkipping) {
      const literal = cond.args.map((a) => untainted(a.map((n) => (n.k === 'lit' ? n.s : '')).join('')));
      return then(def.fn(literal, ev.ctx), () => false);
    }
    return false;
  }
  return def.fn(args, ev.ctx);
}

/** Add Exim's "inside ..." note to an error from a subcondition (each nesting level adds one). */
function withSuffix(suffix: string): (e: unknown) => unknown {
  return (e) => {
    if (e instanceof ExpandError && e.kind === 'error') return new ExpandError(e.message + suffix);
    return e;
  };
}

/**
 * Conditions whose argument checks Exim still makes when skipping (their literal arguments are
 * available then): an invalid value is an error even in a branch not taken.
 */
const CHECKED_WHEN_SKIPPING = new Set(['bool', 'bool_lax']);
const allLiteral = (args: readonly Seq[]): boolean => args.every((a) => a.every((n) => n.k === 'lit'));

const isSetFlag = (v: TStr | undefined): boolean => v !== undefined && v.s !== '' && v.s !== '0' && v.s !== 'no' && v.s !== 'false';

function evalAndOr(ev: Evaluator, kind: 'and' | 'or', items: readonly CondNode[], skip: boolean): MaybePromise<boolean> {
  const state = { result: kind === 'and', decided: skip };
  const addSuffix = withSuffix(` inside "${kind}{...}" condition`);
  for (let i = 0; i < items.length; i++) {
    const r = mapErrors(() => evalConditionM(ev, items[i]!, state.decided), addSuffix);
    if (r instanceof Promise) return andOrFrom(ev, kind, items, skip, state, i, r);
    andOrStep(kind, state, r);
  }
  return skip ? false : state.result;
}

interface AndOrState {
  result: boolean;
  decided: boolean;
}

/** Record one subcondition's outcome: the first false (and) or true (or) decides. */
function andOrStep(kind: 'and' | 'or', state: AndOrState, r: boolean): void {
  if (state.decided) return;
  if (kind === 'and' && !r) {
    state.result = false;
    state.decided = true;
  } else if (kind === 'or' && r) {
    state.result = true;
    state.decided = true;
  }
}

/** The rest of evalAndOr once subcondition i turned out asynchronous. */
async function andOrFrom(
  ev: Evaluator,
  kind: 'and' | 'or',
  items: readonly CondNode[],
  skip: boolean,
  state: AndOrState,
  i: number,
  pending: Promise<boolean>,
): Promise<boolean> {
  const addSuffix = withSuffix(` inside "${kind}{...}" condition`);
  andOrStep(kind, state, await pending);
  for (let j = i + 1; j < items.length; j++) {
    andOrStep(kind, state, await mapErrors(() => evalConditionM(ev, items[j]!, state.decided), addSuffix));
  }
  return skip ? false : state.result;
}

function forItems(list: TStr, json: '' | 'json' | 'jsons'): TStr[] {
  const mk = (s: string): TStr => (list.tainted ? taintedStr(s) : untainted(s));
  if (!json) return listItems(list.s).map(mk);
  const elems = jsonArrayElements(list.s);
  if (!elems) throw new ExpandError('JSON parse failed');
  return elems.map((e) => mk(json === 'jsons' ? dequoteJson(e) : e));
}

async function evalFor(ev: Evaluator, cond: Extract<CondNode, { c: 'for' }>, skip: boolean): Promise<boolean> {
  const list = await ev.seq(cond.list, skip);
  const addSuffix = withSuffix(` inside "${cond.all ? 'forall' : 'forany'}" condition`);
  try {
    return await evalForItems(ev, cond, list, skip);
  } catch (e) {
    throw addSuffix(e);
  }
}

async function evalForItems(ev: Evaluator, cond: Extract<CondNode, { c: 'for' }>, list: TStr, skip: boolean): Promise<boolean> {
  if (skip) {
    await evalCondition(ev, cond.cond, true);
    return false;
  }
  const items = forItems(list, cond.json);
  if (items.length === 0) {
    await evalCondition(ev, cond.cond, true);
    return false; // Exim: both forall and forany are false for an empty list
  }
  return ev.withItem(undefined, async () => {
    for (const item of items) {
      ev.ctx.item = item;
      const r = await evalCondition(ev, cond.cond, false);
      if (cond.all && !r) return false;
      if (!cond.all && r) return true;
    }
    return cond.all;
  });
}

function evalDef(ev: Evaluator, target: Extract<CondNode, { c: 'def' }>['target']): boolean {
  if (target.k === 'hdr') return headerExists(ev.ctx, target.name);
  const problem = variableProblem(target.name, ev.ctx);
  if (problem !== undefined) throw new ExpandError(`unknown variable "${target.name}" after "def:"${problem}`);
  return variableValue(target.name, ev.ctx).s !== '';
}
