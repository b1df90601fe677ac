/**
 * Public API of the option tables: lookup of main, generic and private driver options, parsing of
 * option settings with Exim's error texts, built-in macros, and -bP printing (print.ts).
 */
import type { DriverKind, OptionTable } from '../types.js';
import { genericTable, kindDriverNames, privateTable } from './drivers.js';
import { mainOptionTable } from './main-table.js';

export { resolveOptionSetting, lookupOption } from './resolve.js';
export { parseValue, parseUid, parseGid } from './parse-value.js';
export { parseStringValue } from './strings.js';
export {
  OptionValueError,
  parseInteger,
  parseKInteger,
  parseFixed,
  parseTime,
  parseTimeListFor,
  readTime,
} from './values.js';
export { builtinMacros } from './macros.js';
export { genericDefaultFor, instanceTable } from './drivers.js';
export { derivedMainDefault, defaultPrimaryHostname, MAILWRIGHT_SPOOL_DIRECTORY } from './host-defaults.js';
export { mainOptionValue } from './main-value.js';
export { EXPERIMENTAL_MAIN_OPTIONS } from './main-table-extra.js';
export type { TableOptionDef } from './table.js';

export const mainOptions: OptionTable = mainOptionTable;

export function genericOptions(kind: DriverKind): OptionTable {
  return genericTable(kind);
}

/** Private options of a driver; undefined when the driver is unknown. */
export function driverOptions(kind: DriverKind, driver: string): OptionTable | undefined {
  return privateTable(kind, driver);
}

export function driverNames(kind: DriverKind): string[] {
  return kindDriverNames(kind);
}
