/**
 * Command-line delivery: `-M id...` (deliver now, ignoring retry times, including frozen
 * messages as Exim does for -M) and queue runs (`-q`, `-qf`, `-qff`, `-qi`, with `-R`/`-S`
 * selections), logged with Exim's "Start queue run" / "End queue run" lines.
 */
import { loadConfig } from '../config/index.js';
import type { LoadedConfig } from '../config/types.js';
import { deliverMessage } from './deliver-message.js';
import { createDeliveryDeps } from './setup.js';
import type { DeliverOptions, DeliveryDeps, DeliverySummary } from './types.js';
import { callerLogin } from '../util/caller-login.js';

export interface DeliverIdsOptions {
  readonly configFile?: string;
  readonly macros: Readonly<Record<string, string>>;
  /** -M: ignore retry times (and deliver frozen messages). */
  readonly force?: boolean;
  /** Pre-built services (tests, the daemon). */
  readonly deps?: DeliveryDeps;
}

async function depsFor(opts: { configFile?: string; macros: Readonly<Record<string, string>>; deps?: DeliveryDeps }): Promise<DeliveryDeps> {
  if (opts.deps) return opts.deps;
  const config: LoadedConfig = loadConfig({ file: opts.configFile, macros: opts.macros });
  return createDeliveryDeps(config);
}

/** Runs one delivery attempt per message id; 1 when some message is missing or locked. */
async function eachMessage(ids: readonly string[], opts: DeliverIdsOptions, attempt: DeliverOptions): Promise<number> {
  const deps = await depsFor(opts);
  let status = 0;
  try {
    for (const id of ids) {
      const summary = await deliverMessage(id, deps, attempt);
      if (summary.kind === 'missing' || summary.kind === 'locked') {
        process.stderr.write(`Message ${id} ${summary.kind === 'missing' ? 'does not exist' : 'is locked'}\n`);
        status = 1;
      }
    }
  } finally {
    if (!opts.deps) await deps.close?.();
  }
  return status;
}

/** -M: deliver now, ignoring retry times and frozen state (unless force is false). */
export function deliverIds(ids: readonly string[], opts: DeliverIdsOptions): Promise<number> {
  const force = opts.force ?? true;
  return eachMessage(ids, opts, { force, includeFrozen: force });
}

/** -Mg: cancel delivery of each message, bouncing every undelivered address. */
export function giveUpIds(ids: readonly string[], opts: DeliverIdsOptions): Promise<number> {
  return eachMessage(ids, opts, { giveUp: callerLogin(), includeFrozen: true });
}

export interface QueueRunOptions {
  readonly configFile?: string;
  readonly macros: Readonly<Record<string, string>>;
  /** -qf: ignore retry times; -qff: also frozen messages. */
  readonly force?: boolean;
  readonly includeFrozen?: boolean;
  /** -qi: only messages never tried before. */
  readonly initialOnly?: boolean;
  /** -R: deliver only messages with a recipient containing this text (case-insensitive). */
  readonly recipientFilter?: string;
  /** -S: only messages whose sender contains this text. */
  readonly senderFilter?: string;
  /** The flags as given, for the "Start queue run" line (e.g. `-qff`). */
  readonly flagText?: string;
  readonly deps?: DeliveryDeps;
}

/** One queue run over the messages on the spool (oldest first, as queue_run_in_order would). */
export async function runQueue(opts: QueueRunOptions): Promise<DeliverySummary[]> {
  const deps = await depsFor(opts);
  const flags = opts.flagText ? ` ${opts.flagText}` : '';
  deps.log.write(['main'], `Start queue run: pid=${process.pid}${flags}`);
  const results: DeliverySummary[] = [];
  try {
    for (const id of await deps.spool.list()) {
      if (!(await selected(deps, id, opts))) continue;
      results.push(await deliverMessage(id, deps, { force: opts.force, includeFrozen: opts.includeFrozen, queueRun: true }));
    }
  } finally {
    deps.log.write(['main'], `End queue run: pid=${process.pid}${flags}`);
    if (!opts.deps) await deps.close?.();
  }
  return results;
}

async function selected(deps: DeliveryDeps, id: string, opts: QueueRunOptions): Promise<boolean> {
  if (!opts.initialOnly && !opts.recipientFilter && !opts.senderFilter) return true;
  const m = await deps.spool.read(id).catch(() => undefined);
  if (!m) return false;
  if (opts.initialOnly && !m.options.has('deliver_firsttime')) return false;
  if (opts.senderFilter && !m.sender.toLowerCase().includes(opts.senderFilter.toLowerCase())) return false;
  if (opts.recipientFilter) {
    const f = opts.recipientFilter.toLowerCase();
    if (!m.recipients.some((r) => r.address.toLowerCase().includes(f))) return false;
  }
  return true;
}
