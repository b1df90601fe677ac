/** Helpers shared by the item handlers. */
import { strerrorText } from '../../util/strerror.js';
import { FAIL, type ItemNode } from '../ast.js';
import type { Evaluator } from '../evaluator.js';
import { EMPTY, type TStr } from '../types.js';
import { then, type MaybePromise } from '../maybe.js';

/** An item's evaluation; handlers that need no I/O may return the value directly. */
export type ItemHandler = (node: ItemNode, ev: Evaluator, skip: boolean) => MaybePromise<TStr>;

/** Walk every sub-part of an item in skipping mode (branch not taken). */
export async function walkItem(node: ItemNode, ev: Evaluator): Promise<TStr> {
  for (const a of node.args) await ev.seq(a, true);
  if (node.cond) await ev.cond(node.cond, true);
  await ev.skipYesNo(node.yesno);
  if (node.forms) {
    for (const f of [node.forms.keyed, node.forms.numbered]) {
      if ('err' in f) continue;
      for (const a of f.args) await ev.seq(a, true);
      if (f.yesno.yes) await ev.seq(f.yesno.yes, true);
      if (f.yesno.no && f.yesno.no !== FAIL) await ev.seq(f.yesno.no, true);
    }
  }
  return EMPTY;
}

/** Expand all args in order. */
export async function expandArgs(node: ItemNode, ev: Evaluator): Promise<TStr[]> {
  return expandArgsM(node, ev);
}

/** expandArgs, without a promise when no argument needs I/O. */
export function expandArgsM(node: ItemNode, ev: Evaluator): MaybePromise<TStr[]> {
  const out: TStr[] = [];
  for (let i = 0; i < node.args.length; i++) {
    const v = ev.seqM(node.args[i]!);
    if (v instanceof Promise) return argsFrom(node, ev, i, v, out);
    out.push(v);
  }
  return out;
}

async function argsFrom(node: ItemNode, ev: Evaluator, i: number, pending: Promise<TStr>, out: TStr[]): Promise<TStr[]> {
  out.push(await pending);
  for (let j = i + 1; j < node.args.length; j++) out.push(await ev.seqM(node.args[j]!));
  return out;
}

/**
 * The usual item shape: in a branch not taken, walk the parts; else expand the arguments and
 * compute the result from them, synchronously when nothing needs I/O.
 */
export function argumentItem(compute: (args: TStr[], node: ItemNode, ev: Evaluator) => MaybePromise<TStr>): ItemHandler {
  return (node, ev, skip) => {
    if (skip) return walkItem(node, ev);
    return then(expandArgsM(node, ev), (args) => compute(args, node, ev));
  };
}

/** A result carrying the taint of its inputs (only non-empty results are tainted). */
export function derived(s: string, ...from: TStr[]): TStr {
  return { s, tainted: s !== '' && from.some((f) => f.tainted && f.s !== '') };
}

/** C-library style error text for a Node errno code. */
export function strerror(code: string | undefined): string {
  return strerrorText(code) ?? code ?? 'Unknown error';
}

/** Exim's strtol-based number check for item arguments: optional sign and white space, then digits. */
export function parseEximNumber(s: string): number | undefined {
  const m = /^\s*([-+]?\d+)\s*$/.exec(s);
  return m ? Number(m[1]) : undefined;
}
