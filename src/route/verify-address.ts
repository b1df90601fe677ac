/**
 * Routing an address and everything it expands to, the way -bt, -bv and ACL verification do
 * it (Exim's verify_address). Generated children are routed before the remaining siblings, in
 * list order. With `full` set every descendant is routed and each outcome reported through
 * `report` as it happens (failures, deferrals, pipe/file deliveries, discards); routed
 * addresses are reported at the end, last routed first. Without `full`, a redirection to more
 * than one address counts as verified and a single child must verify in turn.
 */
import { routeAddress } from './engine.js';
import type { AddressItem, RoutingContext } from './types.js';

export type VerifyEvent =
  | { readonly kind: 'failed'; readonly addr: AddressItem; readonly message: string }
  | { readonly kind: 'deferred'; readonly addr: AddressItem; readonly message: string }
  | { readonly kind: 'special'; readonly addr: AddressItem }
  | { readonly kind: 'discarded'; readonly addr: AddressItem }
  | { readonly kind: 'routed'; readonly addr: AddressItem };

export interface VerifyOptions {
  readonly full: boolean;
  readonly report?: (event: VerifyEvent) => void;
}

export interface VerifyOutcome {
  readonly result: 'ok' | 'fail' | 'defer';
  /** The failure or deferral text (for the first problem found). */
  readonly message?: string;
  readonly userMessage?: string;
  /** The address the final answer is about (a descendant when a single child was followed). */
  readonly addr: AddressItem;
  /** Routed addresses, in report order (last routed first). */
  readonly routed: readonly AddressItem[];
}

export async function verifyAddress(top: AddressItem, ctx: RoutingContext, opts: VerifyOptions): Promise<VerifyOutcome> {
  const queue: AddressItem[] = [top];
  const routed: AddressItem[] = [];
  let failure: { addr: AddressItem; message: string; userMessage?: string } | undefined;
  let deferral: { addr: AddressItem; message: string } | undefined;
  let last = top;
  while (queue.length > 0) {
    const addr = queue.shift()!;
    last = addr;
    const r = await routeAddress(addr, ctx);
    switch (r.kind) {
      case 'failed':
        opts.report?.({ kind: 'failed', addr, message: r.message });
        failure ??= { addr, message: r.message, userMessage: r.userMessage };
        if (!opts.full) return { result: 'fail', message: r.message, userMessage: r.userMessage, addr, routed };
        break;
      case 'deferred':
      case 'error':
        opts.report?.({ kind: 'deferred', addr, message: r.message });
        deferral ??= { addr, message: r.message };
        if (!opts.full) return { result: 'defer', message: r.message, addr, routed };
        break;
      case 'discarded':
        opts.report?.({ kind: 'discarded', addr });
        break;
      case 'routed':
        if (r.addr.special) opts.report?.({ kind: 'special', addr: r.addr });
        else routed.unshift(r.addr);
        // An unseen router's clone must verify too.
        if (!opts.full && !r.unseenCopy) return { result: 'ok', addr: r.addr, routed: [r.addr] };
        break;
      case 'redirected':
        if (!opts.full && r.children.length !== 1 && !r.unseenCopy) return { result: 'ok', addr, routed };
        if (opts.full || r.children.length === 1) queue.unshift(...r.children);
        break;
    }
    if ('unseenCopy' in r && r.unseenCopy) queue.unshift(r.unseenCopy);
  }
  for (const addr of routed) opts.report?.({ kind: 'routed', addr });
  if (failure) return { result: 'fail', ...failure, routed };
  if (deferral) return { result: 'defer', ...deferral, routed };
  return { result: 'ok', addr: last, routed };
}
