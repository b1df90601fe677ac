/**
 * ${lookup{key}TYPE{file}{yes}{no}} and ${lookup TYPE{query}{yes}{no}}, through the lookup
 * registry. The type and the shape are checked even in a branch not taken (Exim checks them
 * while parsing).
 */
import type { ItemNode } from '../ast.js';
import type { Evaluator } from '../evaluator.js';
import { ExpandError, EMPTY } from '../types.js';
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

export const lookupItem: ItemHandler = async (node, ev, skip) => {
  if (node.typeOnly) {
    checkType(node.word!, ev);
    return EMPTY;
  }
  checkSpec(node, ev);
  const key = node.hasKey ? await ev.seq(node.args[0]!, skip) : undefined;
  const second = await ev.seq(node.args[node.hasKey ? 1 : 0]!, skip);
  if (skip) return ev.yesNo(node.yesno, false, EMPTY, 'lookup', true);
  const keyArg = key ?? second;
  let outcome;
  try {
    outcome = await ev.ctx.services.lookups.lookup(node.word!, keyArg, key ? second : undefined, ev.ctx);
  } catch (e) {
    if (e instanceof TaintedLookupFileError) throw new ExpandError('(null)');
    if (e instanceof LookupDefer) {
      const msg = e.message.startsWith('lookup of ') ? e.message : `lookup of "${keyArg.s}" gave DEFER: ${e.message}`;
      throw new ExpandError(msg, 'defer');
    }
    if (e instanceof LookupError) throw new ExpandError(e.message);
    throw e;
  }
  return ev.yesNo(node.yesno, outcome.found, outcome.value, 'lookup', false);
};
