/**
 * Splitting non-filter redirection data into items (spec 22.4-22.6): items are separated by
 * commas or newlines (outside quotes, angle brackets and comments), `#` starts a comment
 * running to the end of the line when it begins an item, an item wholly in double quotes
 * loses them, and the special items :blackhole:, :fail:, :defer:, :unknown: and :include:
 * are recognised. What each remaining item is (address, pipe, file) is decided later.
 */

export type RedirectItem =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'include'; readonly path: string; readonly text: string }
  | { readonly kind: 'blackhole'; readonly text: string }
  | { readonly kind: 'fail' | 'defer'; readonly message: string; readonly text: string }
  | { readonly kind: 'unknown'; readonly text: string };

/** End of the item starting at `i`: the first comma or newline outside quotes, <> and (). */
function itemEnd(s: string, i: number): number {
  let depth = 0;
  let angle = 0;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') i++;
    else if (c === '"') {
      const close = closingQuote(s, i);
      if (close < 0) return s.length;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === '<' && depth === 0) angle++;
    else if (c === '>' && depth === 0 && angle > 0) angle--;
    else if (c === '\n' || (c === ',' && depth === 0 && angle === 0)) return i;
  }
  return s.length;
}

function closingQuote(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

function lineEnd(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl < 0 ? s.length : nl;
}

/** An item wholly enclosed in double quotes loses them (backslash escapes inside are undone). */
function unquoteWhole(item: string): string {
  if (item.length < 2 || !item.startsWith('"') || closingQuote(item, 0) !== item.length - 1) return item;
  return item.slice(1, -1).replace(/\\(.)/gs, '$1');
}

const SPECIAL = /^:(blackhole|fail|defer|unknown|include):/i;

/** Split redirection data into items, in order. */
export function splitRedirectItems(data: string): RedirectItem[] {
  const items: RedirectItem[] = [];
  let i = 0;
  while (i < data.length) {
    const c = data[i]!;
    if (c === ',' || /\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      i = lineEnd(data, i);
      continue;
    }
    const special = SPECIAL.exec(data.slice(i, i + 12));
    if (special) {
      const word = special[1]!.toLowerCase();
      if (word === 'fail' || word === 'defer') {
        // The message runs to the end of the line, commas included.
        const end = lineEnd(data, i);
        const text = data.slice(i, end).trim();
        items.push({ kind: word, message: text.slice(special[0].length).trim(), text });
        i = end;
        continue;
      }
      const end = itemEnd(data, i);
      const text = data.slice(i, end).trim();
      const rest = text.slice(special[0].length).trim();
      if (word === 'include') items.push({ kind: 'include', path: unquoteWhole(rest), text });
      else items.push({ kind: word === 'blackhole' ? 'blackhole' : 'unknown', text });
      i = end;
      continue;
    }
    const end = itemEnd(data, i);
    items.push({ kind: 'text', text: unquoteWhole(data.slice(i, end).trim()) });
    i = end;
  }
  return items;
}
