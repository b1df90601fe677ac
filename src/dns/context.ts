/**
 * One resolver per process (per set of expansion services), built on first use from the
 * system's resolv.conf and the dns_* main options. Tests and other subsystems can attach their
 * own resolver to a services object instead.
 */
import type { ExpandContext, ExpandServices } from '../expand/types.js';
import { domainListOption, mainDnsOptions, resolverConfigFrom } from './config.js';
import { systemResolvConf } from './resolv-conf.js';
import { DnsResolver } from './resolver.js';
import { HostFinder } from './host.js';

const resolvers = new WeakMap<ExpandServices, DnsResolver>();

export function attachResolver(services: ExpandServices, resolver: DnsResolver): void {
  resolvers.set(services, resolver);
}

export function resolverFor(ctx: ExpandContext): DnsResolver {
  let r = resolvers.get(ctx.services);
  if (!r) {
    r = new DnsResolver(
      resolverConfigFrom(systemResolvConf(), mainDnsOptions(ctx), {
        againMeansNonexist: domainListOption(ctx, 'dns_again_means_nonexist'),
        trustAa: domainListOption(ctx, 'dns_trust_aa'),
      }),
    );
    resolvers.set(ctx.services, r);
  }
  return r;
}

const finders = new WeakMap<ExpandServices, HostFinder>();

/** The host finder of the process: dns_ipv4_lookup and disable_ipv6 from the main options. */
export function hostFinderFor(ctx: ExpandContext): HostFinder {
  let f = finders.get(ctx.services);
  if (!f) {
    f = new HostFinder(resolverFor(ctx), {
      ipv4Lookup: domainListOption(ctx, 'dns_ipv4_lookup'),
      disableIpv6: ctx.config.mainOption('disable_ipv6') === true,
    });
    finders.set(ctx.services, f);
  }
  return f;
}
