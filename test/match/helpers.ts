// Test scaffolding: an ExpandContext with a fixed configuration view, the real lookup registry,
// a minimal expander (backslash escapes and \N...\N only), and a fake host resolver.
import { fileURLToPath } from 'node:url';
import { ExpandError, type ExpandContext, type NamedList, type NamedListKind, type TStr } from '../../src/expand/types.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import type { HostResolver } from '../../src/match/index.js';

export const FIXDIR = fileURLToPath(new URL('../fixtures/match/files', import.meta.url));

export interface NamedListSpec {
  kind: NamedListKind;
  name: string;
  value: string;
}

/** Enough of Exim's expansion for list values in the fixtures: `\N...\N` and backslash escapes. */
function fakeExpand(text: string): TStr {
  if (text.includes('${forcefail}')) throw new ExpandError('forced', 'forced');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === 'N') {
      const end = text.indexOf('\\N', i + 2);
      out += text.slice(i + 2, end < 0 ? undefined : end);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '\\' && i + 1 < text.length) {
      out += text[++i];
    } else out += c;
  }
  return { s: out, tainted: false };
}

export function makeContext(namedLists: NamedListSpec[], mainOptions: Record<string, string> = {}): ExpandContext {
  const lists = new Map<string, NamedList>();
  for (const l of namedLists) {
    lists.set(`${l.kind}:${l.name}`, { kind: l.kind, name: l.name, value: l.value.replaceAll('FIXDIR', FIXDIR), cacheable: !l.value.includes('$') });
  }
  return {
    vars: new Map(),
    numeric: [],
    config: {
      mainOption: (name) => mainOptions[name],
      namedList: (kind, name) => lists.get(`${kind}:${name}`),
    },
    services: {
      lookups: createLookupRegistry(),
      expand: async (text) => fakeExpand(text),
    },
  };
}

/** Resolves localhost only; reverse lookups find nothing (as in the oracle's sandbox). */
export const fakeResolver: HostResolver = {
  addressesOf: async (name) => (name.toLowerCase() === 'localhost' ? ['127.0.0.1', '::1'] : null),
  namesOf: async () => null,
};
