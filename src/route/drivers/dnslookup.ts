/**
 * The dnslookup router (spec chapter "The dnslookup router"): the hosts of a mail domain from
 * its SRV (check_srv), MX or address records, with widen_domains, qualify_single and
 * search_parents able to change the domain (the address is then re-routed under the new one),
 * the local host handled by `self` / check_secondary_mx, and Exim's decline / defer texts.
 */
import type { DriverOptions } from '../../config/driver-options.js';
import type { ExpandContext } from '../../expand/types.js';
import { matchDomainList } from '../../match/index.js';
import { listItems } from '../../util/exim-list.js';
import { findDomainHosts, LOOKUP_INSECURE, type DomainHosts } from '../hosts-dns.js';
import { applySelf, childWithDomain, parseSelfOption, type SelfAction } from '../hosts-self.js';
import { chooseTransport, expandOption, parseFallbackHosts, routerHostEnv, type RouterHostEnv } from '../hosts.js';
import { RouterConfigError } from '../errors.js';
import { registerRouterDriver } from '../registry.js';
import type { AddressItem, HostItem, RouterDriver, RouterOutcome, RoutingContext } from '../types.js';

const DEFER_REQUESTED = 'missing MX, or all MXs point to missing A records, and defer requested';
const LOOKUP_INCOMPLETE = 'host lookup did not complete';

type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly outcome: RouterOutcome };

class DnslookupRouter implements RouterDriver {
  constructor(
    private readonly options: DriverOptions,
    private readonly self: SelfAction,
  ) {}

  private get name(): string {
    return this.options.name;
  }

  /** Whether `domain` is in an (expandable) domain-list option; an expansion failure is an error outcome. */
  private async inList(option: string, domain: string, ectx: ExpandContext): Promise<Step<boolean>> {
    const r = await expandOption(this.options.str(option), ectx);
    if (!r.ok) return { ok: false, outcome: this.expansionFailure(option, r.message, r.defer) };
    if (r.value === undefined || r.value === '') return { ok: true, value: false };
    return { ok: true, value: (await matchDomainList(domain, r.value, ectx)).matched };
  }

  private expansionFailure(option: string, message: string, defer: boolean): RouterOutcome {
    const text = `failed to expand "${this.options.str(option)}" in ${this.name} router: ${message}`;
    return defer ? { kind: 'defer', message: text } : { kind: 'error', message: text };
  }

  /** The domains to try: the address's, then each widened form (not for sender verification with rewrite_headers). */
  private candidateDomains(addr: AddressItem, ctx: RoutingContext): string[] {
    const widen = this.options.str('widen_domains');
    if (widen === undefined || (ctx.mode === 'verify_sender' && this.options.bool('rewrite_headers'))) return [addr.domain];
    return [addr.domain, ...listItems(widen).map((w) => `${addr.domain}.${w}`)];
  }

  private async lookup(domain: string, srvService: string | undefined, env: RouterHostEnv, ectx: ExpandContext, ctx: RoutingContext): Promise<Step<DomainHosts>> {
    const mxOnly = await this.inList('mx_domains', domain, ectx);
    if (!mxOnly.ok) return mxOnly;
    const srvFail = await this.inList('srv_fail_domains', domain, ectx);
    if (!srvFail.ok) return srvFail;
    const mxFail = await this.inList('mx_fail_domains', domain, ectx);
    if (!mxFail.ok) return mxFail;
    const result = await findDomainHosts(
      {
        domain,
        srvService,
        allowAddressRecords: !mxOnly.value,
        srvFailIsNone: srvFail.value,
        mxFailIsNone: mxFail.value,
        qualify: { qualifySingle: this.options.bool('qualify_single'), searchParents: this.options.bool('search_parents') },
        dnssecRequire: env.dnssecRequire,
        allowMxToIp: ctx.config.mainOption('allow_mx_to_ip') === true,
        isLocal: env.isLocal,
      },
      env,
    );
    return { ok: true, value: result };
  }

  async route(addr: AddressItem, ctx: RoutingContext): Promise<RouterOutcome> {
    // Domain literals are the ipliteral router's business.
    if (addr.domain.startsWith('[')) return { kind: 'decline' };
    const ectx = ctx.expandFor(addr);
    const env = await routerHostEnv(this.options, addr, ctx, ectx, { ipv4Only: this.options.str('ipv4_only'), ipv4Prefer: this.options.str('ipv4_prefer') });
    if ('error' in env) return env.defer ? { kind: 'defer', message: env.error } : { kind: 'error', message: env.error };
    const srv = await expandOption(this.options.str('check_srv'), ectx);
    if (!srv.ok) return this.expansionFailure('check_srv', srv.message, srv.defer);

    let result: DomainHosts = { kind: 'failed' };
    let why: string | undefined;
    for (const domain of this.candidateDomains(addr, ctx)) {
      const step = await this.lookup(domain, srv.value, env, ectx, ctx);
      if (!step.ok) return step.outcome;
      result = step.value;
      if (result.kind !== 'failed') break;
      // A widened domain that fails without a reason leaves the earlier reason standing.
      why = result.message ?? why;
    }
    if (result.kind === 'failed' && why !== undefined) result = { kind: 'failed', message: why };
    return this.conclude(addr, result, ectx, ctx);
  }

  private async conclude(addr: AddressItem, result: DomainHosts, ectx: ExpandContext, ctx: RoutingContext): Promise<RouterOutcome> {
    switch (result.kind) {
      case 'again':
        if (this.options.bool('pass_on_timeout')) return { kind: 'pass' };
        addr.message = LOOKUP_INCOMPLETE;
        return { kind: 'defer', message: LOOKUP_INCOMPLETE };
      case 'insecure':
        addr.message = LOOKUP_INSECURE;
        return { kind: 'defer', message: LOOKUP_INSECURE };
      case 'failed': {
        const deferIt = await this.inList('fail_defer_domains', addr.domain, ectx);
        if (!deferIt.ok) return deferIt.outcome;
        if (deferIt.value) {
          addr.message = DEFER_REQUESTED;
          return { kind: 'defer', message: DEFER_REQUESTED };
        }
        if (result.message !== undefined) addr.message = result.message;
        return { kind: 'decline' };
      }
    }
    // A name the resolver qualified or widening produced: route the address under it.
    const fqn = result.fullyQualified;
    if (fqn.toLowerCase() !== addr.domain.toLowerCase() && !fqn.startsWith('*')) {
      // TODO(headers): rewrite_headers should also rewrite the short domain in To:, Cc:, ... lines.
      return { kind: 'rerouted', child: childWithDomain(addr, fqn) };
    }
    let hosts: HostItem[];
    if (result.kind === 'local') {
      const self = applySelf(addr, result.first, this.self, ctx);
      if (self !== 'send') return self;
      hosts = result.hosts;
    } else {
      if (this.options.bool('check_secondary_mx') && !result.removedLocal) return { kind: 'decline' };
      hosts = result.hosts;
    }
    return this.accept(addr, hosts, ectx, ctx);
  }

  private async accept(addr: AddressItem, hosts: HostItem[], ectx: ExpandContext, ctx: RoutingContext): Promise<RouterOutcome> {
    const transport = await chooseTransport(this.options.str('transport'), this.name, ectx, ctx);
    if (!transport.ok) return { kind: 'error', message: transport.message };
    if (transport.name !== undefined) addr.transport = transport.name;
    addr.hosts = hosts;
    addr.fallbackHosts = parseFallbackHosts(this.options.str('fallback_hosts'));
    return { kind: 'accept' };
  }
}

registerRouterDriver({
  name: 'dnslookup',
  create(options) {
    requireTransport(options);
    return new DnslookupRouter(options, parseSelfOption(options.str('self'), options.name));
  },
});

/** Exim's configuration-time check: a transport unless the router only verifies. */
function requireTransport(options: DriverOptions): void {
  if (!options.isSet('transport') && !options.bool('verify_only')) throw new RouterConfigError(options.name, 'a transport is required for this router');
}
