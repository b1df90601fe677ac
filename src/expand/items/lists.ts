/** List items: map, filter, reduce, sort, listquote. Output lists keep the input separator. */
import { conditions } from '../conditions/index.js';
import { ExpandError, EMPTY, type ConditionDef, type TStr } from '../types.js';
import { forEachM, mapErrors, then, type MaybePromise } from '../maybe.js';
import { listItems, listSeparator, joinList } from '../../util/exim-list.js';
import { argumentItem, derived, walkItem, type ItemHandler } from './util.js';
import type { Evaluator } from '../evaluator.js';

function split(list: TStr): { sep: string; items: TStr[] } {
  const { sep } = listSeparator(list.s);
  return { sep, items: listItems(list.s).map((s) => ({ s, tainted: list.tainted && s !== '' })) };
}

/**
 * Build an output list as Exim does: separators inside items are doubled, and an item that is
 * empty or starts with the separator gets a space after the joining separator (so it survives).
 */
export function buildList(items: readonly string[], sep: string): string {
  let out = '';
  items.forEach((item, i) => {
    const body = joinList([item], sep);
    if (i > 0) out += sep + (item === '' || item.startsWith(sep) ? ' ' : '');
    out += body;
  });
  return out;
}

/**
 * Errors while expanding the body of map/reduce/filter name the construct, as Exim's do; nested
 * constructs each add their note. Exim first reads the body in skipping mode (to find its end),
 * so syntax-level errors of that pass come first, whatever the list holds.
 */
function inside<T>(item: string, fn: () => MaybePromise<T>): MaybePromise<T> {
  return mapErrors(fn, (e) => {
    if (e instanceof ExpandError && e.kind === 'error') {
      return new ExpandError(`${e.message} inside "${item}" ${item === 'filter' ? 'condition' : 'item'}`);
    }
    return e;
  });
}

function joined(items: TStr[], sep: string): TStr {
  const s = buildList(items.map((i) => i.s), sep);
  return { s, tainted: s !== '' && items.some((i) => i.tainted && i.s !== '') };
}

export const mapItem: ItemHandler = (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  return then(ev.seqM(node.args[0]!), (list) => {
    const { sep, items } = split(list);
    const checked = inside('map', () => ev.seqM(node.args[1]!, true));
    const out: TStr[] = [];
    const each = (item: TStr): MaybePromise<void> => {
      ev.ctx.item = item;
      return then(inside('map', () => ev.seqM(node.args[1]!)), (v) => {
        out.push(v);
      });
    };
    return then(checked, () => then(ev.withItemM(undefined, () => forEachM(items, each)), () => joined(out, sep)));
  });
};

export const filterItem: ItemHandler = (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  return then(ev.seqM(node.args[0]!), (list) => {
    const { sep, items } = split(list);
    const checked = inside('filter', () => ev.condM(node.cond!, true));
    const out: TStr[] = [];
    const each = (item: TStr): MaybePromise<void> => {
      ev.ctx.item = item;
      return then(inside('filter', () => ev.condM(node.cond!, false)), (keep) => {
        if (keep) out.push(item);
      });
    };
    return then(checked, () => then(ev.withItemM(undefined, () => forEachM(items, each)), () => joined(out, sep)));
  });
};

export const reduceItem: ItemHandler = (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  return then(ev.seqM(node.args[0]!), (list) => {
    const { items } = split(list);
    return then(ev.seqM(node.args[1]!), (initial) => {
      const checked = inside('reduce', () => ev.seqM(node.args[2]!, true));
      const each = (item: TStr): MaybePromise<void> => {
        ev.ctx.item = item;
        return then(inside('reduce', () => ev.seqM(node.args[2]!)), (v) => {
          ev.ctx.value = v;
        });
      };
      return then(checked, () =>
        ev.withValueM(initial, () => ev.withItemM(undefined, () => then(forEachM(items, each), () => ev.ctx.value ?? EMPTY))),
      );
    });
  });
};

const SORT_COMPARATORS = new Set(['<', '<=', '>', '>=', 'lt', 'le', 'gt', 'ge', 'lti', 'lei', 'gti', 'gei']);

interface Keyed {
  readonly item: TStr;
  readonly key: TStr;
}

/** Insertion sort: each element goes before the first already-placed one it "sorts before". */
export const sortItem: ItemHandler = (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  return then(ev.seqM(node.args[0]!), (list) => {
    const { sep, items } = split(list);
    return then(ev.seqM(node.args[1]!), (cmp) => {
      const cmpName = cmp.s;
      const def = conditions.get(cmpName);
      if (!def || def.nargs !== 2) throw new ExpandError('');
      if (!SORT_COMPARATORS.has(cmpName)) throw new ExpandError('comparator not handled for sort');
      const keyed: Keyed[] = [];
      const keyOf = (item: TStr): MaybePromise<void> => {
        ev.ctx.item = item;
        return then(ev.seqM(node.args[2]!), (key) => {
          keyed.push({ item, key });
        });
      };
      return then(ev.withItemM(undefined, () => forEachM(items, keyOf)), () => {
        const sorted: Keyed[] = [];
        const place = (e: Keyed): MaybePromise<void> =>
          then(insertionPoint(ev, def, e, sorted, 0), (at) => {
            sorted.splice(at, 0, e);
          });
        return then(forEachM(keyed, place), () => joined(sorted.map((e) => e.item), sep));
      });
    });
  });
};

/** Index of the first placed element, from `from` on, that `e` sorts before; the end if none. */
function insertionPoint(ev: Evaluator, def: ConditionDef, e: Keyed, sorted: readonly Keyed[], from: number): MaybePromise<number> {
  for (let i = from; i < sorted.length; i++) {
    const before = compare(ev, def, e.key, sorted[i]!.key);
    if (before instanceof Promise) return before.then((b) => (b ? i : insertionPoint(ev, def, e, sorted, i + 1)));
    if (before) return i;
  }
  return sorted.length;
}

/** A comparator that errors (e.g. a non-number for `<`) counts as false, as in Exim's sort. */
function compare(ev: Evaluator, def: ConditionDef, a: TStr, b: TStr): MaybePromise<boolean> {
  let r: MaybePromise<boolean>;
  try {
    r = def.fn([a, b], ev.ctx);
  } catch {
    return false;
  }
  return r instanceof Promise ? r.catch(() => false) : r;
}

/** Double the separator character inside the string; an empty string becomes one space. */
export const listquoteItem: ItemHandler = argumentItem(([sepArg, str]) => {
  const sep = sepArg!.s[0];
  if (str!.s === '') return derived(' ', str!);
  if (sep === undefined) return str!;
  return derived(str!.s.split(sep).join(sep + sep), str!);
});
