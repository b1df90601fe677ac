/**
 * What a router does with an address it handles, common to all drivers, in Exim's order:
 * errors_to, headers_add, headers_remove, then transport (spec chapter 15 preamble). Drivers
 * may call resolveTransport themselves (the remote ones do, before looking up hosts); the
 * engine fills in whatever a driver left unset.
 */
import type { ExpandContext } from '../expand/types.js';
import { listItems } from '../util/exim-list.js';
import { tryExpand, type Router } from './router.js';
import type { AddressItem, RoutingContext } from './types.js';

export type Step = { readonly ok: true } | { readonly ok: false; readonly message: string };
const OK: Step = { ok: true };

/** Checks an errors_to address (routing it as a recipient with an empty sender); set by the engine. */
export type ErrorsAddressCheck = (address: string) => Promise<boolean>;

/**
 * errors_to: forced failure keeps the incoming errors address; '' means "nowhere"; an address
 * that does not verify is ignored (when a check is given).
 */
export async function applyErrorsTo(router: Router, addr: AddressItem, ctx: ExpandContext, check?: ErrorsAddressCheck): Promise<Step> {
  const text = router.options.str('errors_to');
  if (text === undefined) return OK;
  const r = await tryExpand(text, ctx);
  if (!r.ok) return r.forced ? OK : { ok: false, message: `${router.name} router failed to expand "${text}": ${r.message}` };
  const address = r.value.s.trim();
  if (address !== '' && check && !(await check(address))) return OK;
  addr.prop.errorsAddress = address;
  return OK;
}

/** headers_add (newline list) and headers_remove (colon list), each item expanded alone. */
export async function applyHeaders(router: Router, addr: AddressItem, ctx: ExpandContext): Promise<Step> {
  const add = router.options.str('headers_add');
  if (add !== undefined) {
    for (const item of listItems(add, '\n')) {
      const r = await tryExpand(item, ctx);
      if (!r.ok) {
        if (r.forced) continue;
        return { ok: false, message: `${router.name} router failed to expand add_headers item "${item}": ${r.message}` };
      }
      if (r.value.s !== '') addr.prop.extraHeaders.push(r.value.s.endsWith('\n') ? r.value.s.slice(0, -1) : r.value.s);
    }
  }
  const remove = router.options.str('headers_remove');
  if (remove !== undefined) {
    for (const item of listItems(remove)) {
      const r = await tryExpand(item, ctx);
      if (!r.ok) {
        if (r.forced) continue;
        return { ok: false, message: `${router.name} router failed to expand remove_headers item "${item}": ${r.message}` };
      }
      if (r.value.s !== '') addr.prop.removeHeaders.push(r.value.s);
    }
  }
  return OK;
}

/**
 * The generic `transport` option: expanded, untainted, and naming a configured transport.
 * Leaves addr.transport undefined when the option is unset (verify-only accept routers).
 */
export async function resolveTransport(router: Router, addr: AddressItem, ctx: ExpandContext, rctx: RoutingContext): Promise<Step> {
  const text = router.options.str('transport');
  if (text === undefined) return OK;
  return resolveTransportText(text, `${router.name} router`, addr, ctx, rctx);
}

/** A transport option (generic transport, or redirect's pipe_transport etc.) expanded and checked. */
export async function resolveTransportText(text: string, where: string, addr: AddressItem, ctx: ExpandContext, rctx: RoutingContext): Promise<Step> {
  let name = text;
  if (text.includes('$')) {
    const r = await tryExpand(text, ctx);
    if (!r.ok) return { ok: false, message: `failed to expand transport "${text}" in ${where}: ${r.message}` };
    if (r.value.tainted) {
      rctx.log.write(['main', 'panic'], `attempt to use tainted value '${r.value.s}' from '${text}' for transport`);
      return { ok: false, message: 'internal configuration error' };
    }
    name = r.value.s;
  }
  if (!rctx.config.transports.some((t) => t.name === name)) return { ok: false, message: `transport "${name}" not found in ${where}` };
  addr.transport = name;
  return OK;
}

/** errors_to, headers, then the transport (unless the driver set one or made a special delivery). */
export async function applyGenericAccept(router: Router, addr: AddressItem, ctx: ExpandContext, rctx: RoutingContext, check?: ErrorsAddressCheck): Promise<Step> {
  const errors = await applyErrorsTo(router, addr, ctx, check);
  if (!errors.ok) return errors;
  const headers = await applyHeaders(router, addr, ctx);
  if (!headers.ok) return headers;
  if (addr.transport !== undefined || addr.special !== undefined) return OK;
  return resolveTransport(router, addr, ctx, rctx);
}
