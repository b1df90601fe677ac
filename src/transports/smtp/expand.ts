/** Expansion of smtp transport options with $host, $host_address, $host_port set. */
import { expand } from '../../expand/index.js';
import { ExpandError, untainted, type ExpandContext } from '../../expand/types.js';
import { matchHostList } from '../../match/index.js';
import { LookupDefer } from '../../lookups/types.js';
import type { HostItem } from '../../route/types.js';
import type { AddressItem } from '../../route/types.js';
import type { TransportContext } from '../types.js';

export class OptionExpansionError extends Error {
  constructor(
    readonly option: string,
    readonly detail: string,
  ) {
    super(`failed to expand "${option}" option in smtp transport: ${detail}`);
  }
}

/** Variables describing the current host (and the local end, once connected). */
export function hostVars(host: HostItem | undefined, port: number | undefined, local?: { address: string; port: number }): Map<string, string> {
  const m = new Map<string, string>();
  if (host) {
    m.set('host', host.name);
    m.set('host_address', host.address ?? '');
    if (port !== undefined) m.set('host_port', String(port));
  }
  if (local) {
    m.set('sending_ip_address', local.address);
    m.set('sending_port', String(local.port));
  }
  return m;
}

export class OptionExpander {
  private vars = new Map<string, string>();

  constructor(
    private readonly ctx: TransportContext,
    private readonly addr: AddressItem,
  ) {}

  setVars(vars: Map<string, string>): void {
    this.vars = vars;
  }

  /** Sets extra variables (TLS facts after STARTTLS) on top of the host variables. */
  addVars(vars: Map<string, string>): void {
    for (const [k, v] of vars) this.vars.set(k, v);
  }

  context(): ExpandContext {
    const ectx = this.ctx.expandFor(this.addr, this.vars);
    for (const [k, v] of this.vars) ectx.vars.set(k, untainted(v));
    return ectx;
  }

  /** The expanded text; undefined when unset, forced to fail, or (emptyIsUnset) empty. */
  async string(option: string, text: string | undefined, emptyIsUnset = true): Promise<string | undefined> {
    if (text === undefined) return undefined;
    try {
      const v = (await expand(text, this.context())).s;
      return emptyIsUnset && v === '' ? undefined : v;
    } catch (e) {
      if (e instanceof ExpandError && e.forced) return undefined;
      if (e instanceof ExpandError) throw new OptionExpansionError(option, e.message);
      throw e;
    }
  }

  /** Whether the host matches a host-list option (unset: no). Lookup deferrals count as no match. */
  async hostIn(option: string, list: string | undefined, host: HostItem): Promise<boolean> {
    if (list === undefined) return false;
    const expanded = await this.string(option, list, false);
    if (expanded === undefined || expanded === '') return false;
    try {
      const r = await matchHostList({ address: host.address ?? '', name: host.name }, expanded, this.context());
      return r.matched;
    } catch (e) {
      if (e instanceof LookupDefer) return false;
      throw e;
    }
  }
}
