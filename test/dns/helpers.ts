/** Shared set-up for DNS tests: the unbound test server, resolvers and expansion contexts on it. */
import { createExpandContext } from '../../src/expand/index.js';
import type { ExpandConfigView, ExpandContext } from '../../src/expand/types.js';
import { attachResolver } from '../../src/dns/context.js';
import { resolverConfigFrom } from '../../src/dns/config.js';
import { parseResolvConf } from '../../src/dns/resolv-conf.js';
import { DnsResolver, type ResolverConfig } from '../../src/dns/resolver.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import type { TestDnsServer } from './unbound.js';

/** A resolver for the test server, configured as the oracle's resolv.conf configures Exim. */
export function resolverFor(server: TestDnsServer, extra: Partial<ResolverConfig> = {}, resolvExtra = ''): DnsResolver {
  const sys = parseResolvConf(`nameserver 127.0.0.1#${server.port}\noptions trust-ad\nsearch mw.test\n${resolvExtra}`);
  return new DnsResolver(resolverConfigFrom(sys, {}, extra));
}

export function configView(options: Record<string, string | number | boolean> = {}): ExpandConfigView {
  return { mainOption: (name) => options[name], namedList: () => undefined };
}

/** An expansion context whose dnsdb lookups go to `resolver`. */
export function dnsContext(resolver: DnsResolver, options: Record<string, string | number | boolean> = {}): ExpandContext {
  const ctx = createExpandContext({ config: configView(options), lookups: createLookupRegistry(), testMode: true, admin: true });
  attachResolver(ctx.services, resolver);
  return ctx;
}
