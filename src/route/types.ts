/**
 * Contract of routing (spec chapters "Generic options for routers" and the router chapters).
 *
 * An AddressItem is one address on its way through routing and delivery: the routing engine
 * (src/route/engine.ts) runs the configured routers in order, applying the generic options
 * (preconditions, headers_add, errors_to, self, unseen, more, pass_router, ...), and each router
 * driver (src/route/drivers/<name>.ts, registered in src/route/drivers/index.ts) decides only
 * what is specific to it. The same engine serves delivery, `-bt`, `-bv` and ACL `verify =`.
 * Transports (src/transports/types.ts) and the delivery process read the fields routers set.
 */
import type { DriverOptions } from '../config/driver-options.js';
import type { DriverInstance, LoadedConfig } from '../config/types.js';
import type { HostFinder } from '../dns/host.js';
import type { DnsResolver } from '../dns/resolver.js';
import type { ExpandContext, TStr } from '../expand/types.js';
import type { Logger } from '../log/types.js';
import { MailwrightError } from '../util/errors.js';

/** One host of a remote delivery (Exim's host_item). */
export interface HostItem {
  /** Host name as given by the router (MX target, route_list entry, or the IP literal). */
  name: string;
  /** IP address once looked up (several addresses of one name are several HostItems). */
  address?: string;
  /** Port from the router (`host::port` in route_list) or undefined for the transport's port. */
  port?: number;
  /** MX preference; -1 when the host did not come from an MX record. */
  mx: number;
  /** Whether the address lookup was DNSSEC-authenticated: 'yes' | 'no' | 'unknown' (not looked up by DNS). */
  dnssec: 'yes' | 'no' | 'unknown';
  /** Set by retry checks and deliveries: unusable hosts are skipped (why says so in logs). */
  status: 'unknown' | 'usable' | 'unusable';
  why?: 'retry' | 'failed' | 'ignored';
}

/** The passwd entry found by check_local_user (or router_home_directory lookups). */
export interface LocalUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly shell: string;
  readonly gecos: string;
}

/** A pending hints-database retry update, added by routers and transports, applied by delivery. */
export interface RetryItem {
  /** `R:domain`, `R:local_part@domain`, `T:host:ip[:port]`, `T:host:ip:port:message_id`. */
  readonly key: string;
  /** delete: the destination worked, forget its retry record; defer: record a failure. */
  readonly action: 'delete' | 'defer';
  /** Exim's error classification for retry-rule matching (see RetryErrorName in src/queue/types.ts). */
  readonly error?: string;
  readonly message?: string;
  /** Host-level item: the host name for `host:` retry rules matching. */
  readonly hostName?: string;
}

/** DSN request of a recipient (RFC 3461). */
export interface DsnRequest {
  /** NEVER 2, SUCCESS 4, FAILURE 8, DELAY 16, as stored in -H; 0 when none was given. */
  readonly flags: number;
  readonly orcpt?: string;
}

/** Address properties that routers set and descendants inherit (Exim's address_item_propagated). */
export interface AddressProperties {
  addressData?: TStr;
  domainData?: TStr;
  localPartData?: TStr;
  /** errors_to: where bounces for this address go ('' = nowhere). */
  errorsAddress?: string;
  /** headers_add/headers_remove accumulated along the routing chain (texts already expanded). */
  extraHeaders: string[];
  removeHeaders: string[];
  /** Router `ignore_error`-style flag set by redirect for `:blackhole:`-like parents, etc. */
  ignoreError: boolean;
  /** SRS: set by SRS-aware routers (libsrs_alt style); see src/srs. */
  srsSender?: string;
  /** `set = r_name = value` router variables ($r_name), propagated like address_data. */
  variables?: Map<string, TStr>;
}

export type SpecialDelivery = 'pipe' | 'file' | 'directory' | 'reply';

/**
 * The reply a filter's `mail` / `vacation` command describes (special 'reply' addresses): when
 * present the autoreply transport uses it instead of its own message options. Texts are final
 * (already expanded by the filter).
 */
export interface ReplyData {
  readonly from?: string;
  readonly replyTo?: string;
  readonly to?: string;
  readonly cc?: string;
  readonly bcc?: string;
  readonly subject?: string;
  readonly headers?: string;
  readonly text?: string;
  readonly file?: string;
  readonly fileExpand?: boolean;
  readonly log?: string;
  readonly once?: string;
  /** Seconds; 0 means never again. */
  readonly onceRepeat?: number;
  readonly returnMessage?: boolean;
}

export class AddressItem {
  /** Local part after any prefix/suffix a router removed (what $local_part shows). */
  localPart: string;
  domain: string;
  prefix = '';
  suffix = '';
  /** The parts of prefix/suffix matched by a `*` wildcard ($local_part_prefix_v / _suffix_v). */
  prefixWild = '';
  suffixWild = '';
  /** The address this one was generated from (redirect), absent for an original recipient. */
  readonly parent?: AddressItem;
  /** Addresses generated from this one (redirect), filled in by the delivery process. */
  readonly children: AddressItem[] = [];
  prop: AddressProperties;
  /** Name of the router that accepted (or failed/deferred) the address. */
  router?: string;
  /** Name of the transport to use (set by the router; for pipe/file specials: the *_transport). */
  transport?: string;
  hosts: HostItem[] = [];
  fallbackHosts: HostItem[] = [];
  /** For redirect-generated pipe commands, file names, directories and autoreply data. */
  special?: SpecialDelivery;
  /** Filter-generated autoreply parameters (special 'reply'). */
  reply?: ReplyData;
  localUser?: LocalUser;
  uid?: number;
  gid?: number;
  initgroups?: boolean;
  homeDir?: string;
  currentDir?: string;
  /** Error text of the last failure or deferral (for logs and bounces) and the user-facing part. */
  message?: string;
  userMessage?: string;
  /** Pending retry-database updates (applied by the delivery process after the attempt). */
  retries: RetryItem[] = [];
  /** unseen: a copy was delivered and routing continues with the next router. */
  unseen = false;
  /** The router said `self = send`, or the address came back to this host. */
  selfHost?: HostItem;
  /** DSN request, inherited from the original recipient. */
  dsn: DsnRequest;
  /** Index of the top-level recipient in the spool's recipient list (-1 for new addresses). */
  readonly recipientIndex: number;
  /**
   * Router to start routing at (redirect_router for generated children, the next router for
   * an `unseen` clone, pass_router); undefined = the first router. Set by src/route/engine.ts.
   */
  startRouter?: string;
  /** The local part as it was before the accepting router removed affixes and lower-cased it. */
  originalLocalPart?: string;
  /** Router `log_as_local` of the accepting router (delivery log style). */
  logAsLocal?: boolean;
  /** Router `disable_logging` of the accepting router. */
  disableLogging?: boolean;
  /** Retry key uses the local part (router retry_use_local_part) when routing deferred. */
  retryUseLocalPart?: boolean;
  /** Redirect's hide_child_in_errmsg: bounces name the top-level address instead. */
  hideChild?: boolean;
  /** A pipe/file delivery the redirect router generated although forbid_pipe / forbid_file is set: not to be delivered. */
  forbidden?: boolean;
  /**
   * Duplicate key set by the engine for an `unseen` clone, so that the clone and the copy the
   * unseen router handled are both delivered (Exim gives the clone its own unique name).
   */
  uniqueOverride?: string;

  constructor(
    /** The address as routed: local_part@domain (the local part includes any prefix/suffix). */
    public address: string,
    init: {
      readonly parent?: AddressItem;
      readonly recipientIndex?: number;
      readonly dsn?: DsnRequest;
      readonly prop?: AddressProperties;
    } = {},
  ) {
    const at = address.lastIndexOf('@');
    this.localPart = at < 0 ? address : address.slice(0, at);
    this.domain = at < 0 ? '' : address.slice(at + 1);
    this.parent = init.parent;
    this.recipientIndex = init.recipientIndex ?? init.parent?.recipientIndex ?? -1;
    this.dsn = init.dsn ?? init.parent?.dsn ?? { flags: 0 };
    this.prop = init.prop ?? cloneProperties(init.parent?.prop);
  }

  /** The top-level (original) recipient this address descends from. */
  get top(): AddressItem {
    let a: AddressItem = this;
    while (a.parent) a = a.parent;
    return a;
  }

  /** Key for duplicate detection: Exim's unique name (pipes/files include the parent). */
  get uniqueKey(): string {
    if (this.uniqueOverride !== undefined) return this.uniqueOverride;
    if (this.special && this.parent) return `${this.address}:${this.parent.address}`;
    return this.address.toLowerCase();
  }
}

export function cloneProperties(p?: AddressProperties): AddressProperties {
  if (!p) return { extraHeaders: [], removeHeaders: [], ignoreError: false };
  return {
    ...p,
    extraHeaders: [...p.extraHeaders],
    removeHeaders: [...p.removeHeaders],
    ...(p.variables ? { variables: new Map(p.variables) } : {}),
  };
}

/**
 * What one router decided (Exim's router return codes). `accept` means the driver filled in
 * addr.transport (and hosts for remote transports); `redirected` carries the new addresses
 * generated (redirect); `rerouted` means the address changed (e.g. widened domain) and routing
 * restarts from the first router.
 */
export type RouterOutcome =
  | { readonly kind: 'accept' }
  | { readonly kind: 'decline' }
  | { readonly kind: 'pass' }
  | { readonly kind: 'redirected'; readonly children: readonly AddressItem[] }
  /**
   * `child` (added backwards compatibly): the new address (parent = the routed address) to route
   * from the first router, as Exim's domain changes do (qualify_single/search_parents/widen_domains,
   * `self = reroute:`); -bt then shows it with `<-- parent`. Absent: the address was changed in place.
   */
  | { readonly kind: 'rerouted'; readonly child?: AddressItem }
  | { readonly kind: 'discard' }
  /** `freeze` (added backwards compatibly): Exim also freezes the message (self = freeze, host_find_failed = freeze). */
  | { readonly kind: 'defer'; readonly message: string; readonly freeze?: boolean }
  | { readonly kind: 'fail'; readonly message: string; readonly userMessage?: string }
  /** A configuration or expansion error: the message is frozen/deferred and the panic log told. */
  | { readonly kind: 'error'; readonly message: string };

/** Why routing runs: changes which routers apply (verify_*, expn) and what may happen (no deliveries). */
export type RoutingMode = 'deliver' | 'verify_recipient' | 'verify_sender' | 'expn' | 'test';

/** Services and per-run state a router needs; built by the caller (delivery, -bt, ACL verify). */
export interface RoutingContext {
  readonly config: LoadedConfig;
  readonly mode: RoutingMode;
  /**
   * Expansion context for an address: the message (or SMTP session) variables with the
   * address's variables ($local_part, $domain, $address_data, $local_part_prefix, $home, ...)
   * laid over them. See src/route/variables.ts.
   */
  expandFor(addr: AddressItem): ExpandContext;
  readonly dns: { readonly resolver: DnsResolver; readonly hosts: HostFinder };
  readonly log: Logger;
  /** Envelope sender of the message being routed ('' for bounces). */
  readonly sender: string;
  /** Message id, for log lines (absent when verifying during SMTP). */
  readonly messageId?: string;
  /** -bt/-bv debug-style remarks Exim prints (e.g. "routing x@y"); absent normally. */
  readonly trace?: (line: string) => void;
}

/** A router driver instance: created once per configuration, called for each address. */
export interface RouterDriver {
  route(addr: AddressItem, ctx: RoutingContext): Promise<RouterOutcome>;
}

export interface RouterDriverDef {
  /** The `driver =` name (accept, dnslookup, manualroute, ipliteral, redirect, queryprogram). */
  readonly name: string;
  /** Validate private options at configuration time (throw ConfigError with Exim's text) and build the driver. */
  create(options: DriverOptions, instance: DriverInstance): RouterDriver;
}

/**
 * Overall result of routing one address through all routers (Exim's route_address plus the loop in deliver).
 * `unseenCopy` (router `unseen`): the routed/failed address became a child of the original, and
 * this second child (same address, startRouter = the next router) must be routed too; the
 * caller passes it to routeAddress like any new address.
 */
export type RoutingResult =
  | { readonly kind: 'routed'; readonly addr: AddressItem; readonly unseenCopy?: AddressItem }
  | { readonly kind: 'redirected'; readonly children: readonly AddressItem[]; readonly unseenCopy?: AddressItem }
  | { readonly kind: 'discarded' }
  | { readonly kind: 'failed'; readonly message: string; readonly userMessage?: string; readonly unseenCopy?: AddressItem }
  /** `freeze` (optional): the router asked for the message to be frozen too (self = freeze, host_find_failed = freeze). */
  | { readonly kind: 'deferred'; readonly message: string; readonly freeze?: boolean }
  | { readonly kind: 'error'; readonly message: string };

export class RouteError extends MailwrightError {}
