/** Parsing of the `_N_M` suffixes of hash, nhash, length and substr, with Exim's messages. */
import { ExpandError } from '../types.js';

/** The operator name as written, e.g. "hash_3_5", for error messages. */
export function writtenName(name: string, params: readonly string[]): string {
  return params.length === 0 ? name : `${name}_${params.join('_')}`;
}

const ITEM_NAMES = new Set(['hash', 'nhash', 'length', 'substr']);

/**
 * Up to `max` numbers from the suffixes. A lone empty suffix (`length_`) counts as 0; otherwise
 * every suffix must be digits (with a leading '-' allowed for the first one when
 * `firstMaySign`). Exim reports any other text as a non-digit.
 */
export function numericParams(
  name: string,
  params: readonly string[],
  max: number,
  firstMaySign = false,
): number[] {
  if (params.length === 0) {
    // Without a suffix Exim parses these names as the brace items of the same name.
    if (ITEM_NAMES.has(name)) throw new ExpandError(`Not enough arguments for '${name}' (min is 2)`);
    throw new ExpandError(`missing values after ${name}`);
  }
  if (params.length === 1 && params[0] === '') return [0];
  const bad = (): never => {
    throw new ExpandError(`non-digit after underscore in "${writtenName(name, params)}"`);
  };
  if (params.length > max) bad();
  return params.map((p, i) => {
    const re = i === 0 && firstMaySign ? /^-?\d+$/ : /^\d+$/;
    if (!re.test(p)) bad();
    return Number(p);
  });
}
