/**
 * Parsing of a lookup type specification as written in `${lookup{k}SPEC{file}}` or `SPEC;file`
 * in a list: `partial<n>-` / `partial<n>(<prefix>)`, the type name, `*` / `*@` default
 * suffixes and `,name=value` options. Error texts follow Exim 4.96 (checked with exim4 -be).
 */
import { LookupError } from './types.js';

export type DefaultKind = 'none' | 'star' | 'star-at';

export interface PartialSpec {
  /** Minimum number of non-wild components in shortened keys (`partial3-` -> 3; default 2). */
  readonly minComponents: number;
  /** Text put in front of shortened keys: `*.` by default, or what `partial(...)` gives. */
  readonly prefix: string;
}

export interface ParsedLookupSpec {
  /** The spec exactly as written. */
  readonly raw: string;
  /** The lookup type name (`lsearch`, `dsearch`, ...). */
  readonly type: string;
  readonly partial?: PartialSpec;
  readonly defaults: DefaultKind;
  /** All `,name=value` options in order of appearance (later duplicates win). */
  readonly options: ReadonlyMap<string, string>;
}

const DEFAULT_PARTIAL_MIN = 2;
const DEFAULT_PARTIAL_PREFIX = '*.';

const isAlnum = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9]$/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
/** ispunct() in the C locale, minus the closing parenthesis that ends a partial prefix. */
const isPrefixChar = (c: string): boolean => /^[!-\/:-@\[-`{-~]$/.test(c) && c !== ')';

function formatError(raw: string): LookupError {
  return new LookupError(`format error in lookup type "${raw}"`);
}

/** Parse `partial...` at the start of `raw`; returns the spec and where the type name begins. */
function parsePartial(raw: string): { partial: PartialSpec; rest: number } {
  let i = 'partial'.length;
  let digits = '';
  while (isDigit(raw[i])) digits += raw[i++];
  const minComponents = digits === '' ? DEFAULT_PARTIAL_MIN : Number.parseInt(digits, 10);
  if (raw[i] === '-') return { partial: { minComponents, prefix: DEFAULT_PARTIAL_PREFIX }, rest: i + 1 };
  if (raw[i] !== '(') throw formatError(raw);
  let prefix = '';
  i++;
  while (i < raw.length && raw[i] !== ')') {
    if (!isPrefixChar(raw[i]!)) throw formatError(raw);
    prefix += raw[i++];
  }
  if (raw[i] !== ')') throw formatError(raw);
  return { partial: { minComponents, prefix }, rest: i + 1 };
}

/** Split `a=b,c=d` into a map; items without `=` get an empty value. */
export function parseLookupOptions(text: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const item of text.split(',')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) options.set(item, '');
    else options.set(item.slice(0, eq), item.slice(eq + 1));
  }
  return options;
}

/**
 * Parse a spec. The type name ends at the first `*` (which starts the default suffix) or, when
 * there is none, at the first comma; options are whatever follows the first comma. This is why
 * Exim accepts `lsearch*,ret=key` but reports `lsearch,ret=key*` as an unknown type.
 */
export function parseLookupSpec(raw: string): ParsedLookupSpec {
  if (!isAlnum(raw[0])) throw new LookupError('missing lookup type');
  let partial: PartialSpec | undefined;
  let start = 0;
  if (raw.startsWith('partial')) {
    const p = parsePartial(raw);
    partial = p.partial;
    start = p.rest;
  }
  const rest = raw.slice(start);
  const star = rest.indexOf('*');
  const comma = rest.indexOf(',');
  let defaults: DefaultKind = 'none';
  let type: string;
  if (star >= 0) {
    type = rest.slice(0, star);
    defaults = rest[star + 1] === '@' ? 'star-at' : 'star';
  } else {
    type = comma >= 0 ? rest.slice(0, comma) : rest;
  }
  const options = comma >= 0 ? parseLookupOptions(rest.slice(comma + 1)) : new Map<string, string>();
  return { raw, type, partial, defaults, options };
}
