/**
 * -bP: printing options, driver instances, macros and named lists exactly as Exim 4.96 does
 * (stdout byte for byte). Notes that Exim would not print (an option's subsystem not built yet in
 * Mailwright) go to stderr.
 */
import type { DriverInstance, DriverKind, LoadedConfig, OptionDef, OptionValue } from '../types.js';
import { genericDefaultFor, genericTable, privateTable } from './drivers.js';
import { formatValue } from './format.js';
import { instanceDefault } from './instance-defaults.js';
import { mainOptionTable } from './main-table.js';
import { mainOptionValue } from './main-value.js';
import { printEnvironment } from './print-environment.js';
import { printSourceConfig } from './print-source.js';
import type { TableOptionDef } from './table.js';

export interface PrintResult {
  out: string;
  err: string;
  status: number;
}

/** Types whose unset value prints as `name =` (no trailing space) rather than `name = `. */
const BARE_WHEN_UNSET = new Set(['fixed', 'uidlist', 'gidlist']);

/** One -bP line (without newline). `name` may differ from def.name for alias spellings. */
export function formatOption(def: OptionDef, value: OptionValue, hidden: boolean, isAdmin: boolean, name = def.name): string {
  if (hidden && !isAdmin) return `${name} = <value not displayable>`;
  if (def.type === 'bool' && typeof value === 'string') return `${name} = ${formatValue({ ...def, type: 'string' }, value)}`;
  if (def.type === 'bool') return value ? name : `no_${name}`;
  const empty = value === undefined || (Array.isArray(value) && value.length === 0 && def.type !== 'timelist');
  if (empty) return BARE_WHEN_UNSET.has(def.type) ? `${name} =` : `${name} = `;
  return `${name} = ${formatValue(def, value)}`;
}

function mainLine(config: LoadedConfig, def: TableOptionDef, isAdmin: boolean, name = def.name): string {
  const setting = config.main.get(def.name);
  return formatOption(def, mainOptionValue(config.main, def.name), setting?.hidden ?? false, isAdmin, name);
}

function allMainOptions(config: LoadedConfig, isAdmin: boolean): string {
  return mainOptionTable
    .listed()
    .map((d) => mainLine(config, d, isAdmin) + '\n')
    .join('');
}

function instanceLines(inst: DriverInstance, isAdmin: boolean): string {
  const lines: string[] = [];
  const show = (def: TableOptionDef, fallback: OptionValue): void => {
    // The tls authenticator always takes the instance name as its public name.
    if (inst.kind === 'authenticator' && inst.driver === 'tls' && def.name === 'public_name') {
      lines.push(formatOption(def, inst.name, false, isAdmin));
      return;
    }
    const s = inst.options.get(def.name);
    lines.push(formatOption(def, s ? s.value : fallback, s?.hidden ?? false, isAdmin));
  };
  for (const def of genericTable(inst.kind).listed()) {
    show(def, instanceDefault(inst, def.name) ?? genericDefaultFor(inst.kind, inst.driver, def.name));
  }
  for (const def of privateTable(inst.kind, inst.driver)?.listed() ?? []) {
    show(def, instanceDefault(inst, def.name) ?? def.default);
  }
  return lines.map((l) => l + '\n').join('');
}

const PLURAL: Readonly<Record<string, DriverKind>> = {
  routers: 'router',
  transports: 'transport',
  authenticators: 'authenticator',
};

function instancesOf(config: LoadedConfig, kind: DriverKind): readonly DriverInstance[] {
  if (kind === 'router') return config.routers;
  if (kind === 'transport') return config.transports;
  return config.authenticators;
}

function allInstances(config: LoadedConfig, kind: DriverKind, isAdmin: boolean): string {
  return instancesOf(config, kind)
    .map((inst) => `\n${inst.name} ${kind}:\n${instanceLines(inst, isAdmin)}`)
    .join('');
}

const LIST_KINDS = ['domain', 'host', 'address', 'localpart'] as const;

function namedListLine(config: LoadedConfig, name: string): string | undefined {
  for (const kind of LIST_KINDS) {
    const list = config.namedList(kind, name);
    if (list) return `${kind}list ${name} = ${list.value}\n`;
  }
  return undefined;
}

class Printer {
  out = '';
  err = '';
  status = 0;

  constructor(
    private readonly config: LoadedConfig,
    private readonly isAdmin: boolean,
  ) {}

  private ok(text: string): void {
    this.out += text;
    this.status = 0;
  }

  private fail(text: string): void {
    this.out += text;
    this.status = 1;
  }

  /** Handles args[i] (and its operand when it takes one); returns how many args were used. */
  item(args: readonly string[], i: number): number {
    const word = args[i]!;
    const next = args[i + 1];
    const c = this.config;
    if (word === 'all') return this.ok(allMainOptions(c, this.isAdmin)), 1;
    if (word === 'config_file') return this.ok(`${c.sourceName}\n`), 1;
    if (word === 'config') return this.ok(printSourceConfig(c)), 1;
    if (word === 'environment') return this.ok(printEnvironment(c)), 1;
    if (word === 'macros') return this.ok(c.macros.map((m) => `${m.name}=${m.value}\n`).join('')), 1;
    if (word.endsWith('_list') && PLURAL[word.slice(0, -5) + 's']) {
      const kind = PLURAL[word.slice(0, -5) + 's']!;
      return this.ok(instancesOf(c, kind).map((d) => `${d.name}\n`).join('')), 1;
    }
    if (PLURAL[word]) return this.ok(allInstances(c, PLURAL[word]!, this.isAdmin)), 1;
    if (word.startsWith('+')) {
      const line = namedListLine(c, word.slice(1));
      if (line) this.ok(line);
      else this.fail(`no address, domain, host, or local part list called "${word.slice(1)}" exists\n`);
      return 1;
    }
    if ((word === 'macro' || word === 'router' || word === 'transport' || word === 'authenticator') && next !== undefined) {
      this.named(word, next);
      return 2;
    }
    this.option(word);
    return 1;
  }

  private named(word: string, name: string): void {
    if (word === 'macro') {
      const m = this.config.macros.find((x) => x.name === name);
      if (m) this.ok(`${m.name}=${m.value}\n`);
      else this.fail(`macro ${name} not found\n`);
      return;
    }
    const kind = word as DriverKind;
    const inst = instancesOf(this.config, kind).find((d) => d.name === name);
    if (inst) this.ok(instanceLines(inst, this.isAdmin));
    else this.fail(`${kind} ${name} not found\n`);
  }

  private option(name: string): void {
    const def = mainOptionTable.get(name);
    const canonical = def?.aliasOf ? mainOptionTable.get(def.aliasOf) : def;
    if (!canonical) return this.fail(`${name} is not a known option\n`);
    this.ok(mainLine(this.config, canonical, this.isAdmin, name) + '\n');
    if (canonical.pending) this.err += `# ${name}: accepted, not yet used by Mailwright (${canonical.pending})\n`;
  }
}

/** Runs -bP with its operands; status is that of the last item, as Exim's exit code is. */
export function printConfig(config: LoadedConfig, args: readonly string[], isAdmin: boolean): PrintResult {
  const p = new Printer(config, isAdmin);
  if (args.length === 0) {
    p.out = allMainOptions(config, isAdmin);
    return { out: p.out, err: '', status: 0 };
  }
  for (let i = 0; i < args.length; ) i += p.item(args, i);
  return { out: p.out, err: p.err, status: p.status };
}
