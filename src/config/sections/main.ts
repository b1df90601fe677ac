/**
 * The main section: macro definitions, named lists and main option settings.
 */
import type { NamedListKind } from '../../expand/types.js';
import { ConfigError } from '../../util/errors.js';
import { findOptionDef, setTwiceError, splitHide, splitOptionLine, strayTextError } from '../option-line.js';
import type { ParseState, SectionParser } from '../parse-state.js';
import { parseMacroLine, readName, skipSpace, startsUpper } from '../text.js';

/** Exim keeps at most this many named lists of each kind. */
const MAX_NAMED_LISTS = 32;

const LIST_WORDS: Readonly<Record<string, NamedListKind>> = {
  domainlist: 'domain',
  hostlist: 'host',
  addresslist: 'address',
  localpartlist: 'localpart',
};

const KIND_TEXT: Readonly<Record<NamedListKind, string>> = {
  domain: 'domain',
  host: 'host',
  address: 'address',
  localpart: 'local part',
};

/** Defines a macro from a `NAME = value` line; errors as Exim's when the line is malformed. */
export function defineMacroLine(state: ParseState, text: string): void {
  const def = parseMacroLine(text);
  if (!def) {
    const loc = state.reader.location;
    throw new ConfigError('malformed macro definition', loc.file, loc.line);
  }
  state.macros.define(def.name, def.value, def.redefine);
}

export class MainSection implements SectionParser {
  constructor(private readonly state: ParseState) {}

  line(text: string): void {
    if (startsUpper(text)) {
      defineMacroLine(this.state, text);
      return;
    }
    const { hidden, rest } = splitHide(text);
    const word = /^(\w+?)(_cache)?\s/.exec(rest);
    if (word && word[1]! in LIST_WORDS) {
      this.namedList(LIST_WORDS[word[1]!]!, word[2] !== undefined, rest.slice(word[0].length));
      return;
    }
    if (!hidden && !/^[a-z]/.test(rest)) {
      const loc = this.state.reader.location;
      throw new ConfigError(`option setting expected: ${text}`, loc.file, loc.line);
    }
    this.option(rest, hidden);
  }

  end(): void {}

  private option(text: string, hidden: boolean): void {
    const { api, reader, main } = this.state;
    const loc = reader.location;
    const parts = splitOptionLine(text, hidden);
    const def = findOptionDef(api.mainOptions, parts.name);
    if (def) {
      if (main.has(def.name)) throw setTwiceError(def.name, loc);
      if (parts.stray) throw strayTextError(def, parts.name, loc);
    }
    // Unknown names reach resolveOptionSetting, which raises Exim's "main option ... unknown".
    const resolved = api.resolveOptionSetting(api.mainOptions, parts.name, parts.rawValue, loc, 'main');
    main.set(resolved.def.name, {
      def: resolved.def,
      value: resolved.value,
      raw: parts.rawValue ?? '',
      hidden,
      loc,
    });
  }

  private namedList(kind: NamedListKind, cacheWord: boolean, text: string): void {
    const { namedLists, reader } = this.state;
    const loc = reader.location;
    const start = skipSpace(text, 0);
    const { name, end } = readName(text, start);
    const at = skipSpace(text, end);
    if (text[at] !== '=') throw new ConfigError(`missing '=' after "${name}"`, loc.file, loc.line);
    const count = [...namedLists.values()].filter((l) => l.kind === kind).length;
    if (namedLists.has(`${kind}:${name}`)) {
      throw new ConfigError(`duplicate name "${name}" for a named ${KIND_TEXT[kind]} list`, loc.file, loc.line);
    }
    if (count >= MAX_NAMED_LISTS) {
      throw new ConfigError(
        `too many named ${KIND_TEXT[kind]} lists (max is ${MAX_NAMED_LISTS})`,
        loc.file,
        loc.line,
      );
    }
    // The list is read like a string option: quotes and escapes are processed.
    const value = this.state.api.parseStringValue(text.slice(at + 1).trim(), name, loc);
    namedLists.set(`${kind}:${name}`, {
      kind,
      name,
      value,
      cacheable: cacheWord || !value.includes('$'),
      file: loc.file,
      line: loc.line,
    });
  }
}
