/**
 * The transport phase: routed addresses are grouped into deliveries (a local transport gets
 * one address at a time; a remote transport gets the addresses that share its host list), the
 * local ones run one after another and the remote ones in parallel up to remote_max_parallel.
 */
import type { AddressItem } from '../route/types.js';
import { srsReturnPath } from '../srs/log.js';
import type { DeliveryResult, TransportContext, TransportDriver, TransportRun } from '../transports/types.js';

export interface DeliveryBatch {
  readonly transportName: string;
  readonly driver: TransportDriver;
  readonly addresses: AddressItem[];
}

export interface BatchOutcome {
  readonly batch: DeliveryBatch;
  readonly run: TransportRun;
}

/** Addresses share a remote delivery when they go to the same hosts with the same return path. */
function hostsKey(addr: AddressItem): string {
  return `${srsReturnPath(addr, '')}\0${addr.hosts.map((h) => `${h.name}/${h.address ?? ''}/${h.port ?? ''}`).join(',')}`;
}

/** Groups routed addresses; addresses whose transport is unknown are returned separately. */
export function makeBatches(
  routed: readonly AddressItem[],
  transport: (name: string) => TransportDriver | undefined,
): { batches: DeliveryBatch[]; unknown: AddressItem[] } {
  const batches: DeliveryBatch[] = [];
  const remote = new Map<string, DeliveryBatch>();
  const local = new Map<string, DeliveryBatch>();
  const unknown: AddressItem[] = [];
  for (const addr of routed) {
    const name = addr.transport ?? '';
    const driver = name === '' ? undefined : transport(name);
    if (!driver) {
      unknown.push(addr);
      continue;
    }
    if (driver.kind === 'local') {
      addLocal(batches, local, name, driver, addr);
      continue;
    }
    const key = `${name}\0${hostsKey(addr)}`;
    const existing = remote.get(key);
    if (existing) existing.addresses.push(addr);
    else {
      const b = { transportName: name, driver, addresses: [addr] };
      remote.set(key, b);
      batches.push(b);
    }
  }
  return { batches, unknown };
}

/**
 * Local transports take one address per run unless batch_max is larger; then addresses for the
 * same domain with the same return path share a run, up to batch_max (a simplification of
 * Exim's rules, which also compare uid/gid, extra headers and batch_id).
 */
function addLocal(batches: DeliveryBatch[], open: Map<string, DeliveryBatch>, name: string, driver: TransportDriver, addr: AddressItem): void {
  const max = driver.batchMax ?? 1;
  const key = `${name}\0${addr.domain}\0${srsReturnPath(addr, '')}`;
  const current = max > 1 && !addr.special ? open.get(key) : undefined;
  if (current && current.addresses.length < max) {
    current.addresses.push(addr);
    return;
  }
  const b = { transportName: name, driver, addresses: [addr] };
  batches.push(b);
  if (max > 1 && !addr.special) open.set(key, b);
}

/** A transport that threw: every address of the batch is deferred with the error text. */
function crashedRun(batch: DeliveryBatch, err: unknown): TransportRun {
  const message = `${batch.transportName} transport failed: ${err instanceof Error ? err.message : String(err)}`;
  const results = new Map<AddressItem, DeliveryResult>();
  for (const a of batch.addresses) results.set(a, { status: 'defer', message });
  return { results, retries: [] };
}

async function runOne(batch: DeliveryBatch, ctx: TransportContext): Promise<BatchOutcome> {
  try {
    // Remote connections stay open for the next message to the same host, as Exim's queue
    // runner passes them on; the server closes them when idle.
    return { batch, run: await batch.driver.deliver(batch.addresses, ctx, { keepOpen: batch.driver.kind === 'remote' }) };
  } catch (e) {
    return { batch, run: crashedRun(batch, e) };
  }
}

/**
 * Runs the batches: local ones in order, remote ones concurrently (at most `parallel` at a
 * time). `onDone` sees each outcome as soon as it is known, so its log lines and journal entry
 * are written before later deliveries start.
 */
export async function runBatches(
  batches: readonly DeliveryBatch[],
  ctx: TransportContext,
  parallel: number,
  onDone: (o: BatchOutcome) => Promise<void>,
): Promise<void> {
  for (const b of batches.filter((x) => x.driver.kind === 'local')) await onDone(await runOne(b, ctx));
  const remote = batches.filter((x) => x.driver.kind === 'remote');
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < remote.length) {
      const b = remote[next++]!;
      await onDone(await runOne(b, ctx));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, remote.length)) }, worker));
}
