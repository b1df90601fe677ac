/**
 * The routing phase of a delivery attempt: every pending address goes through the router
 * chain; redirections add their children to the work list (duplicates and addresses already
 * delivered are dropped, as Exim does), and each address ends up routed, failed, deferred or
 * discarded. Failures and deferrals of routing are logged here, in routing order.
 */
import type { AddressItem, RoutingContext } from '../route/types.js';
import { ERRNO_UNKNOWN } from './errno.js';

export interface RoutingOutcome {
  readonly routed: AddressItem[];
  readonly failed: AddressItem[];
  readonly deferred: AddressItem[];
  /** Discarded (:blackhole:) and duplicate addresses: done, nothing to deliver. */
  readonly done: AddressItem[];
}

export interface RoutePhaseHooks {
  /** Whether an address (unique key) was delivered by an earlier attempt. */
  alreadyDelivered(key: string): boolean;
  /** Whether routing may be tried now (retry records R:domain / R:address), unless forced. */
  routingDue(addr: AddressItem): boolean;
  /** withTransport: the line shows T= (a routed address failed before its transport ran). */
  onFailed(addr: AddressItem, message: string, withTransport?: boolean): void;
  /** A routing deferral; resolves true when the retry rules say to give up (fail instead). */
  onDeferred(addr: AddressItem, message: string, errno: number): Promise<boolean>;
  onDiscarded(addr: AddressItem): void;
}

export async function routeAll(
  pending: readonly AddressItem[],
  routeAddress: (addr: AddressItem) => Promise<import('../route/types.js').RoutingResult>,
  hooks: RoutePhaseHooks,
): Promise<RoutingOutcome> {
  const out: RoutingOutcome = { routed: [], failed: [], deferred: [], done: [] };
  const seen = new Set<string>();
  const work = [...pending];
  while (work.length > 0) {
    const addr = work.shift()!;
    const key = addr.uniqueKey;
    if (seen.has(key) || hooks.alreadyDelivered(key)) {
      out.done.push(addr);
      continue;
    }
    seen.add(key);
    if (!hooks.routingDue(addr)) {
      addr.message = 'retry time not reached';
      out.deferred.push(addr);
      continue;
    }
    const result = await routeAddress(addr);
    // `unseen`: the original goes on to the next routers as a new address.
    if ('unseenCopy' in result && result.unseenCopy) work.push(result.unseenCopy);
    switch (result.kind) {
      case 'routed':
        if (result.addr.forbidden) {
          // forbid_pipe / forbid_file: listed by the router, failed here (exim4's text).
          const text = `delivery to ${result.addr.special ?? 'file'} forbidden`;
          result.addr.message = text;
          hooks.onFailed(result.addr, text, true);
          out.failed.push(result.addr);
        } else out.routed.push(result.addr);
        break;
      case 'redirected':
        addr.children.push(...result.children);
        work.unshift(...result.children);
        break;
      case 'discarded':
        hooks.onDiscarded(addr);
        out.done.push(addr);
        break;
      case 'failed':
        addr.message = result.message;
        addr.userMessage = result.userMessage;
        hooks.onFailed(addr, result.message);
        out.failed.push(addr);
        break;
      case 'deferred':
      case 'error':
        addr.message = result.message;
        if (await hooks.onDeferred(addr, result.message, ERRNO_UNKNOWN)) out.failed.push(addr);
        else out.deferred.push(addr);
        break;
    }
  }
  return out;
}

export type { RoutingContext };
