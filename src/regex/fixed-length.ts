/**
 * PCRE2 (10.42) requires every top-level branch of a lookbehind to match a fixed number of
 * characters; JavaScript would accept more, so the check is made here to reject the same patterns.
 */
import type { Node } from './ast.js';
import { PCRE_ERR, pcreError } from './errors.js';

/** Fixed width of a node, or null when it can vary. */
export function fixedWidth(node: Node): number | null {
  switch (node.t) {
    case 'empty':
    case 'assert':
    case 'fail':
      return 0;
    case 'set':
      return 1;
    case 'raw':
      return node.width ?? null;
    case 'backref':
      return null;
    case 'seq': {
      let total = 0;
      for (const item of node.items) {
        const w = fixedWidth(item);
        if (w === null) return null;
        total += w;
      }
      return total;
    }
    case 'alt': {
      const widths = node.alts.map(fixedWidth);
      const first = widths[0];
      return first !== null && first !== undefined && widths.every((w) => w === first) ? first : null;
    }
    case 'group':
      if (node.kind === 'lookahead' || node.kind === 'neg-lookahead' || node.kind === 'lookbehind' || node.kind === 'neg-lookbehind') return 0;
      return fixedWidth(node.body);
    case 'repeat': {
      if (node.min !== node.max) return null;
      const w = fixedWidth(node.body);
      return w === null ? null : w * node.min;
    }
  }
}

export function checkLookbehindFixed(node: Node & { t: 'group' }, pattern: string): void {
  const branches = node.body.t === 'alt' ? node.body.alts : [node.body];
  for (const b of branches) {
    if (fixedWidth(b) === null) throw pcreError(PCRE_ERR.lookbehindNotFixed, pattern, node.offset);
  }
}
