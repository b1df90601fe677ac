/**
 * Event actions at the delivery level (spec chapter "Events"), and the legacy TPDA hooks of the
 * 4.83 experimental docs. What exim4 4.96 showed (scripts/oracle/gen-events.mjs,
 * test/fixtures/deliver/events.json):
 * - delivery events (msg:delivery, msg:fail:delivery, msg:*defer) expand the TRANSPORT's
 *   event_action only; with it unset nothing happens, the main option is not a fallback;
 * - msg:complete and msg:fail:internal (routing failures) expand the main event_action;
 * - local transports raise no deferral events; msg:delivery has empty $event_data for them;
 * - an expansion failure is written to the main and panic logs as
 *   `failed to expand event_action <event> in <transport|main>: <error>` plus a newline
 *   (exim4 leaves an empty line after it); a forced failure is silent;
 * - the result is ignored by every event raised here (only the smtp-client events use it).
 */
import { expandString } from '../expand/index.js';
import { ExpandError, type ExpandContext } from '../expand/types.js';
import { DriverOptions } from '../config/driver-options.js';
import type { LoadedConfig } from '../config/types.js';
import type { Logger } from '../log/types.js';
import type { AddressItem, HostItem } from '../route/types.js';
import type { DeliveryResult } from '../transports/types.js';
import type { BatchOutcome } from './transport-phase.js';
import { errnoForError } from './errno.js';
import { EXIM_ERRNO } from '../transports/smtp/outcome.js';

export interface EventDeps {
  readonly config: LoadedConfig;
  readonly log: Logger;
  readonly messageId: string;
  expandFor(addr: AddressItem, extra?: ReadonlyMap<string, string>): ExpandContext;
}

/** Extra facts of one event: the host involved and $event_defer_errno. */
export interface EventFacts {
  readonly host?: HostItem;
  readonly deferErrno?: number;
}

export class EventRaiser {
  constructor(private readonly deps: EventDeps) {}

  /** A main-section event (msg:complete, msg:fail:internal). */
  async raiseMain(name: string, data: string, addr: AddressItem): Promise<string> {
    const action = optionText(this.deps.config.mainOption('event_action'));
    if (action === undefined) return '';
    return this.expandAction(action, `event_action ${name} in main`, addr, eventVars(name, data, {}));
  }

  /** A transport event: the event_action of the address's transport, when set. */
  async raiseTransport(name: string, data: string, addr: AddressItem, facts: EventFacts = {}): Promise<string> {
    const action = this.transportOption(addr.transport, 'event_action');
    if (action === undefined) return '';
    return this.expandAction(action, `event_action ${name} in ${addr.transport ?? ''}`, addr, eventVars(name, data, facts));
  }

  /** TPDA: tpda_delivery_action after a successful delivery. */
  async tpdaDelivery(addr: AddressItem, confirmation: string, host: HostItem | undefined): Promise<void> {
    const action = this.transportOption(addr.transport, 'tpda_delivery_action');
    if (action === undefined) return;
    const vars = tpdaVars(addr, host, confirmation);
    await this.expandAction(action, `tpda_delivery_action in ${addr.transport ?? ''}`, addr, vars);
  }

  /** TPDA: tpda_host_defer_action after a host deferral. */
  async tpdaHostDefer(addr: AddressItem, host: HostItem | undefined, errno: number, errstr: string): Promise<void> {
    const action = this.transportOption(addr.transport, 'tpda_host_defer_action');
    if (action === undefined) return;
    const vars = tpdaVars(addr, host, '');
    vars.set('tpda_defer_errno', String(errno));
    vars.set('tpda_defer_errstr', errstr);
    await this.expandAction(action, `tpda_host_defer_action in ${addr.transport ?? ''}`, addr, vars);
  }

  private transportOption(transport: string | undefined, option: string): string | undefined {
    const inst = transport ? this.deps.config.transports.find((t) => t.name === transport) : undefined;
    return inst ? optionText(new DriverOptions(inst).get(option)) : undefined;
  }

  private async expandAction(action: string, what: string, addr: AddressItem, vars: ReadonlyMap<string, string>): Promise<string> {
    try {
      return await expandString(action, this.deps.expandFor(addr, vars));
    } catch (e) {
      if (!(e instanceof ExpandError)) throw e;
      if (e.forced) return '';
      this.deps.log.write(['main', 'panic'], `failed to expand ${what}: ${e.message}\n`, this.deps.messageId);
      return '';
    }
  }
}

function optionText(v: unknown): string | undefined {
  if (v === undefined || v === null || v === false) return undefined;
  return Array.isArray(v) ? v.join(':') : String(v);
}

function eventVars(name: string, data: string, facts: EventFacts): Map<string, string> {
  const vars = new Map<string, string>([
    ['event_name', name],
    ['event_data', data],
    ['event_defer_errno', String(facts.deferErrno ?? 0)],
  ]);
  if (facts.host) for (const [k, v] of hostVars(facts.host)) vars.set(k, v);
  return vars;
}

/** $host, $host_address, $host_port of the host involved (remote events). */
export function hostVars(host: HostItem): Map<string, string> {
  return new Map([
    ['host', host.name],
    ['host_address', host.address ?? ''],
    ['host_port', String(host.port ?? 25)],
  ]);
}

function tpdaVars(addr: AddressItem, host: HostItem | undefined, confirmation: string): Map<string, string> {
  const vars = host ? hostVars(host) : new Map<string, string>();
  vars.set('tpda_delivery_ip', host?.address ?? '');
  vars.set('tpda_delivery_port', host ? String(host.port ?? 25) : '0');
  vars.set('tpda_delivery_fqdn', host?.name ?? '');
  vars.set('tpda_delivery_local_part', addr.localPart);
  vars.set('tpda_delivery_domain', addr.domain);
  vars.set('tpda_delivery_confirmation', confirmation);
  return vars;
}

/**
 * $event_defer_errno of a RCPT 4xx deferral: exim4 gives the address's "more errno", the last
 * two digits of the reply code shifted left 8 bits, with 'A' (host from an A record) or 'M'
 * (from an MX) in the low byte: 452 from a host routed by name is 13377 (0x3441).
 */
export function rcptDeferErrno(message: string | undefined, host: HostItem | undefined): number {
  const code = /: ([45]\d\d)[ -]/.exec(message ?? '')?.[1];
  const tail = code ? Number(code.slice(1)) : 0;
  const kind = host && host.mx >= 0 ? 'M' : 'A';
  return (tail << 8) | kind.charCodeAt(0);
}


/**
 * Deferral events of one remote transport run, raised before the outcomes are logged (exim4
 * raises them inside the transport): msg:host:defer (and TPDA's tpda_host_defer_action) per
 * host that failed, msg:rcpt:host:defer then msg:rcpt:defer per recipient refused with 4xx,
 * and msg:defer once for the message when it was deferred as a whole (connection or
 * transaction errors; a RCPT 4xx alone raises no msg:defer).
 */
export async function raiseBatchDeferEvents(events: EventRaiser, o: BatchOutcome): Promise<void> {
  const deferred: [AddressItem, DeliveryResult][] = [];
  for (const addr of o.batch.addresses) {
    const r = o.run.results.get(addr);
    if (r?.status === 'defer') deferred.push([addr, r]);
  }
  // A host can fail and the next one deliver: its event fires all the same.
  for (const item of o.run.retries) {
    if (item.action !== 'defer' || !item.key.startsWith('T:')) continue;
    const match = deferred.find(([, res]) => res.host?.name === item.hostName);
    const addr = match?.[0] ?? o.batch.addresses[0];
    if (!addr) continue;
    const host = match?.[1].host ?? addr.hosts.find((h) => h.name === item.hostName);
    const errno = match?.[1].errno ?? (item.error ? errnoForError(item.error) : 0);
    const text = item.message ?? match?.[1].message ?? '';
    await events.raiseTransport('msg:host:defer', text, addr, { host, deferErrno: errno });
    await events.tpdaHostDefer(addr, host, errno, text);
  }
  for (const [addr, r] of deferred) {
    if (r.errno !== EXIM_ERRNO.RCPT4XX) continue;
    const facts = { host: r.host, deferErrno: rcptDeferErrno(r.message, r.host) };
    await events.raiseTransport('msg:rcpt:host:defer', r.message ?? '', addr, facts);
    await events.raiseTransport('msg:rcpt:defer', r.message ?? '', addr, facts);
  }
  const whole = deferred.find(([, r]) => r.errno !== EXIM_ERRNO.RCPT4XX);
  if (whole) {
    const [addr, r] = whole;
    await events.raiseTransport('msg:defer', r.message ?? '', addr, { host: r.host, deferErrno: r.errno ?? 0 });
  }
}
