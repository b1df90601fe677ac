/**
 * Builds the delivery process's services from a loaded configuration: spool, logger, DNS,
 * hints database, the router chain and the transport instances (each built once, on first
 * use, so a configuration error in one transport only affects addresses routed to it).
 */
import { DriverOptions } from '../config/driver-options.js';
import type { LoadedConfig } from '../config/types.js';
import { fromLoadedConfig } from '../cli/runtime-config.js';
import { hostFinderFor, resolverFor } from '../dns/index.js';
import { createExpandContext } from '../expand/index.js';
import { createLookupRegistry } from '../lookups/index.js';
import type { Logger } from '../log/types.js';
import { openHints } from '../queue/hints.js';
import type { HintsDb } from '../queue/types.js';
import { buildRouters, routeAddress } from '../route/engine.js';
import { addressVariables } from '../route/variables.js';
import type { FileSpool } from '../spool/file-spool.js';
import { loggerFor, spoolFor } from '../smtp/server/cli-modes.js';
import { transportDriver } from '../transports/index.js';
import type { TransportDriver } from '../transports/types.js';
import { retryServiceFor } from './retry-service.js';
import { bounceComposerFor } from './bounce-adapter.js';
import type { BounceComposer, DeliveryDeps } from './types.js';

export interface DeliverySetupOptions {
  readonly spool?: FileSpool;
  readonly log?: Logger;
  readonly hints?: HintsDb;
  readonly bounce?: BounceComposer;
  readonly now?: () => number;
}

function transportFactory(config: LoadedConfig, log: Logger): { get: (name: string) => TransportDriver | undefined; closeAll: () => Promise<void> } {
  const built = new Map<string, TransportDriver | undefined>();
  const closeAll = async (): Promise<void> => {
    await Promise.allSettled([...built.values()].map((d) => d?.close?.()));
  };
  const get = (name: string): TransportDriver | undefined => {
    if (built.has(name)) return built.get(name);
    const inst = config.transports.find((t) => t.name === name);
    let driver: TransportDriver | undefined;
    if (inst) {
      const def = transportDriver(inst.driver);
      try {
        const options = new DriverOptions(inst);
        driver = withBatchMax(def?.create(options, inst), options.num('batch_max', 1));
      } catch (e) {
        log.write(['main', 'panic'], `${name} transport: ${(e as Error).message}`);
      }
    }
    built.set(name, driver);
    return driver;
  };
  return { get, closeAll };
}

/** The driver as the delivery process sees it, with its batch_max. */
function withBatchMax(driver: TransportDriver | undefined, batchMax: number): TransportDriver | undefined {
  if (!driver || driver.kind !== 'local' || batchMax <= 1) return driver;
  return {
    kind: driver.kind,
    batchMax,
    deliver: (addresses, ctx, opts) => driver.deliver(addresses, ctx, opts),
    ...(driver.close ? { close: () => driver.close!() } : {}),
  };
}

export async function createDeliveryDeps(config: LoadedConfig, opts: DeliverySetupOptions = {}): Promise<DeliveryDeps> {
  const runtime = fromLoadedConfig(config);
  const lookups = createLookupRegistry();
  const spool = opts.spool ?? spoolFor(config);
  await spool.init();
  const log = opts.log ?? loggerFor(config);
  const dnsCtx = createExpandContext({ config: runtime.view, lookups });
  const hints = opts.hints ?? openHints(spool.directory);
  const routers = buildRouters(config);
  const now = opts.now ?? (() => Date.now() / 1000);
  const transports = transportFactory(config, log);
  return {
    config,
    view: runtime.view,
    lookups,
    spool,
    log,
    dns: { resolver: resolverFor(dnsCtx), hosts: hostFinderFor(dnsCtx) },
    hints,
    router: {
      routeAddress,
      logAsLocal: (name) => routers.find((r) => r.name === name)?.options.bool('log_as_local') ?? false,
    },
    addressVariables: (addr) => addressVariables(addr, { routerName: addr.router }),
    transport: transports.get,
    retry: retryServiceFor(config, hints),
    bounce: opts.bounce ?? bounceComposerFor(config),
    now,
    async close() {
      await transports.closeAll();
      if (!opts.hints) await hints.close();
    },
  };
}
