/**
 * One option setting line (`[hide] [no_|not_]name [= value]`) split into its parts, with Exim's
 * syntax errors for what comes between the name and the value. Value parsing is the option
 * tables' business (OptionsApi.resolveOptionSetting).
 */
import { ConfigError } from '../util/errors.js';
import { readName, skipSpace } from './text.js';
import type { OptionDef, OptionTable, SourceLocation } from './types.js';

export interface OptionLine {
  readonly hidden: boolean;
  readonly name: string;
  /** Text after `=` with surrounding white space removed; undefined when there is no `=`. */
  readonly rawValue: string | undefined;
  /** Text after the name that is neither empty nor an `=` (a syntax error once the type is known). */
  readonly stray: boolean;
}

/** Strips a leading `hide` word. */
export function splitHide(text: string): { hidden: boolean; rest: string } {
  const m = /^hide\s+(.*)$/s.exec(text);
  if (m) return { hidden: true, rest: m[1]! };
  if (text === 'hide') return { hidden: true, rest: '' };
  return { hidden: false, rest: text };
}

export function splitOptionLine(text: string, hidden: boolean): OptionLine {
  const { name, end } = readName(text);
  const at = skipSpace(text, end);
  if (at >= text.length) return { hidden, name, rawValue: undefined, stray: false };
  if (text[at] !== '=') return { hidden, name, rawValue: undefined, stray: true };
  return { hidden, name, rawValue: text.slice(at + 1).trim(), stray: false };
}

/** The definition a written name refers to, allowing Exim's no_/not_ prefixes. */
export function findOptionDef(table: OptionTable, name: string): OptionDef | undefined {
  const m = /^(?:no_|not_)(.+)$/.exec(name);
  const def = table.get(name) ?? (m ? table.get(m[1]!) : undefined);
  return def ? canonicalDef(table, def) : undefined;
}

/** Follows an alias spelling (the tables mark them with `aliasOf`) to the real definition. */
export function canonicalDef(table: OptionTable, def: OptionDef): OptionDef {
  const alias = (def as OptionDef & { readonly aliasOf?: string }).aliasOf;
  return alias !== undefined ? (table.get(alias) ?? def) : def;
}

/** Exim's complaint about text after a name that is not `= value`. */
export function strayTextError(def: OptionDef, nameAsWritten: string, loc: SourceLocation): ConfigError {
  const message =
    def.type === 'bool'
      ? `extra characters follow boolean option ${nameAsWritten}`
      : `missing "=" after ${nameAsWritten}`;
  return new ConfigError(message, loc.file, loc.line);
}

export function setTwiceError(name: string, loc: SourceLocation): ConfigError {
  return new ConfigError(`"${name}" option set for the second time`, loc.file, loc.line);
}
