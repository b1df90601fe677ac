/**
 * The ipliteral router (spec chapter "The ipliteral router"): a domain that is an RFC 2822
 * domain literal, `[192.0.2.1]`, `[IPv4:192.0.2.1]` or `[IPv6:2001:db8::1]`, is routed to that
 * address. ignore_target_hosts makes the router decline; the local host is the self option's
 * case. The host's name is the literal as written, lower-cased.
 */
import type { DriverOptions } from '../../config/driver-options.js';
import { parseIPv4, parseIpAddress } from '../../lookups/ip-address.js';
import { applySelf, parseSelfOption, type SelfAction } from '../hosts-self.js';
import { chooseTransport, ignoreTargetTest, localHostTest, parseFallbackHosts } from '../hosts.js';
import { RouterConfigError } from '../errors.js';
import { registerRouterDriver } from '../registry.js';
import type { AddressItem, HostItem, RouterDriver, RouterOutcome, RoutingContext } from '../types.js';

/** The IP address of a domain literal, or undefined when the domain is not one. */
export function domainLiteralAddress(domain: string): string | undefined {
  const m = /^\[(.*)\]$/.exec(domain);
  if (!m) return undefined;
  const inner = m[1]!;
  const tagged = /^ipv([46]):(.*)$/i.exec(inner);
  const text = tagged ? tagged[2]! : inner;
  if (tagged?.[1] === '4' || (!tagged && !text.includes(':'))) return parseIPv4(text) ? text : undefined;
  return parseIpAddress(text) && text.includes(':') ? text : undefined;
}

class IpliteralRouter implements RouterDriver {
  constructor(
    private readonly options: DriverOptions,
    private readonly self: SelfAction,
  ) {}

  async route(addr: AddressItem, ctx: RoutingContext): Promise<RouterOutcome> {
    const name = addr.domain.toLowerCase();
    const address = domainLiteralAddress(name);
    if (address === undefined) return { kind: 'decline' };
    const ectx = ctx.expandFor(addr);
    if (await ignoreTargetTest(this.options.str('ignore_target_hosts'), ectx, ctx.dns.hosts.asHostResolver())(address, name)) return { kind: 'decline' };
    const host: HostItem = { name, address, mx: -1, dnssec: 'unknown', status: 'unknown' };
    if (await localHostTest(ectx)(host)) {
      const self = applySelf(addr, host, this.self, ctx);
      if (self !== 'send') return self;
    }
    const transport = await chooseTransport(this.options.str('transport'), this.options.name, ectx, ctx);
    if (!transport.ok) return { kind: 'error', message: transport.message };
    if (transport.name !== undefined) addr.transport = transport.name;
    addr.hosts = [host];
    addr.fallbackHosts = parseFallbackHosts(this.options.str('fallback_hosts'));
    return { kind: 'accept' };
  }
}

registerRouterDriver({
  name: 'ipliteral',
  create(options) {
    requireTransport(options);
    return new IpliteralRouter(options, parseSelfOption(options.str('self'), options.name));
  },
});

/** Exim's configuration-time check: a transport unless the router only verifies. */
function requireTransport(options: DriverOptions): void {
  if (!options.isSet('transport') && !options.bool('verify_only')) throw new RouterConfigError(options.name, 'a transport is required for this router');
}
