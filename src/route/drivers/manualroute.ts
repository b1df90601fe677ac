/**
 * The manualroute router (spec chapter "The manualroute router"): the domain picks a routing
 * rule (route_list, or the expansion of route_data), whose host list is expanded (with $value
 * and $0.. from the pattern match) and resolved; a rule may name its own transport and lookup
 * options. A local transport gets the host list as one name, unresolved.
 */
import type { DriverOptions } from '../../config/driver-options.js';
import type { ExpandContext, TStr } from '../../expand/types.js';
import { LookupDefer } from '../../lookups/types.js';
import { matchDomainList } from '../../match/index.js';
import { listItems } from '../../util/exim-list.js';
import { resolveManualHosts } from '../hosts-manual.js';
import { parseRuleOptions, splitRule, splitRuleData, UnknownRuleOption, type RuleOptions } from '../hosts-rules.js';
import { applySelf, parseSelfOption, routerConfigError, type SelfAction } from '../hosts-self.js';
import { chooseTransport, expandOption, hostListItems, isLocalTransport, parseFallbackHosts, routerHostEnv, unresolvedHost } from '../hosts.js';
import { registerRouterDriver } from '../registry.js';
import type { AddressItem, RouterDriver, RouterOutcome, RoutingContext } from '../types.js';

const ACTIONS = ['decline', 'defer', 'fail', 'freeze', 'ignore', 'pass'] as const;
type FailAction = (typeof ACTIONS)[number];

/** A rule that matched: its unexpanded host list, option words, and the match's $value / $0... */
interface MatchedRule {
  readonly hosts: string;
  readonly words: readonly string[];
  readonly value?: TStr;
  readonly numeric: TStr[];
}

type RuleSearch = { readonly kind: 'rule'; readonly rule: MatchedRule } | { readonly kind: 'none' } | { readonly kind: 'outcome'; readonly outcome: RouterOutcome };

function failAction(options: DriverOptions, name: 'host_find_failed' | 'host_all_ignored'): FailAction {
  const v = options.str(name) ?? (name === 'host_find_failed' ? 'freeze' : 'defer');
  if (!(ACTIONS as readonly string[]).includes(v) || (name === 'host_all_ignored' && v === 'ignore')) {
    throw routerConfigError(options.name, `unrecognized setting for ${name} option`);
  }
  return v as FailAction;
}

class ManualrouteRouter implements RouterDriver {
  private readonly hostFindFailed: FailAction;
  private readonly hostAllIgnored: FailAction;

  constructor(
    private readonly options: DriverOptions,
    private readonly self: SelfAction,
  ) {
    this.hostFindFailed = failAction(options, 'host_find_failed');
    this.hostAllIgnored = failAction(options, 'host_all_ignored');
    if (options.isSet('route_list') === options.isSet('route_data')) {
      throw routerConfigError(options.name, 'route_list or route_data (but not both) must be specified');
    }
  }

  private get name(): string {
    return this.options.name;
  }

  private async findRule(addr: AddressItem, ectx: ExpandContext, ctx: RoutingContext): Promise<RuleSearch> {
    const data = this.options.str('route_data');
    if (data !== undefined) {
      const r = await expandOption(data, ectx);
      if (!r.ok) return { kind: 'outcome', outcome: { kind: 'defer', message: `failed to expand "${data}" in ${this.name} router: ${r.message}` } };
      if (r.value === undefined || r.value.trim() === '') return { kind: 'none' };
      return { kind: 'rule', rule: { ...splitRuleData(r.value), numeric: [] } };
    }
    for (const text of listItems(this.options.str('route_list') ?? '', ';')) {
      if (text.trim() === '') continue;
      const { pattern, data: rest } = splitRule(text);
      const found = await this.matchPattern(pattern, addr, ectx, ctx);
      if (found === 'defer') return { kind: 'outcome', outcome: { kind: 'defer', message: 'lookup defer in route_list' } };
      if (found) return { kind: 'rule', rule: { ...splitRuleData(rest), ...found } };
    }
    return { kind: 'none' };
  }

  /** Match one rule's pattern (expanded as a one-item domain list); its $value and $0.. on success. */
  private async matchPattern(pattern: string, addr: AddressItem, ectx: ExpandContext, ctx: RoutingContext): Promise<{ value?: TStr; numeric: TStr[] } | null | 'defer'> {
    const expanded = await expandOption(pattern, ectx);
    if (!expanded.ok) {
      ctx.log.write(['main', 'panic'], `failed to expand "${pattern}" while checking a list: ${expanded.message}`, ctx.messageId);
      return 'defer';
    }
    if (expanded.value === undefined) return null;
    const mctx: ExpandContext = { ...ectx, numeric: [] };
    try {
      const m = await matchDomainList(addr.domain, expanded.value, mctx);
      if (!m.matched) return null;
      return { value: m.data, numeric: mctx.numeric.length > 0 ? mctx.numeric : [{ s: addr.domain.toLowerCase(), tainted: true }] };
    } catch (e) {
      if (e instanceof LookupDefer) return 'defer';
      throw e;
    }
  }

  /** An error Exim reports in the log and as the address's message. */
  private routerError(addr: AddressItem, ctx: RoutingContext, logText: string, message: string): RouterOutcome {
    ctx.log.write(['main'], logText, ctx.messageId);
    addr.message = message;
    return { kind: 'defer', message };
  }

  async route(addr: AddressItem, ctx: RoutingContext): Promise<RouterOutcome> {
    const ectx = ctx.expandFor(addr);
    const search = await this.findRule(addr, ectx, ctx);
    if (search.kind === 'none') return { kind: 'decline' };
    if (search.kind === 'outcome') return search.outcome;
    const rule = search.rule;
    const hctx: ExpandContext = { ...ectx, value: rule.value, numeric: rule.numeric };
    const hostText = await expandOption(rule.hosts, hctx);
    if (!hostText.ok) {
      const message = `${this.name} router: failed to expand "${rule.hosts}": ${hostText.message}`;
      return hostText.defer ? { kind: 'defer', message } : { kind: 'error', message };
    }
    if (hostText.value === undefined) return { kind: 'decline' };
    const options = parseRuleOptions(rule.words, (w) => ctx.config.transports.some((t) => t.name === w));
    if (options instanceof UnknownRuleOption) {
      const text = `unknown routing option or transport name "${options.word}"`;
      return this.routerError(addr, ctx, `Error in ${this.name} router: ${text}`, `error in router: ${text}`);
    }
    const transport = options.transport !== undefined ? { ok: true as const, name: options.transport } : await chooseTransport(this.options.str('transport'), this.name, ectx, ctx);
    if (!transport.ok) return { kind: 'error', message: transport.message };
    const hosts = hostText.value.trim();
    const local = transport.name === undefined || isLocalTransport(ctx, transport.name);
    if (local) {
      // A local transport sees the host list as one text ($host); nothing is looked up.
      addr.hosts = hosts === '' ? [] : [unresolvedHost(hosts)];
      return this.accept(addr, transport.name);
    }
    if (hosts === '') {
      const text = `error in ${this.name} router: no host(s) specified for domain ${addr.domain}`;
      return this.routerError(addr, ctx, text, text);
    }
    return this.routeRemote(addr, hosts, options, transport.name, ectx, ctx);
  }

  /** The transport is set only now: a router that declines leaves it to the next one. */
  private accept(addr: AddressItem, transport: string | undefined): RouterOutcome {
    if (transport !== undefined) addr.transport = transport;
    addr.fallbackHosts = parseFallbackHosts(this.options.str('fallback_hosts'));
    return { kind: 'accept' };
  }

  private async routeRemote(addr: AddressItem, hostList: string, rule: RuleOptions, transport: string, ectx: ExpandContext, ctx: RoutingContext): Promise<RouterOutcome> {
    const env = await routerHostEnv(this.options, addr, ctx, ectx, { ipv4Only: rule.ipv4Only ? 'yes' : undefined, ipv4Prefer: rule.ipv4Prefer ? 'yes' : undefined });
    if ('error' in env) return env.defer ? { kind: 'defer', message: env.error } : { kind: 'error', message: env.error };
    const result = await resolveManualHosts(
      {
        items: hostListItems(hostList, rule.randomize ?? this.options.bool('hosts_randomize'), env.shuffle),
        method: rule.method,
        ignoreMissing: this.hostFindFailed === 'ignore',
        keepLocalFirst: this.self.kind === 'send',
        allowMxToIp: ctx.config.mainOption('allow_mx_to_ip') === true,
        progress: (hosts) => (addr.hosts = hosts),
      },
      env,
    );
    switch (result.kind) {
      case 'again':
        if (this.options.bool('pass_on_timeout')) return { kind: 'pass' };
        addr.message = `host lookup for ${result.name} did not complete (DNS timeout?)`;
        return { kind: 'defer', message: addr.message };
      case 'notfound':
        return this.failed(addr, this.hostFindFailed, `lookup of host "${result.name}" failed in ${this.name} router`);
      case 'allignored':
        return this.failed(
          addr,
          this.hostAllIgnored,
          `lookup failed for all hosts in ${this.name} router: host_find_failed=${this.hostFindFailed} host_all_ignored=${this.hostAllIgnored}`,
        );
      case 'local': {
        const self = applySelf(addr, result.host, this.self, ctx);
        if (self !== 'send') return self;
        break;
      }
      case 'found':
        if (result.localFirst) applySelf(addr, result.localFirst, this.self, ctx);
        addr.hosts = result.hosts;
    }
    return this.accept(addr, transport);
  }

  private failed(addr: AddressItem, action: FailAction, message: string): RouterOutcome {
    switch (action) {
      case 'decline':
        return { kind: 'decline' };
      case 'pass':
        return { kind: 'pass' };
      case 'fail':
        addr.message = message;
        return { kind: 'fail', message };
      default:
        addr.message = message;
        return { kind: 'defer', message, freeze: action === 'freeze' };
    }
  }
}

registerRouterDriver({
  name: 'manualroute',
  create(options) {
    return new ManualrouteRouter(options, parseSelfOption(options.str('self'), options.name));
  },
});
