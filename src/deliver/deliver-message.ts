/**
 * One delivery attempt of one message (Exim's deliver_message): lock it, route every pending
 * recipient, run the transports, log each outcome, journal each success at once (-J) so a crash
 * cannot cause a second delivery, send a bounce for permanent failures, then either remove the
 * message ("Completed") or rewrite its -H file with what is left to do.
 */
import { createExpandContext, expandString, stringIsTrue } from '../expand/index.js';
import type { ExpandContext, HeaderSource, TStr } from '../expand/types.js';
import { AddressItem, type RoutingContext } from '../route/types.js';
import { SpoolError } from '../spool/errors.js';
import { headerSource } from '../smtp/server/message.js';
import { treeAddresses, treeHas, treeInsert } from '../spool/tree.js';
import { DSN_SUCCESS, dsnFlagsOf } from '../spool/recipient-line.js';
import type { SpoolMessage } from '../spool/types.js';
import type { DeliveryResult, TransportContext } from '../transports/types.js';
import { errnoForError } from './errno.js';
import { EventRaiser, raiseBatchDeferEvents } from './events.js';
import { deferredLine, deliveredLine, failedLine, msglogDelivered } from './log-lines.js';
import { messageVariables } from './message-vars.js';
import { routeAll } from './route-phase.js';
import { makeBatches, runBatches, type BatchOutcome } from './transport-phase.js';
import type { DeliverOptions, DeliveryDeps, DeliverySummary } from './types.js';
import { sendBounce, sendReport, submitGenerated } from './send-bounce.js';
import { recordResult, resultOf } from './results.js';
import { delayWarningDue } from './bounce/index.js';
import { logTimestamp } from '../log/timestamp.js';

export async function deliverMessage(id: string, deps: DeliveryDeps, opts: DeliverOptions = {}): Promise<DeliverySummary> {
  let lock;
  try {
    lock = await deps.spool.lock(id);
  } catch (e) {
    if (e instanceof SpoolError && e.code === 'LOCKED') return { kind: 'locked' };
    if (e instanceof SpoolError && e.code === 'ENOENT') return { kind: 'missing' };
    throw e;
  }
  try {
    const message = await deps.spool.read(id);
    if (message.frozen && !opts.includeFrozen) return { kind: 'frozen' };
    return await new DeliveryAttempt(message, deps, opts).run();
  } finally {
    await lock.release();
  }
}

class DeliveryAttempt {
  private readonly baseVars: Map<string, TStr>;
  /** $h_ access for every expansion of this attempt (the headers do not change during it). */
  private readonly headers: HeaderSource;
  /** Unique keys delivered or finished (bounced) in this or earlier attempts. */
  private done: Set<string>;
  private readonly newlyDone: string[] = [];
  private readonly failed: AddressItem[] = [];
  private readonly deferred: AddressItem[] = [];
  /** Delivered addresses whose sender asked for NOTIFY=SUCCESS. */
  private readonly notifySuccess: AddressItem[] = [];
  private warningsSent = 0;
  /** Remote addresses deferred on their hosts that have fallback_hosts still to try. */
  private fallback: AddressItem[] = [];
  private readonly fallbackTried = new Set<AddressItem>();
  private deferredCount = 0;
  private frozen = false;
  private readonly events: EventRaiser;
  /** Routing failures waiting for their msg:fail:internal event (the routing hooks are synchronous). */
  private readonly internalFailures: [AddressItem, string][] = [];

  constructor(
    private message: SpoolMessage,
    private readonly deps: DeliveryDeps,
    private readonly opts: DeliverOptions,
  ) {
    this.baseVars = messageVariables(message, deps.now());
    this.headers = headerSource(message.headers);
    if (opts.queueRun) this.baseVars.set('queue_running', { s: '1', tainted: false });
    this.done = new Set(treeAddresses(message.nonRecipients).map((a) => a.toLowerCase()));
    this.events = new EventRaiser({ config: deps.config, log: deps.log, messageId: message.id, expandFor: (a, e) => this.expandFor(a, e) });
  }

  private get id(): string {
    return this.message.id;
  }

  private log(text: string): void {
    this.deps.log.write(['main'], text, this.id);
  }

  private async msglog(text: string): Promise<void> {
    // The msglog's lines carry the log time stamp without the pid.
    await this.deps.spool.appendMessageLog(this.id, `${logTimestamp(new Date(this.deps.now() * 1000))} ${text}\n`);
  }

  expandFor(addr: AddressItem, extra?: ReadonlyMap<string, string>): ExpandContext {
    const vars = new Map(this.baseVars);
    for (const [k, v] of this.deps.addressVariables(addr)) vars.set(k, v);
    if (extra) for (const [k, v] of extra) vars.set(k, { s: v, tainted: false });
    return createExpandContext({ config: this.deps.view, lookups: this.deps.lookups, vars, headers: this.headers });
  }

  async run(): Promise<DeliverySummary> {
    for (const a of await this.deps.spool.readJournal(this.id)) this.markDone(a);
    const pending = this.pendingRecipients();
    if (this.opts.giveUp) return this.cancel(pending);
    const routing = await routeAll(pending, (addr) => this.deps.router.routeAddress(addr, this.routingContext()), {
      alreadyDelivered: (key) => this.done.has(key),
      routingDue: (addr) => this.routingDue(addr),
      onFailed: (addr, text, withTransport) => {
        if (withTransport && !addr.transport) addr.transport = this.specialTransport(addr);
        this.log(failedLine(addr, text, this.deps.log.selectors, undefined, withTransport ?? false));
        this.failed.push(addr);
        this.internalFailures.push([addr, text]);
      },
      onDeferred: async (addr, text, errno) => {
        if (await this.routingTimedOut(addr, text)) {
          addr.message = `${text}: retry timeout exceeded`;
          this.log(failedLine(addr, addr.message, this.deps.log.selectors, undefined, false));
          this.failed.push(addr);
          this.internalFailures.push([addr, addr.message]);
          return true;
        }
        this.log(deferredLine(addr, text, errno, this.deps.log.selectors, undefined, false));
        this.deferredCount++;
        this.deferred.push(addr);
        return false;
      },
      onDiscarded: (addr) => this.log(`=> :blackhole: <${addr.address}> R=${addr.router ?? ''}`),
    });
    for (const addr of routing.done) this.noteDone(addr);
    for (const [addr, text] of this.internalFailures) await this.events.raiseMain('msg:fail:internal', text, addr);
    const { batches, unknown } = makeBatches(routing.routed, (n) => this.deps.transport(n));
    for (const addr of unknown) this.deferUnknownTransport(addr);
    const parallel = Number(this.deps.config.mainOption('remote_max_parallel') ?? 4) || 1;
    await runBatches(batches, this.transportContext(), parallel, (o) => this.applyBatch(o));
    await this.runFallbacks(parallel);
    await this.finishFailures();
    await this.sendSuccessDsn();
    await this.sendDelayWarning();
    return this.conclude();
  }

  /**
   * Routing deferrals keep a retry record for the domain (R:domain); until it is due, queue
   * runs leave the address alone (-qf/-M force an attempt). The address counts as deferred.
   */
  private routingDue(addr: AddressItem): boolean {
    const retry = this.deps.retry;
    if (this.opts.force || !retry) return true;
    const now = this.deps.now();
    if (retry.isDue(`R:${addr.domain}`, now) && retry.isDue(`R:${addr.address}`, now)) return true;
    this.deferredCount++;
    return false;
  }

  /** The mail domain (host rules fall back to it) and the arrival time (too-old messages time out). */
  private retryFacts(domain: string | undefined): { domain?: string; messageReceived: number } {
    return { ...(domain ? { domain } : {}), messageReceived: this.message.received.seconds };
  }

  private async routingTimedOut(addr: AddressItem, text: string): Promise<boolean> {
    const retry = this.deps.retry;
    if (!retry) return false;
    return retry.recordFailure(`R:${addr.domain}`, undefined, text, this.deps.now(), this.message.sender, undefined, this.retryFacts(addr.domain));
  }

  /** The redirect router's pipe_transport/file_transport/... for a forbidden special address. */
  private specialTransport(addr: AddressItem): string | undefined {
    const inst = this.deps.config.routers.find((r) => r.name === addr.router);
    if (!inst || !addr.special) return undefined;
    const raw = inst.options.get(`${addr.special}_transport`)?.value;
    return typeof raw === 'string' ? raw : undefined;
  }

  private pendingRecipients(): AddressItem[] {
    const out: AddressItem[] = [];
    this.message.recipients.forEach((r, i) => {
      if (r.delivered || treeHas(this.message.nonRecipients, r.address) || this.done.has(r.address.toLowerCase())) return;
      out.push(new AddressItem(r.address, { recipientIndex: i, dsn: { flags: dsnFlagsOf(r), orcpt: r.dsnOrcpt } }));
    });
    return out;
  }

  private routingContext(): RoutingContext {
    return {
      config: this.deps.config,
      mode: 'deliver',
      expandFor: (addr) => this.expandFor(addr),
      dns: this.deps.dns,
      log: this.deps.log,
      sender: this.message.sender,
      messageId: this.id,
    };
  }

  private transportContext(): TransportContext {
    return {
      config: this.deps.config,
      message: { spool: this.message, id: this.id, readBody: () => this.deps.spool.readBody(this.id) },
      expandFor: (addr, extra) => this.expandFor(addr, extra),
      dns: this.deps.dns,
      log: this.deps.log,
      hints: this.deps.hints,
      hostUsable: async (host, port) => this.opts.force || !this.deps.retry || !host.address || this.deps.retry.isDue(`T:${host.name}:${host.address}:${port}`, this.deps.now()),
      now: () => this.deps.now(),
      submitMessage: (sender, recipients, text) => submitGenerated(this.deps, sender, recipients, text, this.id),
      raiseEvent: (name, data, addr) => (addr ? this.events.raiseTransport(name, data, addr) : this.events.raiseMain(name, data, new AddressItem(''))),
    };
  }

  private markDone(address: string): void {
    this.done.add(address.toLowerCase());
  }

  /** An address is finished: remember it for the -H tree (delivered or bounced). */
  private noteDone(addr: AddressItem): void {
    const key = addr.uniqueKey;
    if (!this.done.has(key)) this.newlyDone.push(addr.address);
    this.markDone(key);
  }

  private deferUnknownTransport(addr: AddressItem): void {
    const text = addr.transport ? `transport "${addr.transport}" not found` : `No transport set by router`;
    this.log(deferredLine(addr, text, -1, this.deps.log.selectors));
    this.deferredCount++;
  }

  private async applyBatch(o: BatchOutcome): Promise<void> {
    const delivered: string[] = [];
    for (const line of o.run.hostLog ?? []) this.log(line);
    const hostsTimedOut = await this.applyRetries(o);
    if (o.batch.driver.kind === 'remote') await raiseBatchDeferEvents(this.events, o);
    // `=>` for the first address of each message copy (SMTP transaction), `->` for the others.
    const copiesLogged = new Set<number>();
    for (const addr of o.batch.addresses) {
      let r: DeliveryResult = o.run.results.get(addr) ?? { status: 'defer', message: 'no result from transport' };
      // As Exim: retry data is updated before the outcome is logged, so a deferral past the
      // retry rule's cutoff is logged (and bounced) as a failure.
      if (r.status === 'defer' && (await this.retryTimedOut(addr, r, o.batch.driver.kind, hostsTimedOut))) {
        r = { ...r, status: 'fail', message: `${r.message ?? 'delivery deferred'}: retry timeout exceeded` };
      }
      recordResult(addr, r);
      // file_format handed the mailbox to another transport: exim4 logs that one.
      if (r.transport) addr.transport = r.transport;
      if (r.status === 'ok') {
        const copy = r.transaction ?? 1;
        this.log(deliveredLine(addr, r, { selectors: this.deps.log.selectors, logAsLocal: this.logAsLocal(addr), sender: this.message.sender }, copiesLogged.has(copy)));
        copiesLogged.add(copy);
        delivered.push(addr.uniqueKey);
        this.noteDone(addr);
        if (addr.dsn.flags & DSN_SUCCESS) this.notifySuccess.push(addr);
        await this.raiseDelivered(addr, r, o.batch.driver.kind);
        if (o.batch.driver.kind === 'local') {
          await this.deps.retry?.recordSuccess(`R:${addr.address}`);
          await this.msglog(msglogDelivered(addr));
        }
      } else if (r.status === 'fail') {
        addr.message = r.message;
        addr.userMessage = r.userMessage;
        this.log(failedLine(addr, r.message ?? 'delivery failed', this.deps.log.selectors, r.host));
        this.failed.push(addr);
        // exim4 gives the SMTP error for remote failures; local ones have no $event_data.
        await this.events.raiseTransport('msg:fail:delivery', o.batch.driver.kind === 'remote' ? (r.message ?? '') : '', addr, { host: r.host });
      } else if (o.batch.driver.kind === 'remote' && addr.fallbackHosts.length > 0 && !this.fallbackTried.has(addr)) {
        // Tried again on the fallback hosts before this attempt ends; logged then.
        this.fallback.push(addr);
      } else {
        addr.message = r.message;
        const errno = r.errno ?? (r.error ? errnoForError(r.error) : 0);
        this.log(deferredLine(addr, r.message ?? 'delivery deferred', errno, this.deps.log.selectors, r.host));
        if (r.freeze) this.frozen = true;
        this.deferredCount++;
        this.deferred.push(addr);
      }
    }
    for (const addr of o.batch.addresses) {
      const note = resultOf(addr)?.note;
      if (note) this.log(note);
    }
    await this.deps.spool.appendJournal(this.id, delivered);
  }

  /**
   * Local deliveries keep retry data per address (R:local_part@domain, as retry_use_local_part
   * does by default for local transports); remote ones per host, recorded from the transport's
   * retry items: when every host that failed is past its cutoff, the address times out.
   */
  private async retryTimedOut(addr: AddressItem, r: DeliveryResult, kind: 'local' | 'remote', hostsTimedOut: boolean): Promise<boolean> {
    const retry = this.deps.retry;
    if (!retry || r.freeze) return false;
    if (kind === 'remote') return hostsTimedOut;
    return retry.recordFailure(`R:${addr.address}`, r.error, r.message ?? '', this.deps.now(), this.message.sender, undefined, this.retryFacts(addr.domain));
  }

  /** msg:delivery ($event_data: the server's final reply for remote deliveries) and TPDA's delivery action. */
  private async raiseDelivered(addr: AddressItem, r: DeliveryResult, kind: 'local' | 'remote'): Promise<void> {
    const confirmation = kind === 'remote' ? (r.confirmation ?? '') : '';
    await this.events.raiseTransport('msg:delivery', confirmation, addr, { host: r.host });
    await this.events.tpdaDelivery(addr, confirmation, r.host);
  }

  private logAsLocal(addr: AddressItem): boolean {
    return addr.router ? this.deps.router.logAsLocal(addr.router) : false;
  }

  /** fallback_hosts: deferred remote addresses get one more try on those hosts. */
  private async runFallbacks(parallel: number): Promise<void> {
    const pending = this.fallback;
    this.fallback = [];
    if (pending.length === 0) return;
    for (const addr of pending) {
      addr.hosts = addr.fallbackHosts;
      addr.fallbackHosts = [];
      this.fallbackTried.add(addr);
    }
    const { batches, unknown } = makeBatches(pending, (n) => this.deps.transport(n));
    for (const addr of unknown) this.deferUnknownTransport(addr);
    await runBatches(batches, this.transportContext(), parallel, (o) => this.applyBatch(o));
  }

  /** Applies the transport's host retry items; true when every failing host has timed out. */
  private async applyRetries(o: BatchOutcome): Promise<boolean> {
    const retry = this.deps.retry;
    if (!retry) return false;
    let failures = 0;
    let timedOut = 0;
    const facts = this.retryFacts(o.batch.addresses[0]?.domain);
    for (const item of o.run.retries) {
      if (item.action === 'delete') {
        await retry.recordSuccess(item.key);
        continue;
      }
      failures++;
      if (await retry.recordFailure(item.key, item.error, item.message ?? '', this.deps.now(), this.message.sender, item.hostName, facts)) timedOut++;
    }
    return failures > 0 && timedOut === failures;
  }

  /** Permanent failures: a bounce to the sender, or freezing when the message is itself a bounce. */
  private async finishFailures(): Promise<void> {
    if (this.failed.length === 0) return;
    if (this.message.sender === '') {
      this.frozen = true;
      this.log('Frozen (delivery error message)');
      await this.msglog('*** Frozen (delivery error message)');
      return;
    }
    await sendBounce(this.message, this.failed, this.deps);
    for (const addr of this.failed) this.noteDone(addr);
  }

  /** -Mg: every undelivered address fails without an attempt; the bounce follows "Completed". */
  private async cancel(pending: AddressItem[]): Promise<DeliverySummary> {
    this.log(`cancelled by ${this.opts.giveUp}`);
    const bounceId = this.message.sender === '' ? undefined : await sendBounce(this.message, pending, this.deps, true);
    for (const addr of pending) this.noteDone(addr);
    const summary = await this.conclude();
    if (bounceId) await deliverMessage(bounceId, this.deps);
    return summary;
  }

  private async sendSuccessDsn(): Promise<void> {
    const composer = this.deps.bounce?.composeSuccess;
    if (!composer || this.notifySuccess.length === 0 || this.message.sender === '') return;
    const report = await composer.call(this.deps.bounce, this.message, await this.deps.spool.readBody(this.id), this.notifySuccess, new Date(this.deps.now() * 1000));
    if (report) await sendReport(report, this.id, this.deps);
  }

  /** delay_warning: a warning when the message has waited past the next threshold. */
  private async sendDelayWarning(): Promise<void> {
    const composer = this.deps.bounce?.composeWarning;
    if (!composer || this.deferred.length === 0 || this.frozen || this.message.sender === '') return;
    const times = this.deps.config.mainOption('delay_warning');
    const list = Array.isArray(times) ? (times as readonly number[]) : typeof times === 'number' ? [times] : [];
    if (!delayWarningDue(list, this.message.warningCount, this.deps.now() - this.message.received.seconds, this.message.sender)) return;
    const condition = String(this.deps.config.mainOption('delay_warning_condition') ?? '');
    if (condition !== '' && !(await this.conditionTrue(condition))) return;
    const report = await composer.call(this.deps.bounce, this.message, await this.deps.spool.readBody(this.id), this.deferred, new Date(this.deps.now() * 1000));
    if (!report) return;
    await sendReport(report, this.id, this.deps);
    this.warningsSent++;
  }

  private async conditionTrue(text: string): Promise<boolean> {
    try {
      return stringIsTrue(await expandString(text, this.expandFor(new AddressItem(this.message.sender))));
    } catch (e) {
      this.deps.log.write(['main', 'panic'], `failed to expand delay_warning_condition: ${(e as Error).message}`, this.id);
      return false;
    }
  }

  private async conclude(): Promise<DeliverySummary> {
    const allDone = this.deferredCount === 0 && !this.frozen;
    if (allDone) {
      this.log('Completed');
      await this.events.raiseMain('msg:complete', '', new AddressItem(''));
      await this.deps.spool.remove(this.id);
      return { kind: 'completed' };
    }
    const options = new Map(this.message.options);
    options.delete('deliver_firsttime');
    this.message = {
      ...this.message,
      warningCount: this.message.warningCount + this.warningsSent,
      options,
      frozen: this.frozen || this.message.frozen,
      nonRecipients: treeInsert(this.message.nonRecipients, ...this.newlyDone),
      recipients: this.message.recipients.map((r) => ({ ...r, delivered: undefined })),
    };
    await this.deps.spool.rewriteHeader(this.message);
    await this.deps.spool.removeJournal(this.id);
    return this.frozen ? { kind: 'frozen' } : { kind: 'deferred', pending: this.deferredCount };
  }
}
