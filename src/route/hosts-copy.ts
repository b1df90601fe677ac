/**
 * same_domain_copy_routing (dnslookup and manualroute): once such a router has routed an
 * address to a remote transport, the other addresses of the message with the same domain that
 * are still to be routed get the same routing without DNS lookups of their own, provided no
 * router added or removed headers for the routed address and its domain was not changed on
 * the way. The delivery process calls these two functions around routing (Exim does this in
 * its routing loop; a driver only sees one address).
 */
import { DriverOptions } from '../config/driver-options.js';
import type { LoadedConfig } from '../config/types.js';
import type { AddressItem } from './types.js';

const COPYING_DRIVERS = new Set(['dnslookup', 'manualroute']);

/** Whether the routing of `routed` may be given to other addresses with its domain. */
export function routingIsCopyable(routed: AddressItem, config: LoadedConfig): boolean {
  const instance = config.routers.find((r) => r.name === routed.router);
  if (!instance || !COPYING_DRIVERS.has(instance.driver)) return false;
  if (!new DriverOptions(instance).bool('same_domain_copy_routing')) return false;
  if (routed.hosts.length === 0 || routed.hosts.every((h) => h.address === undefined)) return false;
  if (routed.prop.extraHeaders.length > 0 || routed.prop.removeHeaders.length > 0) return false;
  // A domain changed by the router (qualified, widened, rerouted) is not the other addresses' domain.
  return routed.domain.toLowerCase() === routed.top.domain.toLowerCase();
}

/** Whether `other` (not yet routed) can take the routing of `routed`. */
export function sameDomain(routed: AddressItem, other: AddressItem): boolean {
  return other !== routed && other.transport === undefined && other.domain.toLowerCase() === routed.domain.toLowerCase();
}

/** Give `to` the routing of `from`: router, transport, hosts and fallback hosts. */
export function copyRouting(from: AddressItem, to: AddressItem): void {
  to.router = from.router;
  to.transport = from.transport;
  to.hosts = from.hosts;
  to.fallbackHosts = from.fallbackHosts;
  if (from.prop.errorsAddress !== undefined) to.prop.errorsAddress = from.prop.errorsAddress;
}
