/**
 * Evaluation of `${if}` conditions: the structural ones (!, and, or, forall/forany[_json[s]],
 * def:, first_delivery, queue_running) here; the rest from the conditions registry.
 */
import type { CondNode, Seq } from './ast.js';
import type { Evaluator } from './evaluator.js';
import { conditions } from './conditions/index.js';
import { ExpandError, tainted as taintedStr, untainted, type TStr } from './types.js';
import { variableProblem, variableValue } from './variables.js';
import { headerExists } from './headers.js';
import { listItems } from '../util/exim-list.js';
import { dequoteJson, jsonArrayElements } from './json-util.js';

export async function evalCondition(ev: Evaluator, cond: CondNode, skip: boolean): Promise<boolean> {
  switch (cond.c) {
    case 'not':
      return !(await evalCondition(ev, cond.inner, skip));
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
      await ev.seq([cond.err], skip);
      return false;
    case 'reg': {
      const def = conditions.get(cond.name);
      if (!def) throw new ExpandError(`unknown condition "${cond.name}"`);
      const args: TStr[] = [];
      for (const a of cond.args) args.push(await ev.seq(a, skip));
      if (skip) {
        if (CHECKED_WHEN_SKIPPING.has(cond.name) && allLiteral(cond.args)) {
          const literal = cond.args.map((a) => untainted(a.map((n) => (n.k === 'lit' ? n.s : '')).join('')));
          await def.fn(literal, ev.ctx);
        }
        return false;
      }
      return def.fn(args, ev.ctx);
    }
  }
}

/** Add Exim's "inside ..." note to an error from a subcondition (once). */
async function withSuffix<T>(suffix: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ExpandError && e.kind === 'error' && !e.message.includes(' inside "')) throw new ExpandError(e.message + suffix);
    throw e;
  }
}

/**
 * Conditions whose argument checks Exim still makes when skipping (their literal arguments are
 * available then): an invalid value is an error even in a branch not taken.
 */
const CHECKED_WHEN_SKIPPING = new Set(['bool', 'bool_lax']);
const allLiteral = (args: readonly Seq[]): boolean => args.every((a) => a.every((n) => n.k === 'lit'));

const isSetFlag = (v: TStr | undefined): boolean => v !== undefined && v.s !== '' && v.s !== '0' && v.s !== 'no' && v.s !== 'false';

async function evalAndOr(ev: Evaluator, kind: 'and' | 'or', items: readonly CondNode[], skip: boolean): Promise<boolean> {
  let result = kind === 'and';
  let decided = skip;
  for (const item of items) {
    const r = await withSuffix(` inside "${kind}{...}" condition`, () => evalCondition(ev, item, decided));
    if (decided) continue;
    if (kind === 'and' && !r) {
      result = false;
      decided = true;
    } else if (kind === 'or' && r) {
      result = true;
      decided = true;
    }
  }
  return skip ? false : result;
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
