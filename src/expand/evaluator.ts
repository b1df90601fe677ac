/**
 * Tree-walking evaluator. `skip` mirrors Exim's skipping mode: branches that are not taken are
 * still walked so that unknown variables, operators and lookup types in them are reported,
 * but nothing is looked up or run.
 */
import { FAIL, isCondNode, type CondNode, type ErrNode, type ItemNode, type Node, type Seq, type YesNo } from './ast.js';
import { EMPTY, ExpandError, untainted, type ExpandContext, type TStr } from './types.js';
import { variableProblem, variableValue } from './variables.js';
import { headerValue } from './headers.js';
import { evalOperatorM } from './eval-operator.js';
import { evalConditionM } from './eval-cond.js';
import { itemHandlers } from './items/index.js';
import { forEachM, mapErrors, then, withCleanup, type MaybePromise } from './maybe.js';

/** Concatenate; the result is tainted only when a non-empty part is (as Exim's string building). */
export function concat(parts: readonly TStr[]): TStr {
  if (parts.length === 1) return parts[0]!;
  let s = '';
  let t = false;
  for (const p of parts) {
    s += p.s;
    if (p.tainted && p.s !== '') t = true;
  }
  return { s, tainted: t };
}

/*
 * The core walks the tree synchronously and only falls back to promises from the first node
 * whose evaluation is asynchronous (items, lookups): creating and awaiting a promise per tree
 * node cost more than the evaluation itself. Methods ending in M return MaybePromise.
 */
export type { MaybePromise } from './maybe.js';

export class Evaluator {
  constructor(readonly ctx: ExpandContext) {}

  /** Evaluate a sequence (the promise form; see seqM). */
  async seq(seq: Seq, skip = false): Promise<TStr> {
    return this.seqM(seq, skip);
  }

  /** Evaluate a sequence: synchronously unless a node needs I/O. */
  seqM(seq: Seq, skip = false): MaybePromise<TStr> {
    const parts: TStr[] = [];
    for (let i = 0; i < seq.length; i++) {
      const v = this.nodeM(seq[i]!, skip);
      if (v instanceof Promise) return this.seqFrom(seq, skip, i, v, parts);
      if (!skip) parts.push(v);
    }
    if (skip) return EMPTY;
    return parts.length === 0 ? EMPTY : concat(parts);
  }

  /** The rest of seqM once node i turned out to be asynchronous. */
  private async seqFrom(seq: Seq, skip: boolean, i: number, pending: Promise<TStr>, parts: TStr[]): Promise<TStr> {
    const first = await pending;
    if (!skip) parts.push(first);
    for (let j = i + 1; j < seq.length; j++) {
      const v = await this.nodeM(seq[j]!, skip);
      if (!skip) parts.push(v);
    }
    if (skip) return EMPTY;
    return parts.length === 0 ? EMPTY : concat(parts);
  }

  async node(node: Node, skip: boolean): Promise<TStr> {
    return this.nodeM(node, skip);
  }

  nodeM(node: Node, skip: boolean): MaybePromise<TStr> {
    switch (node.k) {
      case 'lit':
        return untainted(node.s);
      case 'var':
        return this.variable(node.name, node.braced);
      case 'num':
        return skip ? EMPTY : (this.ctx.numeric[node.n] ?? EMPTY);
      case 'hdr':
        return skip ? EMPTY : headerValue(this.ctx, node.kind, node.name);
      case 'op':
        return evalOperatorM(this, node, skip);
      case 'item':
        return this.item(node, skip);
      case 'err':
        return this.error(node, skip);
    }
  }

  private variable(name: string, braced: boolean): TStr {
    const problem = variableProblem(name, this.ctx);
    if (problem !== undefined) {
      throw new ExpandError(braced ? `unknown variable in "\${${name}}"${problem}` : `unknown variable name "${name}"${problem}`);
    }
    return variableValue(name, this.ctx);
  }

  private item(node: ItemNode, skip: boolean): MaybePromise<TStr> {
    const handler = itemHandlers.get(node.name);
    if (!handler) throw new ExpandError(`internal error: no handler for item "${node.name}"`);
    return handler(node, this, skip);
  }

  /** Reached a syntax error: first do what Exim did before it (expand earlier parts), then fail. */
  private error(node: ErrNode, skip: boolean): MaybePromise<TStr> {
    const context = node.context;
    const walkSkipping = skip || node.contextSkips === true;
    const walk = (): MaybePromise<void> =>
      forEachM(node.before, (b): MaybePromise<void> => {
        const r = isCondNode(b) ? this.condM(b, walkSkipping) : this.seqM(b, walkSkipping);
        return r instanceof Promise ? r.then(() => undefined) : undefined;
      });
    const walked = context === undefined ? walk() : mapErrors(walk, (e) => (e instanceof ExpandError && e.kind === 'error' ? new ExpandError(e.message + context) : e));
    return then(walked, () => {
      throw new ExpandError(node.msg + (context ?? ''));
    });
  }

  async cond(cond: CondNode, skip: boolean): Promise<boolean> {
    return evalConditionM(this, cond, skip);
  }

  condM(cond: CondNode, skip: boolean): MaybePromise<boolean> {
    return evalConditionM(this, cond, skip);
  }

  /** Walk every part of a yes/no pair without evaluating. */
  async skipYesNo(yn: YesNo | undefined): Promise<void> {
    await this.skipYesNoM(yn);
  }

  skipYesNoM(yn: YesNo | undefined): MaybePromise<void> {
    const yes = yn?.yes ? this.seqM(yn.yes, true) : undefined;
    return then(yes, () => {
      if (yn?.no && yn.no !== FAIL) return then(this.seqM(yn.no, true), () => undefined);
      return undefined;
    });
  }

  /**
   * The common "{yes}{no}" / "fail" tail of lookup, extract, env, run, listextract...
   * On success $value is `value` during the yes branch (restored after); with no yes branch the
   * value itself is the result (or `dflt`). On failure the no branch, forced failure, or empty.
   */
  async yesNo(yn: YesNo | undefined, ok: boolean, value: TStr, itemName: string, skip: boolean, dflt?: TStr): Promise<TStr> {
    return this.yesNoM(yn, ok, value, itemName, skip, dflt);
  }

  yesNoM(yn: YesNo | undefined, ok: boolean, value: TStr, itemName: string, skip: boolean, dflt?: TStr): MaybePromise<TStr> {
    if (skip) return then(this.skipYesNoM(yn), () => EMPTY);
    if (ok) {
      const skippedNo = yn?.no && yn.no !== FAIL ? this.seqM(yn.no, true) : undefined;
      return then(skippedNo, () => {
        if (!yn?.yes) return dflt ?? value;
        return this.withValueM(value, () => this.seqM(yn.yes!));
      });
    }
    const skippedYes = yn?.yes ? this.seqM(yn.yes, true) : undefined;
    return then(skippedYes, () => {
      if (yn?.no === FAIL) throw new ExpandError(`"${itemName}" failed and "fail" requested`, 'forced');
      // $value is left alone for the "no" branch (items that define it there, like run, set it first).
      if (yn?.no) return this.seqM(yn.no as Seq);
      return EMPTY;
    });
  }

  /** Run fn with $value set, restoring the previous value afterwards. */
  async withValue<T>(value: TStr | undefined, fn: () => Promise<T>): Promise<T> {
    return this.withValueM(value, fn);
  }

  withValueM<T>(value: TStr | undefined, fn: () => MaybePromise<T>): MaybePromise<T> {
    const saved = this.ctx.value;
    this.ctx.value = value;
    return withCleanup(fn, () => {
      this.ctx.value = saved;
    });
  }

  /** Run fn with $item set, restoring afterwards. */
  async withItem<T>(item: TStr | undefined, fn: () => Promise<T>): Promise<T> {
    return this.withItemM(item, fn);
  }

  withItemM<T>(item: TStr | undefined, fn: () => MaybePromise<T>): MaybePromise<T> {
    const saved = this.ctx.item;
    this.ctx.item = item;
    return withCleanup(fn, () => {
      this.ctx.item = saved;
    });
  }
}
