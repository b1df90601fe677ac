/**
 * manualroute routing rules (spec "Routing rules in route_list" and "How the options are
 * used"): `<domain pattern> <list of hosts> <options>` in route_list, or `<list of hosts>
 * <options>` from route_data; the pattern and the host list may be quoted. Options are
 * space-separated words: randomize, no_randomize, byname, bydns, ipv4_only, ipv4_prefer, or a
 * transport name.
 */

export type LookupMethod = 'default' | 'byname' | 'bydns';

export interface RuleOptions {
  readonly randomize?: boolean;
  readonly method: LookupMethod;
  readonly ipv4Only: boolean;
  readonly ipv4Prefer: boolean;
  readonly transport?: string;
}

/** A word that is neither an option nor a known transport. */
export class UnknownRuleOption {
  constructor(readonly word: string) {}
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Read one field: a quoted string (backslash escapes processed) or a run of non-space characters. */
export function readField(text: string, start: number): { value: string; end: number } {
  let i = start;
  while (isSpace(text[i])) i++;
  if (text[i] !== '"') {
    const from = i;
    while (i < text.length && !isSpace(text[i])) i++;
    return { value: text.slice(from, i), end: i };
  }
  let value = '';
  for (i++; i < text.length && text[i] !== '"'; i++) {
    if (text[i] === '\\' && i + 1 < text.length) value += unescape(text[++i]!);
    else value += text[i];
  }
  return { value, end: Math.min(i + 1, text.length) };
}

function unescape(c: string): string {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    default:
      return c;
  }
}

/** Split a rule's data part into the host list and the option words. */
export function splitRuleData(text: string): { hosts: string; words: string[] } {
  const field = readField(text, 0);
  const words = text.slice(field.end).split(/\s+/).filter((w) => w !== '');
  return { hosts: field.value, words };
}

/** Split a route_list rule into its pattern and the rest. */
export function splitRule(rule: string): { pattern: string; data: string } {
  const field = readField(rule, 0);
  return { pattern: field.value, data: rule.slice(field.end) };
}

/** Interpret option words; a word that is not an option must name a transport. */
export function parseRuleOptions(words: readonly string[], isTransport: (name: string) => boolean): RuleOptions | UnknownRuleOption {
  let randomize: boolean | undefined;
  let method: LookupMethod = 'default';
  let ipv4Only = false;
  let ipv4Prefer = false;
  let transport: string | undefined;
  for (const word of words) {
    if (word === 'randomize') randomize = true;
    else if (word === 'no_randomize') randomize = false;
    else if (word === 'byname' || word === 'bydns') method = word;
    else if (word === 'ipv4_only') ipv4Only = true;
    else if (word === 'ipv4_prefer') ipv4Prefer = true;
    else if (isTransport(word)) transport = word;
    else return new UnknownRuleOption(word);
  }
  return { randomize, method, ipv4Only, ipv4Prefer, transport };
}
