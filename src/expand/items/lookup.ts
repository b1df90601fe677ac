/**
 * ${lookup{key}TYPE{file}{yes}{no}} and ${lookup TYPE{query}{yes}{no}}, through the lookup
 * registry. The type and the shape are checked even in a branch not taken (Exim checks them
 * while parsing).
 */
import type { ItemNode } from '../ast.js';
import type { Evaluator } from '../evaluator.js';
import { ExpandError, EMPTY, type TStr } from '../types.js';
import { mapErrors, then, withCleanup, type MaybePromise } from '../maybe.js';
import { LookupDefer, LookupError } from '../../lookups/types.js';
import { parseLookupSpec } from '../../lookups/spec.js';
import { TaintedLookupFileError } from '../../lookups/registry.js';
import type { ItemHandler } from './util.js';

function checkType(word: string, ev: Evaluator): void {
  let type = word;
  try {
    type = parseLookupSpec(word).type;
  } catch {
    /* reported as an unknown type below */
  }
  if (!ev.ctx.services.lookups.get(type)) throw new ExpandError(`unknown lookup type "${type}"`);
}

/** The checks Exim makes on the type while reading the item. */
function checkSpec(node: ItemNode, ev: Evaluator): void {
  const word = node.word!;
  let spec;
  try {
    spec = parseLookupSpec(word);
  } catch (e) {
    if (e instanceof LookupError) throw new ExpandError(e.message);
    throw e;
  }
  const driver = ev.ctx.services.lookups.get(spec.type);
  if (!driver) throw new ExpandError(`unknown lookup type "${spec.type}"`);
  if (driver.style === 'query') {
    if (spec.partial) throw new ExpandError(`"partial" is not permitted for lookup type "${spec.type}"`);
    if (spec.defaults !== 'none') throw new ExpandError(`defaults using "*" or "*@" are not permitted for lookup type "${word}"`);
    if (node.hasKey) throw new ExpandError(`a single key was given for lookup type "${spec.type}", which is not a single-key lookup type`);
  } else if (!node.hasKey) {
    throw new ExpandError(`missing {key} for single-key "${spec.type}" lookup`);
  }
}

/** Exim's expansion errors for the lookup registry's failures. */
function expandErrorFor(e: unknown, keyArg: TStr): unknown {
  if (e instanceof TaintedLookupFileError) return new ExpandError('(null)');
  if (e instanceof LookupDefer) {
    const msg = e.message.startsWith('lookup of ') ? e.message : `lookup of "${keyArg.s}" gave DEFER: ${e.message}`;
    return new ExpandError(msg, 'defer');
  }
  if (e instanceof LookupError) return new ExpandError(e.message);
  return e;
}

export const lookupItem: ItemHandler = (node, ev, skip) => {
  if (node.typeOnly) {
    checkType(node.word!, ev);
    return EMPTY;
  }
  checkSpec(node, ev);
  const key = node.hasKey ? ev.seqM(node.args[0]!, skip) : undefined;
  return then(key, (k) => then(ev.seqM(node.args[node.hasKey ? 1 : 0]!, skip), (second) => finishLookup(node, ev, skip, k, second)));
};

function finishLookup(node: ItemNode, ev: Evaluator, skip: boolean, key: TStr | undefined, second: TStr): MaybePromise<TStr> {
  if (skip) return ev.yesNoM(node.yesno, false, EMPTY, 'lookup', true);
  const keyArg = key ?? second;
  const lookups = ev.ctx.services.lookups;
  const file = key ? second : undefined;
  const outcome = mapErrors(
    () => (lookups.lookupM ? lookups.lookupM(node.word!, keyArg, file, ev.ctx) : lookups.lookup(node.word!, keyArg, file, ev.ctx)),
    (e) => expandErrorFor(e, keyArg),
  );
  return then(outcome, (o) => {
    if (!o.keyParts) return ev.yesNoM(node.yesno, o.found, o.value, 'lookup', false);
    // Exim sets $1 (wild part) and $2 (fixed part) of a partial or default match, for the
    // yes/no strings only; they come from the key, so carry its taint.
    const saved = ev.ctx.numeric;
    const part = (s: string): TStr => ({ s, tainted: keyArg.tainted && s !== '' });
    ev.ctx.numeric = [saved[0] ?? EMPTY, part(o.keyParts.wild), part(o.keyParts.fixed)];
    return withCleanup(
      () => ev.yesNoM(node.yesno, o.found, o.value, 'lookup', false),
      () => {
        ev.ctx.numeric = saved;
      },
    );
  });
}
