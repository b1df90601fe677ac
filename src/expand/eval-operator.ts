/**
 * `${name:subject}`: operators from the registry (with `_N_M` suffixes), plus the two the core
 * owns because they need services: `${expand:...}` and `${quote_<lookuptype>:...}`.
 */
import type { OpNode } from './ast.js';
import type { Evaluator } from './evaluator.js';
import type { MaybePromise } from './maybe.js';
import { operators } from './operators/index.js';
import { parseExpansion } from './parser.js';
import { truncateAtNul } from './nul.js';
import { EMPTY, ExpandError, type OperatorDef, type TStr } from './types.js';
import { certOperatorValue, isCertOperator, type CertOperator } from '../tls/cert-vars.js';

type Resolved =
  | { kind: 'def'; def: OperatorDef; params: readonly string[] }
  | { kind: 'expand' }
  | { kind: 'quote'; lookup: string; option?: string };

function resolve(node: OpNode): Resolved {
  const exact = operators.get(node.written);
  if (exact) return { kind: 'def', def: exact, params: [] };
  if (node.written === 'expand') return { kind: 'expand' };
  if (node.written.startsWith('quote_')) {
    const rest = node.written.slice(6);
    const comma = rest.indexOf(',');
    return comma < 0 ? { kind: 'quote', lookup: rest } : { kind: 'quote', lookup: rest.slice(0, comma), option: rest.slice(comma + 1) };
  }
  const base = operators.get(node.name);
  if (base && node.params.length > 0) return { kind: 'def', def: base, params: node.params };
  throw new ExpandError(`unknown expansion operator "${node.written}"`);
}

export async function evalOperator(ev: Evaluator, node: OpNode, skip: boolean): Promise<TStr> {
  return evalOperatorM(ev, node, skip);
}

/** evalOperator, synchronous unless the subject needs I/O or the operator is `expand`. */
export function evalOperatorM(ev: Evaluator, node: OpNode, skip: boolean): MaybePromise<TStr> {
  const r = resolve(node);
  const certVar = certificateVariableSubject(node, r);
  if (certVar !== undefined) return skip ? EMPTY : certOperator(ev, node.name as CertOperator, certVar);
  if (r.kind === 'quote' && !ev.ctx.services.lookups.get(r.lookup)) throw new ExpandError(`unknown lookup type "${r.lookup}"`);
  const subject = ev.seqM(node.subject, skip);
  if (subject instanceof Promise) return subject.then((v) => applyOperator(ev, r, v, skip));
  return applyOperator(ev, r, subject, skip);
}

/**
 * `${md5:$tls_in_peercert}` and friends: with a certificate variable as the whole subject,
 * md5/sha1/sha256/base64 work on the certificate (src/tls/cert-vars.ts).
 */
function certificateVariableSubject(node: OpNode, r: Resolved): string | undefined {
  if (r.kind !== 'def' || node.subject.length !== 1) return undefined;
  const only = node.subject[0]!;
  return only.k === 'var' && isCertOperator(node.written, [], only.name) ? only.name : undefined;
}

function certOperator(ev: Evaluator, op: CertOperator, name: string): TStr {
  const value = ev.ctx.vars.get(name);
  return { s: certOperatorValue(op, name, value), tainted: value?.tainted ?? false };
}

function applyOperator(ev: Evaluator, r: Resolved, value: TStr, skip: boolean): MaybePromise<TStr> {
  const subject = truncateAtNul(value);
  if (skip) return EMPTY;
  switch (r.kind) {
    case 'def': {
      const s = r.def.fn(subject.s, [...r.params], ev.ctx);
      return { s, tainted: subject.tainted && !r.def.untaints && s !== '' };
    }
    case 'expand':
      return expandNested(ev, subject);
    case 'quote': {
      const driver = ev.ctx.services.lookups.get(r.lookup)!;
      const s = driver.quote ? driver.quote(subject.s, r.option) : subject.s;
      return { s, tainted: subject.tainted && s !== '' };
    }
  }
}

/** `${expand:...}`: expand the subject again; errors are wrapped as Exim does. */
async function expandNested(ev: Evaluator, subject: TStr): Promise<TStr> {
  if (subject.tainted) {
    throw new ExpandError(`internal expansion of "${subject.s}" failed: attempt to expand tainted string '${subject.s}'`);
  }
  try {
    const r = await ev.seq(parseExpansion(subject.s));
    return { s: r.s, tainted: (r.tainted || subject.tainted) && r.s !== '' };
  } catch (e) {
    if (e instanceof ExpandError && e.kind === 'error') {
      throw new ExpandError(`internal expansion of "${subject.s}" failed: ${e.message}`);
    }
    throw e;
  }
}
