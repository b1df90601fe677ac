/**
 * Reads a whole configuration: logical lines from the line reader, dispatched to the parser of
 * the current section; `begin <name>` switches sections.
 */
import { ConfigError } from '../util/errors.js';
import { ConfigLineReader } from './line-reader.js';
import { ParsedConfig } from './loaded.js';
import { MacroStore } from './macros.js';
import type { OptionsApi } from './option-api.js';
import type { ParseState, SectionParser } from './parse-state.js';
import { AclSection } from './sections/acl.js';
import { DriverSection } from './sections/drivers.js';
import { MainSection } from './sections/main.js';
import { RetrySection } from './sections/retry.js';
import { RewriteSection } from './sections/rewrite.js';

export interface ParseInput {
  /** Name used in messages and for resolving relative `.include`s. */
  readonly file: string;
  readonly text: string;
  /** -D definitions. */
  readonly macros?: Readonly<Record<string, string>>;
}

type SectionName = 'acl' | 'authenticators' | 'routers' | 'transports' | 'retry' | 'rewrite' | 'local_scan';

const SECTION_NAMES: readonly SectionName[] = [
  'acl',
  'authenticators',
  'routers',
  'transports',
  'retry',
  'rewrite',
  'local_scan',
];

function sectionParser(state: ParseState, name: Exclude<SectionName, 'local_scan'>): SectionParser {
  switch (name) {
    case 'acl':
      return new AclSection(state);
    case 'routers':
      return new DriverSection(state, 'router');
    case 'transports':
      return new DriverSection(state, 'transport');
    case 'authenticators':
      return new DriverSection(state, 'authenticator');
    case 'retry':
      return new RetrySection(state);
    case 'rewrite':
      return new RewriteSection(state);
  }
}

export function parseConfig(input: ParseInput, api: OptionsApi): ParsedConfig {
  const macros = new MacroStore(api.builtinMacros(), input.macros ?? {});
  const reader = new ConfigLineReader(input.file, input.text, macros);
  const state: ParseState = {
    api,
    macros,
    reader,
    main: new Map(),
    namedLists: new Map(),
    acls: new Map(),
    drivers: { router: [], transport: [], authenticator: [] },
    retry: [],
    rewrite: [],
    warnings: [],
  };
  const seen = new Set<SectionName>();
  let section: SectionParser = new MainSection(state);
  for (let line = reader.next(); line !== undefined; line = reader.next()) {
    const begin = /^begin (.*)$/is.exec(line.text);
    if (!begin) {
      section.line(line.text);
      continue;
    }
    section.end();
    const written = begin[1]!.trim();
    const name = SECTION_NAMES.find((n) => n === written.toLowerCase());
    const fail = (message: string): never => {
      throw new ConfigError(message, line.loc.file, line.loc.line);
    };
    if (!name) return fail(`"${written}" is not a known configuration section name`);
    if (name === 'local_scan') {
      return fail('local_scan() options not supported: (LOCAL_SCAN_HAS_OPTIONS not defined in Local/Makefile)');
    }
    if (seen.has(name)) fail(`"${written}" section is repeated in the configuration file`);
    seen.add(name);
    section = sectionParser(state, name);
  }
  section.end();
  return new ParsedConfig(input.file, state, api);
}
