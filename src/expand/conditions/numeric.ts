/** Numeric comparisons `< <= = == > >=` of two Exim integers (with K/M/G suffixes). */
import { registerCondition } from './registry.js';
import { parseEximInteger } from './exim-integer.js';

const comparators: Record<string, (a: bigint, b: bigint) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '==': (a, b) => a === b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

for (const [name, compare] of Object.entries(comparators)) {
  registerCondition({
    name,
    nargs: 2,
    // Both operands are read before comparing, so an error in either is reported (left first).
    fn: ([a, b]) => compare(parseEximInteger(a!.s), parseEximInteger(b!.s)),
  });
}
