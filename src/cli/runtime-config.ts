/**
 * Bridge between the loaded configuration and the command-line modes: the read-only view the
 * expander needs, the macros -be substitutes, and the variables that depend on the file read.
 */
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../config/index.js';
import type { LoadedConfig, MacroDefinition } from '../config/types.js';
import { untainted, type ExpandConfigView, type TStr } from '../expand/types.js';

export interface RuntimeConfig {
  readonly loaded: LoadedConfig;
  readonly view: ExpandConfigView;
  /** File name for messages (`<built-in default>` when no file was read). */
  readonly sourceName: string;
  readonly macros: readonly MacroDefinition[];
  /** Variables -be starts with ($config_file, $config_dir). */
  readonly beVariables: Map<string, TStr>;
}

export interface RuntimeConfigOptions {
  file?: string;
  macros?: Record<string, string>;
}

export function loadRuntimeConfig(opts: RuntimeConfigOptions = {}): RuntimeConfig {
  const loaded = loadConfig({ file: opts.file, macros: opts.macros });
  return fromLoadedConfig(loaded);
}

export function fromLoadedConfig(loaded: LoadedConfig): RuntimeConfig {
  const view: ExpandConfigView = {
    mainOption(name) {
      const value = loaded.mainOption(name);
      if (value === undefined || typeof value !== 'object') return value;
      return value.join(':');
    },
    namedList: (kind, name) => loaded.namedList(kind, name),
  };
  const beVariables = new Map<string, TStr>();
  if (!loaded.sourceName.startsWith('<')) {
    beVariables.set('config_file', untainted(resolve(loaded.sourceName)));
    beVariables.set('config_dir', untainted(dirname(resolve(loaded.sourceName))));
  }
  return { loaded, view, sourceName: loaded.sourceName, macros: loaded.macros, beVariables };
}
