/**
 * Ordering SRV records for delivery (RFC 2782): by priority, and within one priority a
 * weighted random order (records of weight 0 have a small chance to come first).
 */
import { randomInt } from 'node:crypto';
import type { RecordOf } from '../dns/types.js';

export interface SrvTarget {
  readonly name: string;
  readonly port: number;
  readonly priority: number;
}

/** Random integer in [0, n]; injectable for tests. */
export type RandomUpTo = (n: number) => number;

const randomUpTo: RandomUpTo = (n) => randomInt(n + 1);

/** Weighted random order of one priority's records. */
function weightedOrder(records: Array<RecordOf<'SRV'>>, random: RandomUpTo): Array<RecordOf<'SRV'>> {
  // Zero weights first, as RFC 2782 suggests, so they are picked only when the draw is 0.
  const pool = [...records.filter((r) => r.weight === 0), ...records.filter((r) => r.weight !== 0)];
  const out: Array<RecordOf<'SRV'>> = [];
  while (pool.length > 0) {
    const total = pool.reduce((n, r) => n + r.weight, 0);
    const draw = random(total);
    let running = 0;
    let index = pool.length - 1;
    for (let i = 0; i < pool.length; i++) {
      running += pool[i]!.weight;
      if (running >= draw) {
        index = i;
        break;
      }
    }
    out.push(pool.splice(index, 1)[0]!);
  }
  return out;
}

export function orderSrv(records: ReadonlyArray<RecordOf<'SRV'>>, random: RandomUpTo = randomUpTo): SrvTarget[] {
  const byPriority = new Map<number, Array<RecordOf<'SRV'>>>();
  for (const r of records) byPriority.set(r.priority, [...(byPriority.get(r.priority) ?? []), r]);
  return [...byPriority.keys()]
    .sort((a, b) => a - b)
    .flatMap((p) => weightedOrder(byPriority.get(p)!, random))
    .map((r) => ({ name: r.target, port: r.port, priority: r.priority }));
}

/** RFC 2782's "no service here": a single record whose target is the root. */
export function isNullSrv(records: ReadonlyArray<RecordOf<'SRV'>>): boolean {
  return records.length === 1 && (records[0]!.target === '' || records[0]!.target === '.');
}
