/** Helpers shared by the item handlers. */
import { FAIL, type ItemNode } from '../ast.js';
import type { Evaluator } from '../evaluator.js';
import { EMPTY, type TStr } from '../types.js';
import type { MaybePromise } from '../maybe.js';

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
  const out: TStr[] = [];
  for (const a of node.args) out.push(await ev.seq(a));
  return out;
}

/** A result carrying the taint of its inputs (only non-empty results are tainted). */
export function derived(s: string, ...from: TStr[]): TStr {
  return { s, tainted: s !== '' && from.some((f) => f.tainted && f.s !== '') };
}

/** C-library style error text for a Node errno code. */
export function strerror(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'EACCES':
      return 'Permission denied';
    case 'EISDIR':
      return 'Is a directory';
    case 'ENOTDIR':
      return 'Not a directory';
    case 'ECONNREFUSED':
      return 'Connection refused';
    case 'ETIMEDOUT':
      return 'Connection timed out';
    case 'EHOSTUNREACH':
      return 'No route to host';
    case 'ENETUNREACH':
      return 'Network is unreachable';
    case 'ENOTSOCK':
      return 'Socket operation on non-socket';
    case 'ELOOP':
      return 'Too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'File name too long';
    default:
      return code ?? 'Unknown error';
  }
}

/** Exim's strtol-based number check for item arguments: optional sign and white space, then digits. */
export function parseEximNumber(s: string): number | undefined {
  const m = /^\s*([-+]?\d+)\s*$/.exec(s);
  return m ? Number(m[1]) : undefined;
}
