/**
 * What the delivery process (deliverMessage) needs from the rest of Mailwright. Everything is
 * injected, so the same code serves immediate delivery after reception, queue runs, -M and the
 * tests (which may pass small fakes that follow the same contracts).
 */
import type { LoadedConfig } from '../config/types.js';
import type { HostFinder } from '../dns/host.js';
import type { DnsResolver } from '../dns/resolver.js';
import type { ExpandConfigView } from '../expand/types.js';
import type { Logger } from '../log/types.js';
import type { LookupRegistry } from '../lookups/types.js';
import type { HintsDb } from '../queue/types.js';
import type { AddressItem, RoutingContext, RoutingResult } from '../route/types.js';
import type { FileSpool } from '../spool/file-spool.js';
import type { SpoolHeader } from '../spool/types.js';
import type { TransportDriver } from '../transports/types.js';
import type { SpoolMessage } from '../spool/types.js';

/** The router chain, as built once per configuration by src/route/engine.ts. */
export interface Router {
  routeAddress(addr: AddressItem, ctx: RoutingContext): Promise<RoutingResult>;
  /** log_as_local of a router, by name (for `=>` lines). */
  logAsLocal(routerName: string): boolean;
}

/** Retry decisions (src/queue/retry.ts); absent: no retry database (everything is due). */
export interface RetryService {
  /** Whether a destination key (R:domain, R:address, T:host:ip:port) may be tried now. */
  isDue(key: string, now: number): boolean;
  /** A temporary failure: returns true when the retry rule's cutoff has passed (give up). */
  recordFailure(key: string, error: string | undefined, message: string, now: number, sender: string, hostName?: string, facts?: { readonly domain?: string; readonly messageReceived?: number }): Promise<boolean>;
  recordSuccess(key: string): Promise<void>;
}

/** A composed report, ready to spool. */
export interface ComposedMessage {
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly headers: readonly SpoolHeader[];
  readonly body: Buffer;
}

/** A failure report to send (src/deliver/bounce): returns the new message's content. */
export interface BounceComposer {
  /** Delay warning for deferred addresses (delay_warning); undefined when NOTIFY says none. */
  composeWarning?(original: SpoolMessage, body: Buffer, deferred: readonly AddressItem[], now: Date): Promise<ComposedMessage | undefined>;
  /** Success DSN for addresses delivered with NOTIFY=SUCCESS. */
  composeSuccess?(original: SpoolMessage, body: Buffer, delivered: readonly AddressItem[], now: Date): Promise<ComposedMessage | undefined>;
  /** undefined: nothing to send (every address asked for NOTIFY=NEVER). */
  compose(original: SpoolMessage, body: Buffer, failed: readonly AddressItem[], now: Date): Promise<{
    readonly sender: string;
    readonly recipients: readonly string[];
    readonly headers: readonly SpoolHeader[];
    readonly body: Buffer;
  } | undefined>;
}

export interface DeliveryDeps {
  readonly config: LoadedConfig;
  readonly view: ExpandConfigView;
  readonly lookups: LookupRegistry;
  readonly spool: FileSpool;
  readonly log: Logger;
  readonly dns: { readonly resolver: DnsResolver; readonly hosts: HostFinder };
  readonly hints: HintsDb;
  readonly router: Router;
  /** $local_part, $domain, $address_data... of an address (src/route/variables.ts). */
  addressVariables(addr: AddressItem): ReadonlyMap<string, import('../expand/types.js').TStr>;
  /** The transport instance of a configured transport name (built once, cached). */
  transport(name: string): TransportDriver | undefined;
  readonly retry?: RetryService;
  readonly bounce?: BounceComposer;
  /** Seconds since the epoch. */
  now(): number;
  /** Closes what the services hold open: kept SMTP connections, the hints database. */
  close?(): Promise<void>;
}

export interface DeliverOptions {
  /** -M / -qf: deliver even if retry times have not been reached. */
  readonly force?: boolean;
  /** -Mf-style thaw already done; deliver frozen messages too (-M on a frozen message). */
  readonly includeFrozen?: boolean;
  /** -Mg: give up (fail every undelivered address, bounce); the value is the operator's login. */
  readonly giveUp?: string;
  /** Part of a queue run ($queue_running). */
  readonly queueRun?: boolean;
}

export type DeliverySummary =
  | { readonly kind: 'completed' }
  | { readonly kind: 'deferred'; readonly pending: number }
  | { readonly kind: 'frozen' }
  | { readonly kind: 'locked' }
  | { readonly kind: 'missing' };
