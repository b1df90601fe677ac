/** Everything the section parsers accumulate while one configuration is read. */
import type { NamedList } from '../expand/types.js';
import type { ConfigLineReader } from './line-reader.js';
import type { MacroStore } from './macros.js';
import type { OptionsApi } from './option-api.js';
import type {
  AclDefinition,
  DriverInstance,
  DriverKind,
  OptionSetting,
  RetryRule,
  RewriteRule,
} from './types.js';

export interface ParseState {
  readonly api: OptionsApi;
  readonly macros: MacroStore;
  readonly reader: ConfigLineReader;
  readonly main: Map<string, OptionSetting>;
  /** Keyed by `${kind}:${name}`. */
  readonly namedLists: Map<string, NamedList>;
  readonly acls: Map<string, AclDefinition>;
  readonly drivers: Record<DriverKind, DriverInstance[]>;
  readonly retry: RetryRule[];
  readonly rewrite: RewriteRule[];
  readonly warnings: string[];
}

/** A section of the file: fed its logical lines, then told that it has ended. */
export interface SectionParser {
  line(text: string): void;
  end(): void;
}
