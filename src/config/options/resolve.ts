/**
 * Turning one configuration line (`[no_|not_]name [= value]`) into an option definition and a
 * typed value, with Exim's error texts.
 */
import type { OptionDef, OptionTable, OptionValue, SourceLocation } from '../types.js';
import { ConfigError } from '../../util/errors.js';
import type { TableOptionDef } from './table.js';
import { parseValue } from './parse-value.js';
import { OptionValueError } from './values.js';

function isTableDef(def: OptionDef): def is TableOptionDef {
  return 'aliasOf' in def || 'unlisted' in def;
}

/** Finds the option, following alias spellings to the canonical definition. */
export function lookupOption(table: OptionTable, name: string): OptionDef | undefined {
  const def = table.get(name);
  if (def && isTableDef(def) && def.aliasOf) return table.get(def.aliasOf) ?? def;
  return def;
}

function unknownMessage(nameAsWritten: string, what: string): string {
  return what === 'main' ? `main option "${nameAsWritten}" unknown` : `option "${nameAsWritten}" unknown`;
}

interface Split {
  readonly def: OptionDef;
  readonly negated: boolean;
}

/** Exim tries the name as written first, then without a no_/not_ prefix. */
function findWithPrefix(table: OptionTable, name: string): Split | undefined {
  const direct = lookupOption(table, name);
  if (direct) return { def: direct, negated: false };
  const m = /^(no_|not_)(.+)$/.exec(name);
  if (!m) return undefined;
  const base = lookupOption(table, m[2]!);
  return base ? { def: base, negated: true } : undefined;
}

function booleanValue(nameAsWritten: string, def: OptionDef, negated: boolean, raw: string | undefined): boolean {
  if (raw === undefined) return !negated;
  if (negated) throw new OptionValueError(`extra characters follow boolean option ${nameAsWritten}`);
  const word = raw.trim();
  if (word === '') return true;
  const m = /^(\S+)(.*)$/s.exec(word)!;
  const first = m[1]!.toLowerCase();
  const known = first === 'true' || first === 'yes' ? true : first === 'false' || first === 'no' ? false : undefined;
  if (known === undefined) throw new OptionValueError(`"${word}" is not a valid value for the "${def.name}" option`);
  if (m[2]!.trim() !== '') {
    throw new OptionValueError(`extra characters follow "${m[1]}" for boolean option ${def.name}`);
  }
  return known;
}

/** Main options Exim silently limits after reading them (retry_interval_max is at most a day). */
const MAIN_MAXIMA: Readonly<Record<string, number>> = { retry_interval_max: 86400 };

function clamp(what: string, def: OptionDef, value: OptionValue): OptionValue {
  const max = what === 'main' && Object.hasOwn(MAIN_MAXIMA, def.name) ? MAIN_MAXIMA[def.name] : undefined;
  return max !== undefined && typeof value === 'number' && value > max ? max : value;
}

/**
 * Resolves `nameAsWritten [= rawValue]` against a table. rawValue is the text after `=` with
 * surrounding white space removed, or undefined when there was no `=`. `what` is "main" for the
 * main section, otherwise a description of the driver instance (Exim's driver messages do not
 * mention it; the parser may append context).
 */
export function resolveOptionSetting(
  table: OptionTable,
  nameAsWritten: string,
  rawValue: string | undefined,
  loc: SourceLocation,
  what: string,
): { def: OptionDef; value: OptionValue } {
  const found = findWithPrefix(table, nameAsWritten);
  if (!found) throw new ConfigError(unknownMessage(nameAsWritten, what), loc.file, loc.line);
  const { def, negated } = found;
  try {
    if (def.type === 'bool' && def.expanded && !negated && rawValue?.includes('$')) {
      // Expandable booleans (router `more`...) keep the string; it is expanded when used.
      return { def, value: parseValue({ ...def, type: 'string' }, rawValue) };
    }
    if (def.type === 'bool') return { def, value: booleanValue(nameAsWritten, def, negated, rawValue) };
    if (negated) throw new OptionValueError('negation prefix applied to a non-boolean option');
    if (rawValue === undefined) {
      throw new OptionValueError(`unexpected end of line (data missing) after ${nameAsWritten}`);
    }
    return { def, value: clamp(what, def, parseValue(def, rawValue)) };
  } catch (e) {
    if (e instanceof OptionValueError) throw new ConfigError(e.message, loc.file, loc.line);
    throw e;
  }
}
