/**
 * Building blocks of the option tables: compact rows turned into OptionDef objects held in a
 * name-sorted table (Exim keeps its tables sorted with strcmp, and -bP lists them in that order).
 */
import type { OptionDef, OptionTable, OptionType, OptionValue } from '../types.js';
import { parseTimeValue, parseTimeList } from './values.js';

/** OptionDef plus table-internal facts that the shared contract does not need to know. */
export interface TableOptionDef extends OptionDef {
  /** Accepted in the configuration but not shown when the whole table is listed (aliases). */
  readonly unlisted?: boolean;
  /** Canonical option this name is another spelling of (values are stored under the canonical name). */
  readonly aliasOf?: string;
}

export interface RowFlags {
  /** Expanded when used. */
  readonly x?: boolean;
  /** Subsystem not built yet. */
  readonly p?: string;
  /** Another spelling of this option. */
  readonly alias?: string;
  /** Accepted but not listed by -bP (legacy or alias names). */
  readonly unlisted?: boolean;
}

/** [name, type, default, flags]; time defaults may be written as Exim time strings ("3h"). */
export type OptionRow = readonly [string, OptionType, (OptionValue | null)?, RowFlags?];

/** Byte-wise comparison, as C's strcmp on ASCII names. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function defaultFor(type: OptionType, raw: OptionValue | null | undefined): OptionValue {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'string' && type === 'time') return parseTimeValue(raw);
  if (typeof raw === 'string' && type === 'timelist') return parseTimeList(raw);
  return raw;
}

export function rowToDef(row: OptionRow, pendingForAll?: string): TableOptionDef {
  const [name, type, rawDefault, flags = {}] = row;
  const def: { -readonly [K in keyof TableOptionDef]: TableOptionDef[K] } = { name, type };
  const value = defaultFor(type, rawDefault);
  if (value !== undefined) def.default = value;
  if (flags.x) def.expanded = true;
  const pending = flags.p ?? pendingForAll;
  if (pending) def.pending = pending;
  if (flags.alias) {
    def.aliasOf = flags.alias;
    def.unlisted = true;
  }
  if (flags.unlisted) def.unlisted = true;
  return def;
}

export class SortedOptionTable implements OptionTable {
  private readonly byName = new Map<string, TableOptionDef>();
  private readonly sorted: readonly TableOptionDef[];

  constructor(defs: readonly TableOptionDef[]) {
    for (const d of defs) this.byName.set(d.name, d);
    this.sorted = [...this.byName.values()].sort((a, b) => compareNames(a.name, b.name));
  }

  get(name: string): TableOptionDef | undefined {
    return this.byName.get(name);
  }

  /** Every option, sorted, including unlisted aliases. */
  all(): readonly TableOptionDef[] {
    return this.sorted;
  }

  /** The options -bP shows when listing the table. */
  listed(): readonly TableOptionDef[] {
    return this.sorted.filter((d) => !d.unlisted);
  }
}

export function tableFromRows(rows: readonly OptionRow[], pendingForAll?: string): SortedOptionTable {
  return new SortedOptionTable(rows.map((r) => rowToDef(r, pendingForAll)));
}

