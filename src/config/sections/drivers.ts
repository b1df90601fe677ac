/**
 * Router, transport and authenticator sections: `name:` lines start an instance, option lines
 * set its generic and private options. `driver` must come before any private option.
 */
import { ConfigError } from '../../util/errors.js';
import { findOptionDef, setTwiceError, splitHide, splitOptionLine, strayTextError } from '../option-line.js';
import type { ParseState, SectionParser } from '../parse-state.js';
import { parseMacroLine, startsUpper } from '../text.js';
import type { DriverInstance, DriverKind, OptionSetting, OptionTable, SourceLocation } from '../types.js';
import { defineMacroLine } from './main.js';

/**
 * Options that may be given more than once in an instance: the values are joined with the
 * separator shown (Exim's repeatable options).
 */
const REPEATABLE: Readonly<Record<DriverKind, Readonly<Record<string, string>>>> = {
  router: { headers_add: '\n', headers_remove: ':', set: ';' },
  transport: { headers_add: '\n', headers_remove: ':' },
  authenticator: {},
};

interface OpenInstance {
  readonly name: string;
  readonly loc: SourceLocation;
  driver?: string;
  privateTable?: OptionTable;
  readonly options: Map<string, OptionSetting>;
}

/** Generic options first, then the driver's private ones. */
function combinedTable(generic: OptionTable, priv: OptionTable | undefined): OptionTable {
  return {
    get: (name) => generic.get(name) ?? priv?.get(name),
    all: () => [...generic.all(), ...(priv?.all() ?? [])],
  };
}

export class DriverSection implements SectionParser {
  private current: OpenInstance | undefined;

  constructor(
    private readonly state: ParseState,
    private readonly kind: DriverKind,
  ) {}

  line(text: string): void {
    const loc = this.state.reader.location;
    if (startsUpper(text) && parseMacroLine(text)) {
      this.closeInstance();
      defineMacroLine(this.state, text);
      return;
    }
    const head = /^([A-Za-z][A-Za-z0-9_]*)\s*:(.*)$/s.exec(text);
    if (head) {
      this.startInstance(head[1]!, head[2]!.trim(), loc);
      return;
    }
    if (!this.current) throw new ConfigError(`${this.kind} name missing`, loc.file, loc.line);
    const { hidden, rest } = splitHide(text);
    this.option(this.current, rest, hidden, loc);
  }

  end(): void {
    this.closeInstance();
  }

  private startInstance(name: string, extra: string, loc: SourceLocation): void {
    this.closeInstance();
    if (extra !== '') throw new ConfigError(`extra characters follow driver name ${name}`, loc.file, loc.line);
    if (this.state.drivers[this.kind].some((d) => d.name === name)) {
      throw new ConfigError(`there are two ${this.kind}s called "${name}"`);
    }
    this.current = { name, loc, options: new Map() };
  }

  private closeInstance(): void {
    const inst = this.current;
    if (!inst) return;
    this.current = undefined;
    if (inst.driver === undefined) throw new ConfigError(`no driver defined for ${this.kind} "${inst.name}"`);
    const done: DriverInstance = {
      kind: this.kind,
      name: inst.name,
      driver: inst.driver,
      options: inst.options,
      loc: inst.loc,
    };
    this.state.drivers[this.kind].push(done);
  }

  private option(inst: OpenInstance, text: string, hidden: boolean, loc: SourceLocation): void {
    const { api } = this.state;
    const parts = splitOptionLine(text, hidden);
    const table = combinedTable(api.genericOptions(this.kind), inst.privateTable);
    const def = findOptionDef(table, parts.name);
    if (!def) {
      const hint = inst.driver === undefined ? ' ("driver" must be specified before any private options)' : '';
      throw new ConfigError(`option "${parts.name}" unknown${hint}`, loc.file, loc.line);
    }
    const separator = REPEATABLE[this.kind][def.name];
    const previous = inst.options.get(def.name);
    if (previous && separator === undefined) throw setTwiceError(def.name, loc);
    if (parts.stray) throw strayTextError(def, parts.name, loc);
    const resolved = api.resolveOptionSetting(table, parts.name, parts.rawValue, loc, `${this.kind} ${inst.name}`);
    let { value } = resolved;
    let raw = parts.rawValue ?? '';
    if (previous && separator !== undefined) {
      raw = `${previous.raw}${separator}${raw}`;
      value = `${String(previous.value ?? '')}${separator}${String(value ?? '')}`;
    }
    inst.options.set(resolved.def.name, { def: resolved.def, value, raw, hidden: hidden || !!previous?.hidden, loc });
    if (resolved.def.name === 'driver') this.setDriver(inst, String(resolved.value ?? ''), loc);
  }

  private setDriver(inst: OpenInstance, driver: string, loc: SourceLocation): void {
    const table = this.state.api.driverOptions(this.kind, driver);
    if (!table) {
      throw new ConfigError(
        `${this.kind} ${inst.name}: cannot find ${this.kind} driver "${driver}"`,
        loc.file,
        loc.line,
      );
    }
    inst.driver = driver;
    inst.privateTable = table;
  }
}
