/** List operators: listcount and listnamed (listnamed_d/_h/_a/_l). */
import { ExpandError } from '../types.js';
import type { ExpandContext, NamedList, NamedListKind } from '../types.js';
import { listItems, listSeparator } from '../../util/exim-list.js';
import { registerOperator } from './registry.js';

/** "<" with nothing after it names the NUL separator in Exim: an empty list. */
const isBareSeparatorMarker = (list: string): boolean => list.trim() === '<';

registerOperator({
  name: 'listcount',
  takesParams: true,
  fn: (subject) => (isBareSeparatorMarker(subject) ? '0' : String(listItems(subject).length)),
});

const KIND_BY_SUFFIX: Record<string, NamedListKind> = { d: 'domain', h: 'host', a: 'address', l: 'localpart' };
/** Search order when no type is given (observed: domain, then address, host, localpart). */
const SEARCH_ORDER: readonly NamedListKind[] = ['domain', 'address', 'host', 'localpart'];
const MAX_NESTING = 50;

function findList(ctx: ExpandContext, name: string, kind: NamedListKind | undefined): NamedList {
  const kinds = kind ? [kind] : SEARCH_ORDER;
  for (const k of kinds) {
    const found = ctx.config.namedList(k, name);
    if (found) return found;
  }
  throw new ExpandError(`"${name}" is not a ${kind ? `${kind} ` : ''}named list`);
}

/**
 * The list's items joined by " : ", with +name references replaced by the referenced list's
 * own rendering. Colons are doubled only in items read from a list whose separator is not a
 * colon (items of colon lists are copied as split, as Exim 4.96 does).
 */
function renderList(list: NamedList, kind: NamedListKind | undefined, ctx: ExpandContext, depth: number): string {
  if (depth > MAX_NESTING) throw new ExpandError(`named list "${list.name}" refers to itself too deeply`);
  const { sep } = listSeparator(list.value);
  const parts = listItems(list.value).map((item) => {
    if (item.startsWith('+')) return renderList(findList(ctx, item.slice(1), kind), kind, ctx, depth + 1);
    return sep === ':' ? item : item.replace(/:/g, '::');
  });
  return parts.join(' : ');
}

registerOperator({
  name: 'listnamed',
  takesParams: true,
  fn(subject, params, ctx) {
    let kind: NamedListKind | undefined;
    if (params.length > 0) {
      kind = KIND_BY_SUFFIX[params.join('_').charAt(0)];
      if (!kind) throw new ExpandError('bad suffix on "list" operator');
    }
    const name = subject.startsWith('+') ? subject.slice(1) : subject;
    return renderList(findList(ctx, name, kind), kind, ctx, 0);
  },
});
