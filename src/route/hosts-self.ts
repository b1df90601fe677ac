/**
 * The generic `self` option (spec "Generic options for routers"): what a router that found a
 * list of remote hosts does when the first of them is this host. Validated when the router is
 * created; applied by dnslookup, manualroute, ipliteral (and queryprogram when it lists hosts).
 */
import type { ConfigError } from '../util/errors.js';
import { RouterPrivateConfigError } from './errors.js';
import { AddressItem, cloneProperties, type HostItem, type RouterOutcome, type RoutingContext } from './types.js';

export type SelfAction =
  | { readonly kind: 'freeze' | 'defer' | 'fail' | 'send' | 'pass' }
  | { readonly kind: 'reroute'; readonly domain: string; readonly rewrite: boolean };

const SIMPLE = new Set(['freeze', 'defer', 'fail', 'send', 'pass']);

/** A configuration error reported as Exim does for router initialisation checks. */
export function routerConfigError(routerName: string, text: string): ConfigError {
  return new RouterPrivateConfigError(routerName, text);
}

/** Parse the self option (default freeze); throws ConfigError with Exim's text when invalid. */
export function parseSelfOption(text: string | undefined, routerName: string): SelfAction {
  const value = text ?? 'freeze';
  if (SIMPLE.has(value)) return { kind: value as 'freeze' };
  const m = /^reroute:\s*(rewrite:\s*)?(\S.*)$/.exec(value);
  if (m) return { kind: 'reroute', rewrite: m[1] !== undefined, domain: m[2]!.trim() };
  throw routerConfigError(routerName, `${value} is not valid for the self option`);
}

/**
 * A new address for `addr` with its domain replaced (Exim's domain changes: qualification,
 * widening, self = reroute). The child carries the parent's properties; the engine routes it
 * from the first router.
 */
export function childWithDomain(addr: AddressItem, domain: string): AddressItem {
  const at = addr.address.lastIndexOf('@');
  const local = at < 0 ? addr.address : addr.address.slice(0, at);
  return new AddressItem(`${local}@${domain}`, { parent: addr, prop: cloneProperties(addr.prop) });
}

/** Exim's wording: an MX host, or a host found some other way. */
export function selfMessage(host: HostItem): string {
  return host.mx >= 0 ? 'lowest numbered MX record points to local host' : 'remote host address is the local host';
}

/**
 * Apply the self action for `host` (the first host, found to be local). Returns 'send' when the
 * router should carry on with its host list, else the router's outcome.
 */
export function applySelf(addr: AddressItem, host: HostItem, action: SelfAction, ctx: RoutingContext): RouterOutcome | 'send' {
  const message = selfMessage(host);
  switch (action.kind) {
    case 'freeze':
      ctx.log.write(['main'], `${message}: ${addr.domain.toLowerCase()} (while routing <${addr.address}>)`, ctx.messageId);
      addr.message = message;
      return { kind: 'defer', message, freeze: true };
    case 'defer':
      addr.message = message;
      return { kind: 'defer', message };
    case 'fail':
      addr.message = message;
      return { kind: 'fail', message };
    case 'pass':
      addr.selfHost = host;
      return { kind: 'pass' };
    case 'send':
      addr.selfHost = host;
      return 'send';
    case 'reroute':
      // TODO(headers): `reroute: rewrite:` should also rewrite the domain in the message's
      // header lines; routing has no access to them here.
      return { kind: 'rerouted', child: childWithDomain(addr, action.domain) };
  }
}
