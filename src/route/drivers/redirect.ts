/**
 * The redirect router (spec chapter 22): the text from `data` or `file` becomes new addresses,
 * pipe/file/directory deliveries (given the *_transport options), or a whole-address outcome
 * (:blackhole: discards, :fail: fails, :defer: defers, :unknown: declines). Exim and Sieve
 * filter files are recognised but not interpreted yet: with allow_filter they defer with a
 * clear "not supported" message (without it, Exim's "filtering not enabled").
 * Not done yet: syntax_errors_to mails, one_time bookkeeping (delivery's part), `rewrite` of
 * generated addresses by the global rewrite rules.
 */
import type { DriverOptions } from '../../config/driver-options.js';
import { RouterPrivateConfigError } from '../errors.js';
import { resolveTransportText } from '../generic.js';
import { registerRouterDriver } from '../registry.js';
import { interpretList, makeChildren, type Generated } from '../redirect/children.js';
import { redirectSource } from '../redirect/source.js';
import { tryExpand } from '../router.js';
import type { AddressItem, RouterDriver, RouterOutcome, RoutingContext } from '../types.js';
import type { ExpandContext } from '../../expand/types.js';
import { applyRedirectSrs, propagateSrsSender } from '../../srs/index.js';

function checkOptions(o: DriverOptions): void {
  const data = o.isSet('data');
  const file = o.isSet('file');
  if (data && file) throw new RouterPrivateConfigError(o.name, 'only one of "file" or "data" must be specified');
  if (!data && !file) throw new RouterPrivateConfigError(o.name, 'one of "file" or "data" must be specified');
  if (o.bool('one_time') && o.bool('unseen')) throw new RouterPrivateConfigError(o.name, '"unseen" may not be used with "one_time"');
  if (o.bool('one_time') && (o.isSet('headers_add') || o.isSet('headers_remove'))) {
    throw new RouterPrivateConfigError(o.name, '"headers_add" and "headers_remove" are not permitted with "one_time"');
  }
  if (o.bool('qualify_preserve_domain') && o.isSet('qualify_domain')) {
    throw new RouterPrivateConfigError(o.name, 'only one of "qualify_domain" or "qualify_preserve_domain" must be set');
  }
  if (o.bool('allow_filter') && !o.bool('check_local_user') && !o.isSet('user')) {
    throw new RouterPrivateConfigError(o.name, '"user" or "check_local_user" must be set with "allow_filter"');
  }
}

const FILTER_HEADER = /^\s*#\s*(exim|sieve)\s+filter/i;

/** Domain for unqualified generated addresses: the router's qualify_domain, else qualify_recipient. */
async function qualifyDomain(o: DriverOptions, ctx: ExpandContext, rctx: RoutingContext): Promise<string | undefined> {
  const text = o.str('qualify_domain');
  if (text === undefined) return String(rctx.config.mainOption('qualify_recipient') ?? '');
  const r = await tryExpand(text, ctx);
  return r.ok ? r.value.s : undefined;
}

/** Transport and router settings of a pipe/file/directory child. */
async function setUpSpecial(child: AddressItem, parent: AddressItem, o: DriverOptions, ctx: ExpandContext, rctx: RoutingContext): Promise<void> {
  const option = `${child.special}_transport`;
  child.router = o.name;
  child.localUser = parent.localUser;
  child.homeDir = parent.homeDir ?? parent.localUser?.home;
  const forbid = child.special === 'pipe' ? 'forbid_pipe' : 'forbid_file';
  if (o.bool(forbid) || o.bool('one_time')) {
    // Exim still lists the item (-bt shows "*** forbidden ***") but never delivers it.
    child.forbidden = true;
    child.message = `delivery to ${child.special === 'pipe' ? 'pipe' : 'file'} forbidden`;
    return;
  }
  const text = o.str(option);
  if (text === undefined) {
    child.message = `${option} unset in ${o.name} router`;
    return;
  }
  const step = await resolveTransportText(text, `${o.name} router`, child, ctx, rctx);
  if (!step.ok) child.message = step.message;
}

class RedirectRouter implements RouterDriver {
  constructor(private readonly o: DriverOptions) {}

  async route(addr: AddressItem, rctx: RoutingContext): Promise<RouterOutcome> {
    const ctx = rctx.expandFor(addr);
    ctx.vars.set('router_name', { s: this.o.name, tainted: false });
    // libsrs_alt-style `srs` option: before data/file, which may use $srs_recipient.
    const srs = await applyRedirectSrs(this.o, addr, ctx, { sender: rctx.sender, verifying: rctx.mode !== 'deliver' });
    if (srs.kind === 'skipped' && srs.problem) rctx.log.write(['main', 'panic'], `${this.o.name} router: ${srs.problem}`);
    if (srs.kind === 'decline') return { kind: 'decline' };
    if (srs.kind === 'fail') return { kind: 'fail', message: srs.message };
    if (srs.kind === 'defer') return { kind: 'defer', message: srs.message };
    const srsSender = srs.kind === 'done' ? srs.srsSender : undefined;
    const outcome = await this.routeData(addr, ctx, rctx);
    if (srsSender && outcome.kind === 'redirected') propagateSrsSender(outcome.children, srsSender);
    return outcome;
  }

  private async routeData(addr: AddressItem, ctx: ExpandContext, rctx: RoutingContext): Promise<RouterOutcome> {
    const source = await redirectSource(this.o, addr, ctx);
    if (source.kind === 'decline') return { kind: 'decline' };
    if (source.kind === 'defer') return { kind: 'defer', message: source.message };
    const filter = FILTER_HEADER.exec(source.text);
    if (filter) return this.filter(filter[1]!.toLowerCase());
    const qualify = await qualifyDomain(this.o, ctx, rctx);
    if (qualify === undefined) return { kind: 'decline' };
    const settings = { qualifyDomain: qualify, preserveDomain: this.o.bool('qualify_preserve_domain'), tainted: source.tainted };
    const list = interpretList(source.text, this.o, addr, settings, rctx);
    switch (list.kind) {
      case 'blackhole':
        return { kind: 'discard' };
      case 'fail':
        return { kind: 'fail', message: list.message, userMessage: list.message };
      case 'defer':
        return { kind: 'defer', message: list.message };
      case 'unknown':
        return { kind: 'decline' };
      case 'error':
        return { kind: 'defer', message: `error in redirect data: ${list.message}` };
      case 'items':
        return this.children(list.generated, addr, ctx, rctx);
    }
  }

  private filter(kind: string): RouterOutcome {
    if (!this.o.bool('allow_filter')) return { kind: 'defer', message: 'error in filter file: filtering not enabled' };
    if ((kind === 'exim' && this.o.bool('forbid_exim_filter')) || (kind === 'sieve' && this.o.bool('forbid_sieve_filter'))) {
      return { kind: 'defer', message: `error in filter file: ${kind === 'exim' ? 'Exim' : 'Sieve'} filtering not enabled` };
    }
    return { kind: 'defer', message: `error in filter file: ${kind === 'exim' ? 'Exim' : 'Sieve'} filters are not supported by Mailwright yet` };
  }

  private async children(generated: readonly Generated[], addr: AddressItem, ctx: ExpandContext, rctx: RoutingContext): Promise<RouterOutcome> {
    if (generated.length === 0) return { kind: 'decline' };
    const children = makeChildren(generated, addr, this.o.bool('check_ancestor'));
    for (const child of children) {
      if (this.o.bool('hide_child_in_errmsg')) child.hideChild = true;
      if (child.special) await setUpSpecial(child, addr, this.o, ctx, rctx);
    }
    return { kind: 'redirected', children };
  }
}

registerRouterDriver({
  name: 'redirect',
  create(options) {
    checkOptions(options);
    return new RedirectRouter(options);
  },
});
