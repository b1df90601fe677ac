/**
 * Router preconditions, in Exim's order (spec 3.12): the loop checks and affixes are done by
 * the engine; here follow verify_*, address_test, verify_only, expn, domains, local_parts,
 * check_local_user, router_home_directory, debug_print, senders, require_files and condition.
 * Each check either lets the router run, skips it, or defers the address with Exim's text.
 */
import { statSync } from 'node:fs';
import { stringIsTrue } from '../expand/index.js';
import { untainted, type ExpandContext, type TStr } from '../expand/types.js';
import { matchAddressList, matchDomainList, matchLocalPartList } from '../match/index.js';
import { LookupDefer } from '../lookups/types.js';
import { listItems } from '../util/exim-list.js';
import { MailwrightError } from '../util/errors.js';
import { getpwnam } from './passwd.js';
import { tryExpand, type Router } from './router.js';
import type { AddressItem, RoutingContext, RoutingMode } from './types.js';

export type PreconditionResult = { readonly kind: 'run' } | { readonly kind: 'skip' } | { readonly kind: 'defer'; readonly message: string };

const RUN: PreconditionResult = { kind: 'run' };
const SKIP: PreconditionResult = { kind: 'skip' };
const defer = (message: string): PreconditionResult => ({ kind: 'defer', message });

/** Expansion context for the address as it stands now (the router name set). */
export type ContextMaker = () => ExpandContext;

function modeAllows(router: Router, mode: RoutingMode): boolean {
  const o = router.options;
  switch (mode) {
    case 'verify_recipient':
      return o.bool('verify_recipient');
    case 'verify_sender':
      return o.bool('verify_sender');
    case 'test':
      return o.bool('address_test') && !o.bool('verify_only');
    case 'expn':
      return o.bool('expn') && !o.bool('verify_only');
    case 'deliver':
      return !o.bool('verify_only');
  }
}

type ListKind = 'domains' | 'local_parts' | 'senders';

/** Match one of the list preconditions; the lookup data (or matched item) is returned. */
async function checkList(
  kind: ListKind,
  router: Router,
  subject: string,
  mk: ContextMaker,
  rctx: RoutingContext,
): Promise<PreconditionResult | { kind: 'matched'; data?: TStr }> {
  const text = router.options.str(kind);
  if (text === undefined) return { kind: 'matched' };
  const ctx = mk();
  const expanded = await tryExpand(text, ctx);
  if (!expanded.ok) {
    if (expanded.forced) return SKIP;
    rctx.log.write(['main', 'panic'], `failed to expand "${text}" while checking a list: ${expanded.message}`);
    return defer(`${kind} check lookup or other defer`);
  }
  try {
    const caseSensitive = router.options.bool('caseful_local_part');
    const m =
      kind === 'domains'
        ? await matchDomainList(subject, expanded.value.s, ctx, { subjectTainted: true })
        : kind === 'local_parts'
          ? await matchLocalPartList(subject, expanded.value.s, ctx, { subjectTainted: true, caseSensitive })
          : await matchAddressList(subject, expanded.value.s, ctx, { subjectTainted: true });
    if (!m.matched) return SKIP;
    const data = m.data ?? (m.item !== undefined ? untainted(m.item) : undefined);
    return { kind: 'matched', data };
  } catch (e) {
    if (e instanceof LookupDefer) return defer(`${kind} check lookup or other defer`);
    if (!(e instanceof MailwrightError)) throw e;
    rctx.log.write(['main', 'panic'], e.message);
    return defer(`${kind} check lookup or other defer`);
  }
}

function checkLocalUser(addr: AddressItem): boolean {
  const pw = getpwnam(addr.localPart);
  if (!pw) return false;
  addr.localUser = pw;
  addr.prop.localPartData = untainted(addr.localPart);
  return true;
}

async function routerHome(router: Router, addr: AddressItem, mk: ContextMaker): Promise<PreconditionResult> {
  const text = router.options.str('router_home_directory');
  if (text === undefined) return RUN;
  const r = await tryExpand(text, mk());
  if (r.ok) addr.homeDir = r.value.s;
  else if (!r.forced) return defer(`failed to expand "${text}" for router_home_directory: ${r.message}`);
  return RUN;
}

/** require_files: every path must exist (or, with `!`, not exist). User specs are accepted unchecked. */
async function requireFiles(router: Router, mk: ContextMaker): Promise<PreconditionResult> {
  const text = router.options.str('require_files');
  if (text === undefined) return RUN;
  for (const item of listItems(text)) {
    const r = await tryExpand(item, mk());
    if (!r.ok) {
      if (r.forced) continue;
      return defer(`failed to expand "${item}" for require_files: ${r.message}`);
    }
    let path = r.value.s;
    if (path === '') continue;
    let eaccesMissing = false;
    if (path.startsWith('+')) {
      eaccesMissing = true;
      path = path.slice(1);
    }
    const invert = path.startsWith('!');
    if (invert) path = path.slice(1);
    if (!path.includes('/')) continue; // user[,group] for the access check (not modelled)
    if (!path.startsWith('/')) return defer(`require_files: "${path}" is not absolute`);
    const exists = fileExists(path, eaccesMissing);
    if (exists === 'error') return defer(`require_files: error for ${path}: permission denied`);
    if (exists === invert) return SKIP;
  }
  return RUN;
}

function fileExists(path: string, eaccesMissing: boolean): boolean | 'error' {
  try {
    statSync(path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    if (code === 'EACCES' && eaccesMissing) return false;
    return 'error';
  }
}

/**
 * Variables Exim keeps process-wide, so a value set while the condition is expanded is still
 * there for the driver's options (`condition = ${if inbound_srs{..}}` then `data = $srs_recipient`).
 */
const CARRIED_FROM_CONDITION = ['srs_recipient'];

async function condition(router: Router, addr: AddressItem, mk: ContextMaker, rctx: RoutingContext): Promise<PreconditionResult> {
  const text = router.options.str('condition');
  if (text === undefined) return RUN;
  const ctx = mk();
  const r = await tryExpand(text, ctx);
  for (const name of CARRIED_FROM_CONDITION) {
    const v = ctx.vars.get(name);
    if (v === undefined) continue;
    addr.prop.variables ??= new Map();
    addr.prop.variables.set(name, v);
  }
  if (r.ok) return stringIsTrue(r.value.s) ? RUN : SKIP;
  if (r.forced) return SKIP;
  if (r.defer) return defer(`condition check lookup defer`);
  rctx.log.write(['main', 'panic'], `failed to expand condition "${text}" for ${router.name} router: ${r.message}`);
  return SKIP;
}

async function debugPrint(router: Router, mk: ContextMaker, rctx: RoutingContext): Promise<void> {
  const text = router.options.str('debug_print');
  if (text === undefined || !rctx.trace) return;
  const r = await tryExpand(text, mk());
  const out = r.ok ? r.value.s : `failed to expand debug_print "${text}" in ${router.name} router: ${r.message}`;
  rctx.trace(out.endsWith('\n') ? out.slice(0, -1) : out);
}

/** The preconditions after the affixes, in Exim's order. */
export async function checkPreconditions(router: Router, addr: AddressItem, mk: ContextMaker, rctx: RoutingContext): Promise<PreconditionResult> {
  if (!modeAllows(router, rctx.mode)) return SKIP;
  const domains = await checkList('domains', router, addr.domain, mk, rctx);
  if (domains.kind !== 'matched') return domains;
  if (domains.data !== undefined || router.options.isSet('domains')) addr.prop.domainData = domains.data;
  const parts = await checkList('local_parts', router, addr.localPart, mk, rctx);
  if (parts.kind !== 'matched') return parts;
  if (parts.data !== undefined || router.options.isSet('local_parts')) addr.prop.localPartData = parts.data;
  if (router.options.bool('check_local_user') && !checkLocalUser(addr)) return SKIP;
  const home = await routerHome(router, addr, mk);
  if (home.kind !== 'run') return home;
  await debugPrint(router, mk, rctx);
  const senders = await checkList('senders', router, rctx.sender, mk, rctx);
  if (senders.kind !== 'matched') return senders;
  const files = await requireFiles(router, mk);
  if (files.kind !== 'run') return files;
  return condition(router, addr, mk, rctx);
}
