/** Shared set-up for the routing tests: a configuration from text and a routing context over it. */
import { parseConfig, optionsApi } from '../../src/config/index.js';
import type { LoadedConfig } from '../../src/config/types.js';
import { fromLoadedConfig } from '../../src/cli/runtime-config.js';
import { createExpandContext } from '../../src/expand/index.js';
import { untainted, type ExpandContext } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import { MemoryLogger } from '../../src/log/memory-logger.js';
import { createRoutingContext } from '../../src/route/context.js';
import type { RoutingContext, RoutingMode } from '../../src/route/types.js';

export const HEAD = 'primary_hostname = test.ex\nqualify_domain = test.ex\n';
export const TRANSPORTS = `begin transports
t1:
  driver = appendfile
  file = /tmp/mbox
t2:
  driver = appendfile
  file = /tmp/mbox
tp:
  driver = pipe
`;

export function loadConfig(routers: string, extraMain = ''): LoadedConfig {
  return parseConfig({ file: '/tmp/route-test.conf', text: `${HEAD}${extraMain}begin routers\n${routers}\n${TRANSPORTS}` }, optionsApi);
}

export function baseContext(config: LoadedConfig, sender = 'sender@test.ex'): ExpandContext {
  const rc = fromLoadedConfig(config);
  return createExpandContext({ config: rc.view, lookups: createLookupRegistry(), vars: new Map([['sender_address', untainted(sender)]]) });
}

export function routingContext(config: LoadedConfig, mode: RoutingMode = 'deliver', sender = 'sender@test.ex'): { ctx: RoutingContext; log: MemoryLogger } {
  const log = new MemoryLogger();
  const ctx = createRoutingContext({ config, base: baseContext(config, sender), mode, log, sender });
  return { ctx, log };
}
