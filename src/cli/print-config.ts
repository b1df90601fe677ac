/** `-bP`: print configuration options, macros, driver instances and named lists as Exim does. */
import type { Writable } from 'node:stream';
import type { CliOptions } from './args.js';
import { loadRuntimeConfig } from './runtime-config.js';
import { printConfig } from '../config/options/print.js';

export function runPrintConfig(opts: CliOptions, out: Writable): number {
  const config = loadRuntimeConfig({ file: opts.configFile, macros: opts.macros });
  const result = printConfig(config.loaded, opts.operands, isAdminCaller());
  out.write(result.out);
  if (result.err) process.stderr.write(result.err);
  return result.status;
}

/** Root and the process owner count as admin for -bP (hidden options are shown to admins only). */
function isAdminCaller(): boolean {
  return typeof process.getuid !== 'function' || process.getuid() === 0 || process.getuid() === process.geteuid?.();
}
