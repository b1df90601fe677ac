/**
 * Core types of the string-expansion engine. Subsystems (operators, conditions, items,
 * variables, lookups) plug in through the registries declared here.
 *
 * Expansion is asynchronous because lookups (redis, SQL, DNS, readsocket) do network I/O;
 * operators are pure string functions and stay synchronous.
 */
import { MailwrightError } from '../util/errors.js';

/** A string plus Exim's taint bit: true when any part came from an untrusted source. */
export interface TStr {
  readonly s: string;
  readonly tainted: boolean;
}

export const untainted = (s: string): TStr => ({ s, tainted: false });
export const tainted = (s: string): TStr => ({ s, tainted: true });
export const EMPTY: TStr = Object.freeze({ s: '', tainted: false });

/**
 * How an expansion failed.
 * - 'error': a genuine error; the message is Exim's text (printed by -be after "Failed: ").
 * - 'forced': forced failure (`fail` keyword); callers treat it specially (e.g. option unset).
 * - 'defer': a lookup or service deferred (Exim's search_find_defer); usually a temporary error.
 */
export type ExpandFailureKind = 'error' | 'forced' | 'defer';

export class ExpandError extends MailwrightError {
  constructor(
    message: string,
    readonly kind: ExpandFailureKind = 'error',
  ) {
    super(message);
  }
  get forced(): boolean {
    return this.kind === 'forced';
  }
}

/** Read-only view of the configuration the expander needs (main options, named lists). */
export interface ExpandConfigView {
  /** Value of a main option as stored by the config module, or undefined when unknown/unset. */
  mainOption(name: string): string | number | boolean | undefined;
  /** A named list (`domainlist name = ...`), for `+name` references in list matching. */
  namedList(kind: NamedListKind, name: string): NamedList | undefined;
}

export type NamedListKind = 'domain' | 'host' | 'address' | 'localpart';

export interface NamedList {
  readonly kind: NamedListKind;
  readonly name: string;
  /** The unexpanded list text as written in the configuration. */
  readonly value: string;
  /** Whether results of matching may be cached (`domainlist_cache` etc. or no `$` in value). */
  readonly cacheable: boolean;
  readonly file?: string;
  readonly line?: number;
}

/**
 * Per-evaluation state: the message/connection values (variables), captured groups,
 * $value/$item, and services. Explicit and typed: no globals.
 */
export interface ExpandContext {
  /** Variables set by subsystems (e.g. sender_address, local_part). Keyed by name without `$`. */
  readonly vars: Map<string, TStr>;
  /** Header access for $h_/$rh_/$bh_/$lh_; undefined outside message context. */
  readonly headers?: HeaderSource;
  readonly config: ExpandConfigView;
  /** Numeric variables $0..$9 from the most recent successful regex match. */
  numeric: TStr[];
  /** $value inside ${lookup}, ${extract}, ${readfile}, ...; stack-managed by the evaluator. */
  value?: TStr;
  /** $item inside ${map}, ${filter}, ${reduce}, forany/forall. */
  item?: TStr;
  /** $acl_arg1..9 and $acl_narg for ${acl}/acl = */
  aclArgs?: TStr[];
  /** Hook for ${acl{name}{args}}; absent until the ACL engine is wired in. */
  runAcl?: (name: string, args: TStr[], ctx: ExpandContext) => Promise<AclExpandResult>;
  /** true when running under -be: some items are allowed only for admin/trusted callers. */
  readonly testMode?: boolean;
  /** Whether the caller is an admin user (affects readfile/run restrictions in -be). */
  readonly admin?: boolean;
  /** Lookup caches and other per-process services. */
  readonly services: ExpandServices;
}

export interface AclExpandResult {
  verb: 'accept' | 'deny' | 'defer' | 'fail' | 'error';
  message?: string;
}

export interface HeaderSource {
  /** All headers in order: name as written and raw value (with folding, without trailing newline). */
  list(): Array<{ name: string; raw: string }>;
}

/** Services shared across evaluations in one process. */
export interface ExpandServices {
  /** Lookup registry with per-process caches. */
  lookups: import("../lookups/types.js").LookupRegistry;
  /** The expander itself, for modules that must expand nested text (wildlsearch keys, ${expand:}, list items). Set by src/expand. */
  expand(text: string, ctx: ExpandContext): Promise<TStr>;
}

// ---------------------------------------------------------------------------
// Registries
// ---------------------------------------------------------------------------

/**
 * An expansion operator: `${name:subject}` or `${name_N_M:subject}`.
 * `params` holds the numeric/word suffixes split on `_` (e.g. `${hash_3_5:x}` -> ["3","5"],
 * `${sha2_256:x}` -> ["256"]). The evaluator propagates the subject's taint to the result
 * unless `untaints` is set.
 */
export interface OperatorDef {
  readonly name: string;
  /** Throw ExpandError with Exim's message text on bad input. */
  fn(subject: string, params: string[], ctx: ExpandContext): string;
  /** When true the result is never tainted (rare; e.g. operators that return a hash of the input still taint in Exim, so this is almost always false). */
  readonly untaints?: boolean;
  /** Accepts `_N` suffixes; operators without it reject `${name_3:...}`. */
  readonly takesParams?: boolean;
}

/**
 * A condition of `${if ...}` that takes a fixed number of brace-delimited string arguments
 * (e.g. `eq {a}{b}`, `exists {file}`, `crypteq {pw}{hash}`). Structural conditions
 * (and, or, not/!, forall, forany, def:, bool, first_delivery, queue_running) are built into the
 * evaluator. Arguments arrive already expanded.
 * A condition may set ctx.value (inlist, inlisti, match_*: $value for the success branch) and
 * ctx.numeric (match: $0..$n); the evaluator saves them at the start of `${if` and restores
 * them at its end, as Exim does.
 */
export interface ConditionDef {
  readonly name: string;
  /** Number of brace arguments; e.g. 2 for eq, 1 for exists. */
  readonly nargs: number;
  /**
   * Optional, for the few conditions whose arguments are not plain expanded `{..}` groups.
   * Indexes of arguments that Exim reads WITHOUT `$` expansion (match_address, match_domain,
   * match_ip, match_local_part: the list, arg 1). Backslash escapes and `\N...\N` still apply,
   * `$` and `{` are ordinary characters, and the first unescaped `}` ends the argument.
   */
  readonly literalArgs?: readonly number[];
  /**
   * Optional: the arguments are sub-groups inside ONE outer brace group, `cond {{a}{b}...}`,
   * from `nested.min` up to `nargs` of them (acl: 1..10, saslauthd: 2..4); fn receives only
   * those present. Exim's errors: fewer than min or no outer group ->
   * `too few arguments or bracketing error for <name>`; more than nargs ->
   * `Too many arguments for '' (max is <nargs>)`.
   */
  readonly nested?: { readonly min: number };
  /**
   * Optional: Exim runs this condition even in a branch it is skipping, for its side effects
   * (inbound_srs sets $srs_recipient). fn then receives the literal text of each argument, its
   * nested expansions empty, and its result is ignored.
   */
  readonly runsWhenSkipping?: boolean;
  fn(args: TStr[], ctx: ExpandContext): boolean | Promise<boolean>;
}
