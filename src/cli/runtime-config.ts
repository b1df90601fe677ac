/**
 * Bridge between the loaded configuration and the command-line modes: the read-only view the
 * expander needs, the macros -be substitutes, and the variables that depend on the file read.
 */
import { dirname } from 'node:path';
import { loadConfig } from '../config/index.js';
import type { LoadedConfig, MacroDefinition } from '../config/types.js';
import { untainted, type ExpandConfigView, type TStr } from '../expand/types.js';
import { callerLogin } from '../util/caller-login.js';

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
  return { loaded, view, sourceName: loaded.sourceName, macros: loaded.macros, beVariables: beVariables(loaded) };
}

/**
 * Variables Exim sets in -be: the configuration file as named (and its directory, made absolute
 * from the current directory), and the caller as sender and authenticated id.
 */
function beVariables(loaded: LoadedConfig): Map<string, TStr> {
  const vars = new Map<string, TStr>();
  const file = loaded.sourceName;
  if (!file.startsWith('<')) {
    vars.set('config_file', untainted(file));
    const slash = file.lastIndexOf('/');
    const dir = file.startsWith('/') ? dirname(file) : `${process.cwd()}/${slash < 0 ? '' : file.slice(0, slash)}`;
    vars.set('config_dir', untainted(dir));
  }
  const caller = callerLogin();
  const qualify = String(loaded.mainOption('qualify_domain') ?? '');
  vars.set('sender_address', untainted(`${caller}@${qualify}`));
  vars.set('authenticated_id', untainted(caller));
  vars.set('authenticated_sender', untainted(`${caller}@${qualify}`));
  vars.set('sender_ident', untainted(caller));
  return vars;
}

