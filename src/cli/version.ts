/**
 * `-bV`: version and build information in Exim's layout (scripts parse "Exim version X" and
 * "Configuration file is Y"), listing only what this build of Mailwright really implements,
 * after validating the configuration (so `-bV -C file` checks a file).
 */
import type { Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliOptions } from './args.js';
import { loadRuntimeConfig } from './runtime-config.js';
import { createLookupRegistry } from '../lookups/index.js';
import { EXIM_COMPAT_VERSION } from './identity.js';

/** Features compiled in; grows as subsystems land (keep in step with docs/compat.md). */
const SUPPORTED_FEATURES = ['crypteq', 'iconv()', 'IPv6', 'I18N'];

function packageVersion(): string {
  const pkgPath = fileURLToPath(new URL('../../package.json', import.meta.url));
  return (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
}

/** Everything -bV prints before the configuration is read (Exim prints it even when that fails). */
export function versionHeader(): string {
  const lookups = createLookupRegistry().names();
  return [
    `Exim version ${EXIM_COMPAT_VERSION} #1 (Mailwright ${packageVersion()}, Node.js ${process.versions.node})`,
    'Mailwright: an Exim-compatible mail transfer agent written in TypeScript',
    `Support for: ${SUPPORTED_FEATURES.join(' ')}`,
    `Lookups (built-in): ${lookups.join(' ')}`,
    'Authenticators:',
    'Routers:',
    'Transports:',
    '',
  ].join('\n');
}

export function runVersion(opts: CliOptions, out: Writable): number {
  out.write(versionHeader());
  const config = loadRuntimeConfig({ file: opts.configFile, macros: opts.macros });
  out.write(`Configuration file is ${config.sourceName}\n`);
  return 0;
}
