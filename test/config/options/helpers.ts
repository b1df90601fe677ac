/**
 * Test support: a minimal LoadedConfig built from simple configuration text with this module's
 * resolveOptionSetting (the real reader lives in src/config/ and is another helper's), and a fixed
 * user/group database matching the Debian machine the fixtures were generated on.
 */
import type { NamedList, NamedListKind } from '../../../src/expand/types.js';
import type {
  DriverInstance,
  DriverKind,
  LoadedConfig,
  MacroDefinition,
  OptionSetting,
  OptionValue,
} from '../../../src/config/types.js';
import { builtinMacros, instanceTable, mainOptions, mainOptionValue, resolveOptionSetting } from '../../../src/config/options/index.js';
import { setIdDatabase, type IdDatabase } from '../../../src/config/options/ids.js';

const USERS: readonly [string, number, number][] = [
  ['root', 0, 0],
  ['daemon', 1, 1],
  ['mail', 8, 8],
  ['nobody', 65534, 65534],
  ['Debian-exim', 101, 102],
];
const GROUPS: readonly [string, number][] = [
  ['root', 0],
  ['daemon', 1],
  ['mail', 8],
  ['man', 12],
  ['nogroup', 65534],
  ['Debian-exim', 102],
];

export const fakeIds: IdDatabase = {
  uidOf: (n) => USERS.find((u) => u[0] === n)?.[1],
  gidOf: (n) => GROUPS.find((g) => g[0] === n)?.[1],
  userName: (id) => USERS.find((u) => u[1] === id)?.[0],
  groupName: (id) => GROUPS.find((g) => g[1] === id)?.[0],
  primaryGid: (id) => USERS.find((u) => u[1] === id)?.[2],
};

export function useFakeIds(): void {
  setIdDatabase(fakeIds);
}

const SECTION_KIND: Readonly<Record<string, DriverKind>> = {
  routers: 'router',
  transports: 'transport',
  authenticators: 'authenticator',
};

interface Building {
  kind: DriverKind;
  name: string;
  driver: string;
  options: Map<string, OptionSetting>;
  line: number;
}

/** Splits `[hide] name [= value]`. */
function splitSetting(line: string): { hidden: boolean; name: string; raw: string | undefined } {
  const hidden = /^hide\s+/.test(line);
  const body = hidden ? line.replace(/^hide\s+/, '') : line;
  const eq = body.indexOf('=');
  if (eq < 0) return { hidden, name: body.trim(), raw: undefined };
  return { hidden, name: body.slice(0, eq).trim(), raw: body.slice(eq + 1).trim() };
}

export function buildConfig(text: string, sourceName = 'test.conf'): LoadedConfig {
  const main = new Map<string, OptionSetting>();
  const lists = new Map<string, NamedList>();
  const macros: MacroDefinition[] = [...builtinMacros()];
  const drivers: Record<DriverKind, DriverInstance[]> = { router: [], transport: [], authenticator: [] };
  let section = '';
  let current: Building | undefined;
  const flush = (): void => {
    if (current) drivers[current.kind].push({ ...current, loc: { file: sourceName, line: current.line } });
    current = undefined;
  };
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.trim();
    const loc = { file: sourceName, line: i + 1 };
    if (line === '' || line.startsWith('#')) return;
    const begin = /^begin\s+(\w+)$/.exec(line);
    if (begin) return flush(), void (section = begin[1]!);
    if (section === '') {
      const list = /^(domain|host|address|localpart)list\s+(\S+)\s*=\s*(.*)$/.exec(line);
      if (list) return void lists.set(list[2]!, { kind: list[1] as NamedListKind, name: list[2]!, value: list[3]!, cacheable: true });
      const macro = /^([A-Z][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
      if (macro) return void macros.push({ name: macro[1]!, value: macro[2]!, builtin: false });
      const s = splitSetting(line);
      const { def, value } = resolveOptionSetting(mainOptions, s.name, s.raw, loc, 'main');
      return void main.set(def.name, { def, value, raw: s.raw ?? '', hidden: s.hidden, loc });
    }
    const kind = SECTION_KIND[section];
    if (!kind) return;
    const inst = /^(\S+):$/.exec(line);
    if (inst) return flush(), void (current = { kind, name: inst[1]!, driver: '', options: new Map(), line: i + 1 });
    if (!current) return;
    const s = splitSetting(line);
    if (s.name === 'driver') return void (current.driver = s.raw ?? '');
    const { def, value } = resolveOptionSetting(instanceTable(kind, current.driver), s.name, s.raw, loc, `${current.name} ${kind}`);
    current.options.set(def.name, { def, value, raw: s.raw ?? '', hidden: s.hidden, loc });
  });
  flush();
  return {
    sourceName,
    main,
    mainOption: (name: string): OptionValue => mainOptionValue(main, name),
    namedLists: lists,
    namedList: (kind: NamedListKind, name: string) => {
      const l = lists.get(name);
      return l && l.kind === kind ? l : undefined;
    },
    macros,
    acls: new Map(),
    routers: drivers.router,
    transports: drivers.transport,
    authenticators: drivers.authenticator,
    retry: [],
    rewrite: [],
  };
}
