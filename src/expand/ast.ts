/**
 * Syntax tree of an expansion string. The parser turns text into a Seq once (cached); the
 * evaluator walks it, either for real or in "skipping" mode (branches not taken are still
 * checked, as Exim does, so errors inside them are reported).
 */

export type Seq = readonly Node[];

export type Node = LitNode | VarNode | HeaderNode | NumericNode | OpNode | ItemNode | ErrNode;

export interface LitNode {
  readonly k: 'lit';
  readonly s: string;
}

/** `$name` (braced=false) or `${name}` (braced=true). */
export interface VarNode {
  readonly k: 'var';
  readonly name: string;
  readonly braced: boolean;
}

export type HeaderKind = 'h' | 'bh' | 'rh' | 'lh';

/** `$h_name:` and friends; `name` is the header name without the colon. */
export interface HeaderNode {
  readonly k: 'hdr';
  readonly kind: HeaderKind;
  readonly name: string;
}

/** `$3` or `${3}`. */
export interface NumericNode {
  readonly k: 'num';
  readonly n: number;
}

/** `${name:subject}` or `${name_N_M:subject}`. */
export interface OpNode {
  readonly k: 'op';
  /** Name as written (e.g. `substr_1_2`), for error messages. */
  readonly written: string;
  readonly name: string;
  readonly params: readonly string[];
  readonly subject: Seq;
}

/** `fail` written instead of the "no" branch. */
export const FAIL = 'fail' as const;

export interface YesNo {
  readonly yes?: Seq;
  readonly no?: Seq | typeof FAIL;
}

/** A `${name{...}...}` item. Fields beyond `args` are used only by the items that need them. */
export interface ItemNode {
  readonly k: 'item';
  readonly name: string;
  readonly args: readonly Seq[];
  /** Text between the item name and the first brace (lookup type, `json`, run options...). */
  readonly word?: string;
  readonly cond?: CondNode;
  readonly yesno?: YesNo;
  /** Source text of each brace argument (e.g. ${run} without preexpand splits it before expanding). */
  readonly raw?: readonly string[];
  /** ${lookup}: whether a `{key}` preceded the type. */
  readonly hasKey?: boolean;
  /** ${lookup} cut short by a syntax error after the type: only check that the type exists. */
  readonly typeOnly?: boolean;
  /** ${extract}: the two possible shapes, chosen at run time by whether the first argument is numeric. */
  readonly forms?: { readonly keyed: ExtractForm; readonly numbered: ExtractForm };
}

/** Either the parsed tail of an ${extract} (extra args + yes/no) or the syntax error that shape hits. */
export type ExtractForm = { readonly args: readonly Seq[]; readonly yesno: YesNo } | { readonly err: ErrNode };

/** A syntax error found while parsing; `before` is what Exim would have expanded before reaching it. */
export interface ErrNode {
  readonly k: 'err';
  readonly msg: string;
  readonly before: ReadonlyArray<Seq | CondNode>;
  /**
   * Set for an error inside a nested construct (map/reduce/filter/forany/forall/and/or): every
   * error met while walking `before`, and this one, gets the note appended.
   */
  readonly context?: string;
  /** Exim reads the body of map/reduce/filter/forany/forall skipping first: walk `before` skipping. */
  readonly contextSkips?: boolean;
}

export type CondNode =
  | { readonly c: 'reg'; readonly name: string; readonly args: readonly Seq[] }
  | { readonly c: 'not'; readonly inner: CondNode }
  | { readonly c: 'and' | 'or'; readonly items: readonly CondNode[] }
  | { readonly c: 'for'; readonly all: boolean; readonly json: '' | 'json' | 'jsons'; readonly list: Seq; readonly cond: CondNode }
  | { readonly c: 'def'; readonly target: VarNode | HeaderNode }
  | { readonly c: 'flag'; readonly name: 'first_delivery' | 'queue_running' }
  | { readonly c: 'err'; readonly err: ErrNode };

export const isCondNode = (x: Seq | CondNode): x is CondNode => !Array.isArray(x);
