/**
 * ratelimit = m / p / options / key: the client's smoothed rate (exponentially decaying
 * average with time constant p) of mail, recipients, bytes, commands or connections, compared
 * with m. True when the rate is at least m. Sets $sender_rate (one decimal), $sender_rate_limit
 * and $sender_rate_period. Update modes: leaky (default: not updated while over the limit),
 * strict, readonly (`noupdate` is read as readonly). The same key is computed once per ACL run
 * (Exim caches it for the command/message/connection; the longer scopes are the SMTP layer's).
 */
import { createHash } from 'node:crypto';
import { untainted } from '../../expand/types.js';
import { AclError } from '../errors.js';
import { JsonFileRatelimitStore, MemoryRatelimitStore, type RatelimitRecord, type RatelimitStore } from '../ratelimit-store.js';
import { registerAclCondition } from '../registry.js';
import type { AclRunContext } from '../types.js';
import { parseTimeValue } from './delay-queue.js';

type Mode = 'per_conn' | 'per_mail' | 'per_byte' | 'per_cmd' | 'per_rcpt' | 'per_addr';
const MODES: readonly Mode[] = ['per_conn', 'per_mail', 'per_byte', 'per_cmd', 'per_rcpt', 'per_addr'];

interface RatelimitArgs {
  limit: number;
  periodText: string;
  period: number;
  mode: Mode;
  update: 'leaky' | 'strict' | 'readonly';
  count?: number;
  unique?: string;
  key: string;
}

const argError = (detail: string): AclError => new AclError(`error in arguments to "ratelimit" condition: ${detail}`);

function parseLimit(text: string): number {
  const m = /^([0-9]*\.?[0-9]+)([KMG]?)$/i.exec(text);
  if (!m) throw argError(`"${text}" is not a positive number`);
  const mult = { '': 1, K: 1024, M: 1024 * 1024, G: 1024 * 1024 * 1024 }[m[2]!.toUpperCase()] ?? 1;
  return Number(m[1]) * mult;
}

export function parseRatelimit(value: string, defaultKey: string): RatelimitArgs {
  const parts = value.split('/').map((p) => p.trim());
  const limit = parseLimit(parts[0] ?? '');
  const periodText = parts[1] ?? '';
  const period = parseTimeValue(periodText);
  if (period === undefined || period <= 0) throw argError(`"${periodText}" is not a time value`);
  let mode: Mode | undefined;
  let update: RatelimitArgs['update'] | undefined;
  let count: number | undefined;
  let unique: string | undefined;
  let key: string | undefined;
  for (const opt of parts.slice(2)) {
    const setUpdate = (u: RatelimitArgs['update']): void => {
      if (update !== undefined && update !== u) throw argError('conflicting update modes');
      update = u;
    };
    if ((MODES as readonly string[]).includes(opt)) {
      if (mode !== undefined && mode !== opt) throw argError('conflicting per_* options');
      mode = opt as Mode;
    } else if (opt === 'leaky' || opt === 'strict') setUpdate(opt);
    else if (opt === 'readonly' || opt === 'noupdate') setUpdate('readonly');
    else if (opt.startsWith('count=')) {
      count = Number(opt.slice(6));
      if (!Number.isFinite(count) || count < 0) throw argError(`"${opt.slice(6)}" is not a positive number`);
    } else if (opt.startsWith('unique=')) unique = opt.slice(7);
    else key = opt;
  }
  return { limit, periodText, period, mode: mode ?? 'per_mail', update: update ?? 'leaky', count, unique, key: key ?? defaultKey };
}

function storeFor(ctx: AclRunContext): RatelimitStore {
  const s = ctx.services;
  if (s?.ratelimitStore) return s.ratelimitStore;
  if (s?.spoolDirectory) return new JsonFileRatelimitStore(s.spoolDirectory);
  return fallbackStore;
}
const fallbackStore = new MemoryRatelimitStore();

function countFor(args: RatelimitArgs, ctx: AclRunContext): number {
  if (args.count !== undefined) return args.count;
  if (args.mode === 'per_byte') return Math.max(0, Number(ctx.expand.vars.get('message_size')?.s ?? '0') || 0);
  if (args.mode === 'per_rcpt' && ctx.where !== 'rcpt') return Number(ctx.expand.vars.get('recipients_count')?.s ?? '0') || 0;
  return 1;
}

/** The new smoothed rate after `count` events `interval` seconds after the last update. */
export function smoothedRate(previous: number, count: number, interval: number, period: number): number {
  const iOverP = Math.max(interval / period, 1e-9);
  const a = Math.exp(-iOverP);
  return (count * (1 - a)) / iOverP + a * previous;
}

async function computeRate(args: RatelimitArgs, ctx: AclRunContext): Promise<number> {
  const store = storeFor(ctx);
  const dbKey = `${args.periodText}/${args.mode}/${args.unique !== undefined || args.mode === 'per_addr' ? 'unique/' : ''}${args.key}`;
  const now = ctx.services?.now?.() ?? Date.now() / 1000;
  const old = await store.get(dbKey);
  let count = countFor(args, ctx);
  const uniqueValue = args.unique ?? (args.mode === 'per_addr' ? `${ctx.expand.vars.get('local_part')?.s ?? ''}@${ctx.expand.vars.get('domain')?.s ?? ''}` : undefined);
  const record: RatelimitRecord = old ? { ...old, unique: old.unique ? [...old.unique] : undefined } : { time: now, rate: count };
  if (uniqueValue !== undefined) {
    const hash = createHash('md5').update(uniqueValue).digest('hex').slice(0, 16);
    if (record.uniqueStart === undefined || now - record.uniqueStart > args.period) {
      record.uniqueStart = now;
      record.unique = [];
    }
    if (record.unique!.includes(hash)) count = 0;
    else record.unique!.push(hash);
    if (!old) record.rate = count;
  }
  if (old) {
    record.rate = smoothedRate(old.rate, count, now - old.time, args.period);
    record.time = now;
  }
  const over = record.rate >= args.limit;
  const update = args.update === 'strict' || (args.update === 'leaky' && !over);
  if (update) await store.put(dbKey, record);
  return record.rate;
}

registerAclCondition({
  name: 'ratelimit',
  kind: 'condition',
  async evaluate(value, _item, ctx) {
    const args = parseRatelimit(value.s, ctx.expand.vars.get('sender_host_address')?.s ?? '');
    const readonlyHere = args.update === 'readonly' || (args.mode === 'per_addr' && ctx.where !== 'rcpt');
    const effective = readonlyHere ? { ...args, update: 'readonly' as const } : args;
    const cache = (ctx.controls.ratelimitCache ??= new Map<string, number>());
    const cacheKey = `${args.periodText}/${args.mode}/${args.unique ?? ''}/${args.key}`;
    let rate = cache.get(cacheKey);
    if (rate === undefined) {
      rate = await computeRate(effective, ctx);
      cache.set(cacheKey, rate);
    }
    const vars = ctx.expand.vars;
    vars.set('sender_rate', untainted(rate.toFixed(1)));
    vars.set('sender_rate_limit', untainted(value.s.split('/')[0]!.trim()));
    vars.set('sender_rate_period', untainted(args.periodText));
    return rate >= args.limit;
  },
});
