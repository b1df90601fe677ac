/**
 * bounce_message_file / warn_message_file: text items separated by lines of exactly four
 * asterisks, each expanded before use; an empty item (or a missing one) means "use the default".
 */
import type { TemplateExpander } from './types.js';

export function splitTemplate(text: string): string[] {
  const items: string[] = [];
  let current = '';
  for (const line of text.split(/(?<=\n)/)) {
    if (line === '****\n' || line === '****') {
      items.push(current);
      current = '';
    } else {
      current += line;
    }
  }
  items.push(current);
  return items;
}

/** Item `index` of a template, expanded; undefined when absent or empty (the default is used). */
export async function templateItem(
  items: readonly string[] | undefined,
  index: number,
  expand: TemplateExpander | undefined,
  vars: Readonly<Record<string, string>>,
): Promise<string | undefined> {
  const raw = items?.[index];
  if (raw === undefined || raw === '') return undefined;
  return expand ? expand(raw, vars) : raw;
}
