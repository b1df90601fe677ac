/** Dispatch from an option's type to the parser of its value text. */
import type { OptionDef, OptionValue } from '../types.js';
import { idDatabase } from './ids.js';
import { parseStringValue } from './strings.js';
import { OptionValueError, parseFixed, parseInteger, parseKInteger, parseTime, parseTimeListFor } from './values.js';

/** A uid given as digits or as a user name looked up now (Exim resolves names at read time). */
export function parseUid(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const uid = idDatabase().uidOf(text);
  if (uid === undefined) throw new OptionValueError(`user ${text} was not found`);
  return uid;
}

export function parseGid(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const gid = idDatabase().gidOf(text);
  if (gid === undefined) throw new OptionValueError(`group ${text} was not found`);
  return gid;
}

/** Colon-separated id lists (never_users, admin_groups...); empty items are skipped. */
function parseIdList(text: string, one: (item: string) => number): number[] {
  return text
    .split(':')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(one);
}

/** Parses raw value text (surrounding white space already removed) by the option's type. */
export function parseValue(def: OptionDef, rawValue: string): OptionValue {
  const text = rawValue.trim();
  switch (def.type) {
    case 'bool':
      throw new OptionValueError(`internal: boolean ${def.name} goes through resolveOptionSetting`);
    case 'int':
    case 'mkint':
    case 'octint':
      return parseInteger(text, def.name);
    case 'kint':
      return parseKInteger(text, def.name);
    case 'fixed':
      return parseFixed(text, def.name);
    case 'time':
      return parseTime(text, def.name);
    case 'timelist':
      return parseTimeListFor(text, def.name);
    case 'uid':
    case 'gid': {
      const name = parseStringValue(text, def.name);
      // Driver user/group settings containing '$' are expanded at delivery time, not resolved now.
      if (def.expanded && name.includes('$')) return name;
      return def.type === 'uid' ? parseUid(name) : parseGid(name);
    }
    case 'uidlist':
      return parseIdList(parseStringValue(text, def.name), parseUid);
    case 'gidlist':
      return parseIdList(parseStringValue(text, def.name), parseGid);
    case 'string':
    case 'rewrite':
      return parseStringValue(text, def.name);
  }
}
