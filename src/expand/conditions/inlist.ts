/**
 * inlist / inlisti {subject}{list}: is the subject an item of a plain Exim list. On success
 * $value is the matching list item, with the list's taint.
 */
import type { ExpandContext, TStr } from '../types.js';
import { listItems } from '../../util/exim-list.js';
import { registerCondition } from './registry.js';
import { asciiLower } from './string-compare.js';

function findInList(subject: TStr, list: TStr, ctx: ExpandContext, caseless: boolean): boolean {
  const wanted = caseless ? asciiLower(subject.s) : subject.s;
  for (const item of listItems(list.s)) {
    if ((caseless ? asciiLower(item) : item) === wanted) {
      ctx.value = { s: item, tainted: list.tainted };
      return true;
    }
  }
  return false;
}

registerCondition({ name: 'inlist', nargs: 2, fn: ([s, l], ctx) => findInList(s!, l!, ctx, false) });
registerCondition({ name: 'inlisti', nargs: 2, fn: ([s, l], ctx) => findInList(s!, l!, ctx, true) });
