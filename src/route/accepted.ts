/**
 * What the engine does when a router has handled an address: the generic options that apply
 * to an accepted address (errors_to, headers, transport, user/group, fail_verify_*), the same
 * generic options passed on to redirected children, and `unseen` (the address becomes the
 * parent of the routed copy and of a clone that continues with the next router).
 */
import { parseUid, parseGid } from '../config/options/parse-value.js';
import { applyErrorsTo, applyGenericAccept, applyHeaders, type ErrorsAddressCheck, type Step } from './generic.js';
import { withMode } from './context.js';
import { verifyAddress } from './verify-address.js';
import { parseHostItems } from './host-list.js';
import { getpwnam } from './passwd.js';
import { expandBoolOption, tryExpand, type Router } from './router.js';
import type { ContextMaker } from './preconditions.js';
import { AddressItem, cloneProperties, type RoutingContext } from './types.js';

/** Router user/group (explicit, else the check_local_user entry); initgroups. */
async function applyUgid(router: Router, addr: AddressItem, mk: ContextMaker): Promise<Step> {
  const o = router.options;
  const user = o.get('user');
  if (typeof user === 'number') addr.uid = user;
  else if (typeof user === 'string') {
    const r = await tryExpand(user, mk());
    if (!r.ok) return { ok: false, message: `failed to expand uid "${user}" for ${router.name} router: ${r.message}` };
    const pw = /^\d+$/.test(r.value.s) ? undefined : getpwnam(r.value.s);
    try {
      addr.uid = pw ? pw.uid : parseUid(r.value.s);
    } catch {
      return { ok: false, message: `unknown user "${r.value.s}" in ${router.name} router` };
    }
    if (pw && o.get('group') === undefined) addr.gid = pw.gid;
  } else if (addr.localUser) addr.uid = addr.localUser.uid;
  const group = o.get('group');
  if (typeof group === 'number') addr.gid = group;
  else if (typeof group === 'string') {
    const r = await tryExpand(group, mk());
    if (!r.ok) return { ok: false, message: `failed to expand gid "${group}" for ${router.name} router: ${r.message}` };
    try {
      addr.gid = parseGid(r.value.s);
    } catch {
      return { ok: false, message: `unknown group "${r.value.s}" in ${router.name} router` };
    }
  } else if (addr.gid === undefined && addr.localUser) addr.gid = addr.localUser.gid;
  if (o.bool('initgroups')) addr.initgroups = true;
  return { ok: true };
}

/**
 * The home and current directories the transport will use (unless it sets its own):
 * transport_home_directory, else the passwd home (check_local_user), else router_home_directory.
 * Exim expands the transport_* options at transport time; we expand them here, once.
 */
async function transportDirectories(router: Router, addr: AddressItem, mk: ContextMaker): Promise<Step> {
  const o = router.options;
  for (const [option, field] of [['transport_home_directory', 'homeDir'], ['transport_current_directory', 'currentDir']] as const) {
    const text = o.str(option);
    if (text === undefined) continue;
    const r = await tryExpand(text, mk());
    if (!r.ok) return { ok: false, message: `failed to expand "${text}" for ${option} in ${router.name} router: ${r.message}` };
    addr[field] = r.value.s;
  }
  if (!o.isSet('transport_home_directory') && addr.localUser) addr.homeDir = addr.localUser.home;
  return { ok: true };
}

/** Pipe/file children of a redirect get the router's user, group and directories. */
export async function setUpSpecialChildren(router: Router, children: readonly AddressItem[], mk: ContextMaker): Promise<Step> {
  for (const child of children) {
    if (!child.special) continue;
    const ugid = await applyUgid(router, child, mk);
    if (!ugid.ok) return ugid;
    const dirs = await transportDirectories(router, child, mk);
    if (!dirs.ok) return dirs;
  }
  return { ok: true };
}

/** Generic settings of an accepted address. ok:false means defer with the message. */
export async function finishAccepted(router: Router, addr: AddressItem, mk: ContextMaker, rctx: RoutingContext): Promise<Step> {
  const step = await applyGenericAccept(router, addr, mk(), rctx, errorsAddressCheck(rctx));
  if (!step.ok) return step;
  const ugid = await applyUgid(router, addr, mk);
  if (!ugid.ok) return ugid;
  const o = router.options;
  addr.router = router.name;
  addr.logAsLocal = o.bool('log_as_local');
  addr.disableLogging = o.bool('disable_logging');
  const dirs = await transportDirectories(router, addr, mk);
  if (!dirs.ok) return dirs;
  const fallback = o.str('fallback_hosts');
  if (fallback !== undefined && addr.fallbackHosts.length === 0) addr.fallbackHosts = parseHostItems(fallback);
  return { ok: true };
}

const checking = new WeakSet<RoutingContext>();

/**
 * Exim uses an errors_to address only if it verifies, routed as a recipient with an empty
 * sender. Not while already checking one (no recursion), and not when merely verifying.
 */
function errorsAddressCheck(rctx: RoutingContext): ErrorsAddressCheck | undefined {
  if (rctx.mode !== 'deliver' || checking.has(rctx)) return undefined;
  return async (address) => {
    const vctx = withMode(rctx, 'verify_recipient', '');
    checking.add(vctx);
    const outcome = await verifyAddress(new AddressItem(address), vctx, { full: false });
    return outcome.result === 'ok';
  };
}

/** fail_verify_sender / fail_verify_recipient: the message when verification must fail. */
export function forcedVerifyFailure(router: Router, rctx: RoutingContext): string | undefined {
  const o = router.options;
  if ((rctx.mode === 'verify_recipient' && o.bool('fail_verify_recipient')) || (rctx.mode === 'verify_sender' && o.bool('fail_verify_sender'))) {
    return `${router.name} router forced verify failure`;
  }
  return undefined;
}

/** errors_to and headers of a redirecting router, passed to each generated child. */
export async function finishRedirected(router: Router, addr: AddressItem, children: readonly AddressItem[], mk: ContextMaker, rctx: RoutingContext): Promise<Step> {
  const before = { add: addr.prop.extraHeaders.length, remove: addr.prop.removeHeaders.length, errors: addr.prop.errorsAddress };
  const errors = await applyErrorsTo(router, addr, mk(), errorsAddressCheck(rctx));
  if (!errors.ok) return errors;
  const headers = await applyHeaders(router, addr, mk());
  if (!headers.ok) return headers;
  const added = addr.prop.extraHeaders.slice(before.add);
  const removed = addr.prop.removeHeaders.slice(before.remove);
  const specials = await setUpSpecialChildren(router, children, mk);
  if (!specials.ok) return specials;
  const redirectRouter = router.options.str('redirect_router');
  for (const child of children) {
    if (addr.prop.errorsAddress !== before.errors) child.prop.errorsAddress = addr.prop.errorsAddress;
    child.prop.extraHeaders.push(...added);
    child.prop.removeHeaders.push(...removed);
    if (redirectRouter !== undefined && !child.special) child.startRouter = redirectRouter;
  }
  addr.router = router.name;
  return { ok: true };
}

/** A child of `addr` with the same address, carrying the fields routing has set so far. */
export function copyAsChild(addr: AddressItem): AddressItem {
  const copy = new AddressItem(addr.address, { parent: addr, prop: cloneProperties(addr.prop) });
  copy.localPart = addr.localPart;
  copy.domain = addr.domain;
  copy.prefix = addr.prefix;
  copy.suffix = addr.suffix;
  copy.prefixWild = addr.prefixWild;
  copy.suffixWild = addr.suffixWild;
  copy.router = addr.router;
  copy.transport = addr.transport;
  copy.hosts = addr.hosts;
  copy.fallbackHosts = addr.fallbackHosts;
  copy.localUser = addr.localUser;
  copy.uid = addr.uid;
  copy.gid = addr.gid;
  copy.initgroups = addr.initgroups;
  copy.homeDir = addr.homeDir;
  copy.selfHost = addr.selfHost;
  copy.logAsLocal = addr.logAsLocal;
  copy.disableLogging = addr.disableLogging;
  return copy;
}

/** The same child address under another parent (an unseen redirect hands its children to its copy). */
export function reparent(child: AddressItem, parent: AddressItem): AddressItem {
  const moved = new AddressItem(child.address, { parent, prop: child.prop });
  const { parent: _old, recipientIndex: _index, ...fields } = child;
  return Object.assign(moved, fields);
}

/**
 * The clone that goes on to the next router after an `unseen` router: address_data and other
 * properties carry over, header changes do not.
 */
export function unseenClone(addr: AddressItem, next: Router | undefined): AddressItem {
  const prop = cloneProperties(addr.prop);
  prop.extraHeaders = [];
  prop.removeHeaders = [];
  const clone = new AddressItem(addr.address, { parent: addr, prop });
  clone.domain = addr.domain;
  clone.uniqueOverride = `\\${addr.uniqueKey}`;
  clone.startRouter = next?.name ?? '';
  return clone;
}

/** Whether `unseen` is true for this address (ok:false: expansion error, defer). */
export function isUnseen(router: Router, mk: ContextMaker): ReturnType<typeof expandBoolOption> {
  return expandBoolOption(router.options, 'unseen', false, mk);
}
