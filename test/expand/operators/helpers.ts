/** Shared test helpers: a minimal ExpandContext and operator name resolution as the evaluator does it. */
import { readFileSync } from 'node:fs';
import { operators } from '../../../src/expand/operators/index.js';
import { ExpandError } from '../../../src/expand/types.js';
import type { ExpandContext, NamedList, NamedListKind, OperatorDef } from '../../../src/expand/types.js';

export interface FixtureCase {
  name: string;
  subject: string;
  out?: string;
  error?: string;
  tailLost?: boolean;
  crash?: string;
}

export interface Fixture {
  config?: {
    namedLists?: Array<[NamedListKind, string, string]>;
    headers_charset?: string;
    mainOptions?: Record<string, string | boolean>;
  };
  cases: FixtureCase[];
  [key: string]: unknown;
}

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../../fixtures/expand-operators/${name}.json`, import.meta.url), 'utf8')) as Fixture;
}

export function fakeContext(options: Record<string, string | boolean> = {}, lists: Array<[NamedListKind, string, string]> = []): ExpandContext {
  const named = new Map<string, NamedList>();
  for (const [kind, name, value] of lists) named.set(`${kind}:${name}`, { kind, name, value, cacheable: true });
  return {
    vars: new Map(),
    numeric: [],
    config: {
      mainOption: (name) => options[name],
      namedList: (kind, name) => named.get(`${kind}:${name}`),
    },
    services: {
      lookups: undefined as never,
      expand: () => Promise.reject(new Error('not available in operator tests')),
    },
  };
}

/** Full name first, then the part before the first underscore with the rest as `_` params. */
export function resolveOperator(written: string): { def: OperatorDef; params: string[] } | undefined {
  const whole = operators.get(written);
  if (whole) return { def: whole, params: [] };
  const cut = written.indexOf('_');
  if (cut < 0) return undefined;
  const def = operators.get(written.slice(0, cut));
  if (!def || !def.takesParams) return undefined;
  return { def, params: written.slice(cut + 1).split('_') };
}

/** What exim -be would show for ${written:subject}: { out } or { error }. */
export function runOperator(written: string, subject: string, ctx: ExpandContext): { out?: string; error?: string } {
  const found = resolveOperator(written);
  if (!found) return { error: `unknown expansion operator "${written}"` };
  try {
    return { out: found.def.fn(subject, found.params, ctx) };
  } catch (err) {
    if (err instanceof ExpandError) return { error: err.message };
    throw err;
  }
}
