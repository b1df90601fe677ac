/**
 * Which configuration to read: the -C list (first file that exists, as Exim), else the first
 * existing file of the search path, else Mailwright's built-in default configuration.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { DEFAULT_CONFIG_TEXT } from './default-config.js';
import { MissingConfigFileError } from './errors.js';
import type { LoadConfigOptions } from './types.js';

export const DEFAULT_SEARCH_PATH: readonly string[] = ['/etc/mailwright/mailwright.conf'];
export const BUILT_IN_SOURCE_NAME = '<built-in default>';

export interface FoundConfig {
  /** The file's path, or `<built-in default>`. */
  readonly sourceName: string;
  readonly text: string;
  readonly builtIn: boolean;
}

function readConfigFile(path: string): FoundConfig {
  // A directory "exists" for Exim and reads as an empty configuration.
  const text = statSync(path).isDirectory() ? '' : readFileSync(path, 'latin1');
  return { sourceName: path, text, builtIn: false };
}

export function findConfigFile(opts: LoadConfigOptions = {}): FoundConfig {
  if (opts.file !== undefined) {
    const chosen = opts.file.split(':').find((p) => p !== '' && existsSync(p));
    if (chosen === undefined) throw new MissingConfigFileError(opts.file);
    return readConfigFile(chosen);
  }
  const found = (opts.searchPath ?? DEFAULT_SEARCH_PATH).find((p) => existsSync(p));
  if (found !== undefined) return readConfigFile(found);
  return { sourceName: BUILT_IN_SOURCE_NAME, text: DEFAULT_CONFIG_TEXT, builtIn: true };
}
