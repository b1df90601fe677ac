/** A main option's effective value: the setting, else the derived or table default. */
import type { OptionSetting, OptionValue } from '../types.js';
import { derivedMainDefault } from './host-defaults.js';
import { mainOptionTable } from './main-table.js';

export function mainOptionValue(main: ReadonlyMap<string, OptionSetting>, name: string): OptionValue {
  const set = main.get(name);
  if (set) return set.value;
  const derived = derivedMainDefault(name, (other) => mainOptionValue(main, other));
  if (derived !== undefined) return derived;
  return mainOptionTable.get(name)?.default;
}
