/**
 * What the parser needs from the option tables (src/config/options/). Passed in rather than
 * imported so the parser can be tested against small tables.
 */
import type {
  DriverKind,
  MacroDefinition,
  OptionDef,
  OptionSetting,
  OptionTable,
  OptionValue,
  SourceLocation,
} from './types.js';

export interface OptionsApi {
  readonly mainOptions: OptionTable;
  genericOptions(kind: DriverKind): OptionTable;
  /** undefined: no such driver. */
  driverOptions(kind: DriverKind, driver: string): OptionTable | undefined;
  driverNames(kind: DriverKind): string[];
  /** Parses `[no_|not_]name [= value]`; throws ConfigError with Exim's texts. */
  resolveOptionSetting(
    table: OptionTable,
    nameAsWritten: string,
    rawValue: string | undefined,
    loc: SourceLocation,
    what: string,
  ): { def: OptionDef; value: OptionValue };
  builtinMacros(): MacroDefinition[];
  /** A string value as written (quotes and escapes processed); throws ConfigError at `loc`. */
  parseStringValue(text: string, name: string, loc: SourceLocation): string;
  /** Effective main option value (setting, else derived or table default); optional for fakes. */
  mainOptionValue?(main: ReadonlyMap<string, OptionSetting>, name: string): OptionValue;
}
