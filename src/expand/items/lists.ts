/** List items: map, filter, reduce, sort, listquote. Output lists keep the input separator. */
import { conditions } from '../conditions/index.js';
import { ExpandError, EMPTY, type TStr } from '../types.js';
import { listItems, listSeparator, joinList } from '../../util/exim-list.js';
import { derived, walkItem, type ItemHandler } from './util.js';
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

/** Errors while expanding the body of map/reduce/filter name the item, as Exim's do. */
async function inside<T>(item: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ExpandError && e.kind === 'error' && !e.message.endsWith(' item')) {
      throw new ExpandError(`${e.message} inside "${item}" item`);
    }
    throw e;
  }
}

function joined(items: TStr[], sep: string): TStr {
  const s = buildList(items.map((i) => i.s), sep);
  return { s, tainted: s !== '' && items.some((i) => i.tainted && i.s !== '') };
}

export const mapItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  const { sep, items } = split(await ev.seq(node.args[0]!));
  if (items.length === 0) await inside('map', () => ev.seq(node.args[1]!, true));
  const out: TStr[] = [];
  await ev.withItem(undefined, async () => {
    for (const item of items) {
      ev.ctx.item = item;
      out.push(await inside('map', () => ev.seq(node.args[1]!)));
    }
  });
  return joined(out, sep);
};

export const filterItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  const { sep, items } = split(await ev.seq(node.args[0]!));
  if (items.length === 0) await ev.cond(node.cond!, true);
  const out: TStr[] = [];
  await ev.withItem(undefined, async () => {
    for (const item of items) {
      ev.ctx.item = item;
      if (await ev.cond(node.cond!, false)) out.push(item);
    }
  });
  return joined(out, sep);
};

export const reduceItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  const { items } = split(await ev.seq(node.args[0]!));
  const initial = await ev.seq(node.args[1]!);
  if (items.length === 0) await inside('reduce', () => ev.seq(node.args[2]!, true));
  return ev.withValue(initial, () =>
    ev.withItem(undefined, async () => {
      for (const item of items) {
        ev.ctx.item = item;
        ev.ctx.value = await inside('reduce', () => ev.seq(node.args[2]!));
      }
      return ev.ctx.value ?? EMPTY;
    }),
  );
};

const SORT_COMPARATORS = new Set(['<', '<=', '>', '>=', 'lt', 'le', 'gt', 'ge', 'lti', 'lei', 'gti', 'gei']);

/** Insertion sort: each element goes before the first already-placed one it "sorts before". */
export const sortItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  const { sep, items } = split(await ev.seq(node.args[0]!));
  const cmpName = (await ev.seq(node.args[1]!)).s;
  const def = conditions.get(cmpName);
  if (!def || def.nargs !== 2) throw new ExpandError('');
  if (!SORT_COMPARATORS.has(cmpName)) throw new ExpandError('comparator not handled for sort');
  const keyed: Array<{ item: TStr; key: TStr }> = [];
  await ev.withItem(undefined, async () => {
    for (const item of items) {
      ev.ctx.item = item;
      keyed.push({ item, key: await ev.seq(node.args[2]!) });
    }
  });
  const sorted: typeof keyed = [];
  for (const e of keyed) {
    let at = sorted.length;
    for (let i = 0; i < sorted.length; i++) {
      if (await compare(ev, def.fn.bind(def), e.key, sorted[i]!.key)) {
        at = i;
        break;
      }
    }
    sorted.splice(at, 0, e);
  }
  return joined(sorted.map((e) => e.item), sep);
};

/** A comparator that errors (e.g. a non-number for `<`) counts as false, as in Exim's sort. */
async function compare(ev: Evaluator, fn: (a: TStr[], c: Evaluator['ctx']) => boolean | Promise<boolean>, a: TStr, b: TStr): Promise<boolean> {
  try {
    return await fn([a, b], ev.ctx);
  } catch {
    return false;
  }
}

/** Double the separator character inside the string; an empty string becomes one space. */
export const listquoteItem: ItemHandler = async (node, ev, skip) => {
  if (skip) return walkItem(node, ev);
  const sepArg = await ev.seq(node.args[0]!);
  const str = await ev.seq(node.args[1]!);
  const sep = sepArg.s[0];
  if (str.s === '') return derived(' ', str);
  if (sep === undefined) return str;
  return derived(str.s.split(sep).join(sep + sep), str);
};
