/**
 * One configured router: its instance, its options (read only through DriverOptions) and its
 * driver, plus the small expansion helpers the engine and drivers share. Expansion of an
 * option reports Exim's three outcomes: a value, forced failure, or an error/defer.
 */
import type { DriverOptions } from '../config/driver-options.js';
import type { DriverInstance } from '../config/types.js';
import { expand } from '../expand/index.js';
import { ExpandError, type ExpandContext, type TStr } from '../expand/types.js';
import type { RouterDriver } from './types.js';

export type Expanded =
  | { readonly ok: true; readonly value: TStr }
  | { readonly ok: false; readonly forced: boolean; readonly defer: boolean; readonly message: string };

export class Router {
  constructor(
    readonly index: number,
    readonly instance: DriverInstance,
    readonly options: DriverOptions,
    readonly driver: RouterDriver,
  ) {}

  get name(): string {
    return this.instance.name;
  }

  get driverName(): string {
    return this.instance.driver;
  }
}

/** Expand text, turning ExpandError into a result (other errors propagate). */
export async function tryExpand(text: string, ctx: ExpandContext): Promise<Expanded> {
  try {
    return { ok: true, value: await expand(text, ctx) };
  } catch (e) {
    if (e instanceof ExpandError) return { ok: false, forced: e.kind === 'forced', defer: e.kind === 'defer', message: e.message };
    throw e;
  }
}

/**
 * An expandable boolean option (`more`, `unseen`): a stored boolean, or a string expanded now
 * whose result must be yes/no/true/false. Forced failure gives the default.
 */
export async function expandBoolOption(
  options: DriverOptions,
  name: string,
  fallback: boolean,
  ctx: () => ExpandContext,
): Promise<{ ok: true; value: boolean } | { ok: false; message: string }> {
  const raw = options.get(name);
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  if (typeof raw !== 'string') return { ok: true, value: fallback };
  const r = await tryExpand(raw, ctx());
  if (!r.ok) {
    if (r.forced) return { ok: true, value: fallback };
    return { ok: false, message: `failed to expand "${name}" in ${options.name} router: ${r.message}` };
  }
  const word = r.value.s.trim().toLowerCase();
  if (word === 'yes' || word === 'true') return { ok: true, value: true };
  if (word === 'no' || word === 'false') return { ok: true, value: false };
  return { ok: false, message: `"${r.value.s}" is not a valid value for the "${name}" option in the ${options.name} router` };
}
