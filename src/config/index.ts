/**
 * Public entry of the configuration module: find and parse the runtime configuration.
 */
import { findConfigFile } from './find.js';
import type { OptionsApi } from './option-api.js';
import * as options from './options/index.js';
import { parseConfig } from './parser.js';
import { ConfigError } from '../util/errors.js';
import type { LoadConfigOptions, LoadedConfig } from './types.js';

export { findConfigFile, BUILT_IN_SOURCE_NAME, DEFAULT_SEARCH_PATH } from './find.js';
export type { FoundConfig } from './find.js';
export { MissingConfigFileError } from './errors.js';
export { parseConfig } from './parser.js';
export type { ParseInput } from './parser.js';
export type { OptionsApi } from './option-api.js';
export { DEFAULT_CONFIG_TEXT } from './default-config.js';
export { parseRewriteRule } from './sections/rewrite.js';

/** The real option tables, in the shape the parser takes. */
export const optionsApi: OptionsApi = {
  mainOptions: options.mainOptions,
  genericOptions: options.genericOptions,
  driverOptions: options.driverOptions,
  driverNames: options.driverNames,
  resolveOptionSetting: options.resolveOptionSetting,
  builtinMacros: options.builtinMacros,
  parseStringValue(text, name, loc) {
    try {
      return options.parseStringValue(text, name);
    } catch (e) {
      if (e instanceof options.OptionValueError) throw new ConfigError(e.message, loc.file, loc.line);
      throw e;
    }
  },
  mainOptionValue: options.mainOptionValue,
};

/** Reads the configuration chosen by `opts` (see findConfigFile) with -D macros applied. */
export function loadConfig(opts: LoadConfigOptions = {}): LoadedConfig {
  const found = findConfigFile(opts);
  return parseConfig({ file: found.sourceName, text: found.text, macros: opts.macros }, optionsApi);
}
