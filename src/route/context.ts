/**
 * Building a RoutingContext from an expansion context (the message or session variables):
 * each address gets a fresh copy of those variables with its own laid over them, and the
 * process's DNS resolver and host finder are attached lazily.
 */
import type { LoadedConfig } from '../config/types.js';
import { hostFinderFor, resolverFor } from '../dns/context.js';
import type { HostFinder } from '../dns/host.js';
import type { DnsResolver } from '../dns/resolver.js';
import type { ExpandContext } from '../expand/types.js';
import type { Logger } from '../log/types.js';
import type { RoutingContext, RoutingMode } from './types.js';
import { expandContextForAddress } from './variables.js';

export interface RoutingContextOptions {
  readonly config: LoadedConfig;
  readonly base: ExpandContext;
  readonly mode: RoutingMode;
  readonly log: Logger;
  readonly sender: string;
  readonly messageId?: string;
  readonly trace?: (line: string) => void;
  /** Resolver and host finder to use instead of the process's (tests). */
  readonly dns?: { readonly resolver: DnsResolver; readonly hosts: HostFinder };
}

export function createRoutingContext(o: RoutingContextOptions): RoutingContext {
  const base = o.base;
  const dns = o.dns ?? {
    get resolver(): DnsResolver {
      return resolverFor(base);
    },
    get hosts(): HostFinder {
      return hostFinderFor(base);
    },
  };
  return {
    config: o.config,
    mode: o.mode,
    expandFor: (addr) => expandContextForAddress(base, addr),
    dns,
    log: o.log,
    sender: o.sender,
    messageId: o.messageId,
    trace: o.trace,
  };
}

/** The same context in another mode (e.g. verifying an errors_to address while delivering). */
export function withMode(ctx: RoutingContext, mode: RoutingMode, sender = ctx.sender): RoutingContext {
  return { ...ctx, mode, sender };
}
