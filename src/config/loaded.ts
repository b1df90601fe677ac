/** The LoadedConfig handed to the rest of Mailwright: parsed sections plus option defaults. */
import type { NamedList, NamedListKind } from '../expand/types.js';
import type { OptionsApi } from './option-api.js';
import { canonicalDef } from './option-line.js';
import type { ParseState } from './parse-state.js';
import type {
  AclDefinition,
  DriverInstance,
  LoadedConfig,
  MacroDefinition,
  OptionSetting,
  OptionValue,
  RetryRule,
  RewriteRule,
} from './types.js';

export class ParsedConfig implements LoadedConfig {
  readonly main: ReadonlyMap<string, OptionSetting>;
  readonly namedLists: ReadonlyMap<string, NamedList>;
  readonly macros: readonly MacroDefinition[];
  readonly acls: ReadonlyMap<string, AclDefinition>;
  readonly routers: readonly DriverInstance[];
  readonly transports: readonly DriverInstance[];
  readonly authenticators: readonly DriverInstance[];
  readonly retry: readonly RetryRule[];
  readonly rewrite: readonly RewriteRule[];
  /** Warnings Exim would log while reading (e.g. retry error names it no longer supports). */
  readonly warnings: readonly string[];

  constructor(
    readonly sourceName: string,
    state: ParseState,
    private readonly api: OptionsApi,
  ) {
    this.main = state.main;
    this.namedLists = state.namedLists;
    this.macros = state.macros.list();
    this.acls = state.acls;
    this.routers = state.drivers.router;
    this.transports = state.drivers.transport;
    this.authenticators = state.drivers.authenticator;
    this.retry = state.retry;
    this.rewrite = state.rewrite;
    this.warnings = state.warnings;
  }

  mainOption(name: string): OptionValue {
    const setting = this.main.get(name);
    if (setting) return setting.value;
    if (this.api.mainOptionValue) {
      const found = this.api.mainOptions.get(name);
      const canonical = found ? canonicalDef(this.api.mainOptions, found).name : name;
      return this.api.mainOptionValue(this.main, canonical);
    }
    const found = this.api.mainOptions.get(name);
    if (!found) return undefined;
    // An alias spelling stores its setting under the canonical name.
    const def = canonicalDef(this.api.mainOptions, found);
    return def.name !== name ? this.mainOption(def.name) : def.default;
  }

  namedList(kind: NamedListKind, name: string): NamedList | undefined {
    return this.namedLists.get(`${kind}:${name}`);
  }
}
