/** Test helpers: load an Exim configuration text and build an expansion context over it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import type { LoadedConfig } from '../../src/config/types.js';
import { createExpandContext } from '../../src/expand/index.js';
import type { ExpandContext } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';

export function loadConfigText(text: string): LoadedConfig {
  const dir = mkdtempSync(join(tmpdir(), 'mw-auth-'));
  const file = join(dir, 'exim.conf');
  writeFileSync(file, text);
  return loadConfig({ file });
}

export function contextFor(config: LoadedConfig): ExpandContext {
  return createExpandContext({
    config: {
      mainOption: (name) => {
        const v = config.mainOption(name);
        return Array.isArray(v) ? undefined : (v as string | number | boolean | undefined);
      },
      namedList: (kind, name) => config.namedList(kind, name),
    },
    lookups: createLookupRegistry(),
  });
}
