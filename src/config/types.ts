/**
 * Contract of the configuration module: the parsed runtime configuration, typed options and
 * driver instances. src/config/options/ holds the option tables (every option of Exim 4.96 plus the
 * experimental ones, with types and defaults); src/config/ the reader and parser.
 */
import type { NamedList, NamedListKind } from '../expand/types.js';

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** How an option's value is written and stored (Exim's option types). */
export type OptionType =
  | 'bool' // bare name, no_/not_ prefix, or = true|false|yes|no
  | 'int' // decimal, 0x hex, leading-0 octal, K/M/G suffix
  | 'mkint' // integer printed with K/M suffix in -bP (sizes)
  | 'kint' // size stored in kilobytes (check_spool_space...): plain number = K, printed with K/M/G/T
  | 'octint' // printed in octal (modes)
  | 'fixed' // fixed-point with 3 decimals (e.g. load averages)
  | 'time' // intervals like 3h50m; stored in seconds
  | 'timelist' // colon list of intervals
  | 'string' // any text (lists are strings too)
  | 'uid'
  | 'gid'
  | 'uidlist'
  | 'gidlist'
  | 'rewrite'; // rewrite rules attached to a transport (headers_rewrite)

/** Stored value: booleans, numbers (ints, seconds, fixed*1000), strings; undefined = unset. */
export type OptionValue = boolean | number | string | readonly number[] | undefined;

export interface OptionDef {
  readonly name: string;
  readonly type: OptionType;
  readonly default?: OptionValue;
  /** Whether the value is expanded when used (informational; affects nothing at parse time). */
  readonly expanded?: boolean;
  /** Set when the subsystem that uses this option is not built yet: accepted and stored, shown by -bP. */
  readonly pending?: string;
}

export interface OptionTable {
  get(name: string): OptionDef | undefined;
  all(): readonly OptionDef[];
}

export interface OptionSetting {
  readonly def: OptionDef;
  readonly value: OptionValue;
  /** The text after `=` exactly as written (after macro substitution). */
  readonly raw: string;
  /** `hide` prefix: -bP shows the value only to admin users. */
  readonly hidden: boolean;
  readonly loc: SourceLocation;
}

export type DriverKind = 'router' | 'transport' | 'authenticator';

export interface DriverInstance {
  readonly kind: DriverKind;
  readonly name: string;
  /** Value of the `driver` option (e.g. dnslookup, smtp, plaintext). */
  readonly driver: string;
  /** Generic and private options set in this instance, by name. */
  readonly options: ReadonlyMap<string, OptionSetting>;
  readonly loc: SourceLocation;
}

export type AclVerb = 'accept' | 'defer' | 'deny' | 'discard' | 'drop' | 'require' | 'warn';

export interface AclItem {
  /** Condition or modifier name (e.g. hosts, verify, message, control, set acl_m_x). For `set` the name is `set` and `variable` holds the variable. */
  readonly name: string;
  readonly variable?: string;
  /** Text after `=` (unexpanded). */
  readonly value: string;
  /** `!` before the name. */
  readonly negated: boolean;
  readonly loc: SourceLocation;
}

export interface AclStatement {
  readonly verb: AclVerb;
  /** Conditions and modifiers in order (including `endpass`). */
  readonly items: readonly AclItem[];
  readonly loc: SourceLocation;
}

export interface AclDefinition {
  readonly name: string;
  readonly statements: readonly AclStatement[];
  readonly loc: SourceLocation;
}

export interface RetryParam {
  readonly algorithm: 'F' | 'G' | 'H';
  /** Cutoff time in seconds. */
  readonly cutoff: number;
  /** Initial (F: fixed) interval in seconds. */
  readonly interval: number;
  /** Multiplier for G and H. */
  readonly factor?: number;
}

export interface RetryRule {
  readonly pattern: string;
  /** Error name (e.g. `*`, `timeout_connect_A`, `rcpt_4xx`, `quota_7d`), as written. */
  readonly error: string;
  readonly senders?: string;
  readonly params: readonly RetryParam[];
  readonly loc: SourceLocation;
}

export interface RewriteRule {
  readonly pattern: string;
  readonly replacement: string;
  /** Flag letters as written (e.g. `Fs`, `hq`, `E`). */
  readonly flags: string;
  readonly loc: SourceLocation;
}

export interface MacroDefinition {
  readonly name: string;
  readonly value: string;
  /** Built-in (_HAVE_*, _OPT_*, _DRIVER_*, ...) rather than defined by the file or -D. */
  readonly builtin: boolean;
  /** From -D on the command line. */
  readonly commandLine?: boolean;
}

export interface LoadedConfig {
  /** The file read, or `<built-in default>` when the built-in default configuration is used. */
  readonly sourceName: string;
  /** Main options explicitly set, by canonical name. */
  readonly main: ReadonlyMap<string, OptionSetting>;
  /** Main option value with the default applied (undefined when unset and no default). */
  mainOption(name: string): OptionValue;
  readonly namedLists: ReadonlyMap<string, NamedList>;
  namedList(kind: NamedListKind, name: string): NamedList | undefined;
  /** All macros in definition order: built-ins first, then -D, then the file's. */
  readonly macros: readonly MacroDefinition[];
  readonly acls: ReadonlyMap<string, AclDefinition>;
  readonly routers: readonly DriverInstance[];
  readonly transports: readonly DriverInstance[];
  readonly authenticators: readonly DriverInstance[];
  readonly retry: readonly RetryRule[];
  readonly rewrite: readonly RewriteRule[];
}

export interface LoadConfigOptions {
  /** -C: explicit file (colon-separated list: first that exists is used, as Exim). */
  readonly file?: string;
  /** -D macros. */
  readonly macros?: Readonly<Record<string, string>>;
  /** Override the built-in search path (tests). */
  readonly searchPath?: readonly string[];
}
