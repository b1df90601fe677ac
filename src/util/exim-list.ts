/**
 * Exim list syntax (spec 6.20-6.22): default separator colon, `<X` at the start changes it to
 * any punctuation or control character, a doubled printing separator stands for itself,
 * leading/trailing white space of each item is dropped, and an empty item at the very end
 * (trailing separator) is ignored.
 */

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
const isControl = (c: string): boolean => c.length === 1 && (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127);
const isPunct = (c: string): boolean => /^[!-\/:-@\[-`{-~]$/.test(c);

/** The separator in force and the offset where the items start. */
export function listSeparator(list: string, defaultSep = ':'): { sep: string; start: number } {
  let i = 0;
  while (i < list.length && isSpace(list[i]!)) i++;
  if (list[i] === '<' && i + 1 < list.length) {
    const c = list[i + 1]!;
    if (isPunct(c) || isControl(c)) return { sep: c, start: i + 2 };
  }
  return { sep: defaultSep, start: 0 };
}

/** Split an Exim list into its items. */
export function listItems(list: string, defaultSep = ':'): string[] {
  const { sep, start } = listSeparator(list, defaultSep);
  const doubling = !isControl(sep);
  const items: string[] = [];
  let i = start;
  const n = list.length;
  for (;;) {
    while (i < n && isSpace(list[i]!) && list[i] !== sep) i++;
    if (i >= n) break;
    let item = '';
    while (i < n) {
      const c = list[i]!;
      if (c === sep) {
        if (doubling && list[i + 1] === sep) {
          item += sep;
          i += 2;
          continue;
        }
        break;
      }
      item += c;
      i++;
    }
    let end = item.length;
    while (end > 0 && isSpace(item[end - 1]!) && item[end - 1] !== sep) end--;
    items.push(item.slice(0, end));
    if (i < n) i++; // skip the separator that ended the item
  }
  return items;
}

/** Join items into a list with the given separator, doubling it inside items (Exim's ${map}/${filter} output style). */
export function joinList(items: readonly string[], sep = ':'): string {
  if (isControl(sep)) return items.join(sep);
  return items.map((it) => it.split(sep).join(sep + sep)).join(sep);
}
