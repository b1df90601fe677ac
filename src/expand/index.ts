/**
 * Public entry points of the string-expansion engine.
 *
 *   const ctx = createExpandContext({ config, lookups });
 *   await expand('${lc:$local_part}', ctx)      // TStr, or throws ExpandError (Exim's message)
 *   await expandString(text, ctx)               // plain string
 *   await expandCondition(text, ctx)            // router `condition` style truth
 *   await evaluateCondition('eq{a}{b}', ctx)    // a bare condition (ACL `condition =`, tests)
 */
import type { LookupRegistry } from '../lookups/types.js';
import { Evaluator } from './evaluator.js';
import { parseExpansion, Parser, ParseFail } from './parser.js';
import { parseCondition } from './parse-cond.js';
import { truncateAtNul } from './nul.js';
import { ExpandError, type ExpandConfigView, type ExpandContext, type HeaderSource, type TStr } from './types.js';

export { ExpandError } from './types.js';
export type { ExpandContext, TStr } from './types.js';

export interface CreateExpandContextOptions {
  config: ExpandConfigView;
  lookups: LookupRegistry;
  testMode?: boolean;
  admin?: boolean;
  vars?: Map<string, TStr>;
  headers?: HeaderSource;
}

export function createExpandContext(opts: CreateExpandContextOptions): ExpandContext {
  return {
    vars: opts.vars ?? new Map(),
    headers: opts.headers,
    config: opts.config,
    numeric: [],
    testMode: opts.testMode,
    admin: opts.admin,
    services: { lookups: opts.lookups, expand },
  };
}

/** Expand `text`; throws ExpandError (kind error / forced / defer) with Exim's message. */
export async function expand(text: string, ctx: ExpandContext): Promise<TStr> {
  return expandM(text, ctx);
}

/**
 * expand, but the result comes back directly when no part of the string needed I/O (most
 * strings): for callers on hot paths that can use either form. Errors may be thrown directly.
 */
export function expandM(text: string, ctx: ExpandContext): TStr | Promise<TStr> {
  const r = new Evaluator(ctx).seqM(parseExpansion(text));
  return r instanceof Promise ? r.then(truncateAtNul) : truncateAtNul(r);
}



export async function expandString(text: string, ctx: ExpandContext): Promise<string> {
  return (await expand(text, ctx)).s;
}

/**
 * Truth of an expanded option such as a router's `condition`: empty, "0", "no" and "false"
 * (caseless, after trimming) are false; "1", "yes", "true" and anything else are true.
 */
export async function expandCondition(text: string, ctx: ExpandContext): Promise<boolean> {
  return stringIsTrue((await expand(text, ctx)).s);
}

export function stringIsTrue(value: string): boolean {
  const v = value.trim().toLowerCase();
  return !(v === '' || v === '0' || v === 'no' || v === 'false');
}

/** Evaluate a bare condition (the text after `${if `, without braces around yes/no). */
export async function evaluateCondition(text: string, ctx: ExpandContext): Promise<boolean> {
  const p = new Parser(text);
  let cond;
  try {
    cond = parseCondition(p);
  } catch (e) {
    if (e instanceof ParseFail) throw new ExpandError(e.message);
    throw e;
  }
  p.skipWs();
  if (p.pos < text.length) throw new ExpandError(`unexpected text after condition: "${p.rest()}"`);
  return new Evaluator(ctx).cond(cond, false);
}
