/**
 * Parsing ACL text found at run time (an inline ACL in an acl_smtp_* value or an `acl =`
 * condition, or an ACL file): the configuration's own ACL section parser is reused, fed the
 * text as the body of one unnamed ACL, so syntax and messages match the configuration file's.
 */
import { ConfigLineReader } from '../config/line-reader.js';
import { MacroStore } from '../config/macros.js';
import type { ParseState } from '../config/parse-state.js';
import { AclSection } from '../config/sections/acl.js';
import type { AclDefinition, AclStatement } from '../config/types.js';
import { ConfigError } from '../util/errors.js';
import { AclError } from './errors.js';

const INLINE_NAME = 'inline';

/**
 * Parse ACL statements. Syntax errors become AclError with Exim's run-time text (the
 * configuration reader's "error in ACL: " prefix is not part of it).
 */
export function parseAclText(text: string, sourceName: string): readonly AclStatement[] {
  const macros = new MacroStore([]);
  const reader = new ConfigLineReader(sourceName, text, macros);
  const acls = new Map<string, AclDefinition>();
  const state = { reader, macros, acls, warnings: [] } as unknown as ParseState;
  const section = new AclSection(state);
  try {
    section.line(`${INLINE_NAME}:`);
    for (let line = reader.next(); line !== undefined; line = reader.next()) section.line(line.text);
    section.end();
  } catch (err) {
    if (err instanceof ConfigError) throw new AclError(err.message.replace(/^error in ACL: /, '').replace(/^ACL error: /, ''));
    throw err;
  }
  return acls.get(INLINE_NAME)?.statements ?? [];
}
