/** The main-section option table, with host defaults applied. */
import type { OptionValue } from '../types.js';
import { hostDefaults } from './host-defaults.js';
import { MAIN_OPTION_ROWS } from './main-rows.js';
import { EXPERIMENTAL_MAIN_ROWS, MAIN_ALIAS_ROWS } from './main-table-extra.js';
import { rowToDef, SortedOptionTable, type OptionRow, type TableOptionDef } from './table.js';

function withDefault(def: TableOptionDef, value: OptionValue): TableOptionDef {
  return value === undefined ? def : { ...def, default: value };
}

function buildMainTable(): SortedOptionTable {
  const host = hostDefaults();
  const rows: OptionRow[] = [...MAIN_OPTION_ROWS, ...EXPERIMENTAL_MAIN_ROWS, ...MAIN_ALIAS_ROWS];
  return new SortedOptionTable(rows.map((r) => withDefault(rowToDef(r), host.get(r[0]))));
}

export const mainOptionTable: SortedOptionTable = buildMainTable();
