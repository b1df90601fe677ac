/**
 * The ACL section: `name:` lines start an ACL; a line starting with a verb starts a statement,
 * any other line adds a condition or modifier to the current statement. Values are kept
 * unexpanded, exactly as written after `=`.
 */
import { ConfigError } from '../../util/errors.js';
import type { ParseState, SectionParser } from '../parse-state.js';
import { parseMacroLine, readName, skipSpace, startsUpper } from '../text.js';
import type { AclItem, AclStatement, AclVerb, SourceLocation } from '../types.js';
import { ACL_ITEMS, ACL_VERBS, ENDPASS_VERBS } from './acl-names.js';
import { defineMacroLine } from './main.js';

interface OpenStatement {
  readonly verb: AclVerb;
  readonly items: AclItem[];
  readonly loc: SourceLocation;
}

interface OpenAcl {
  readonly name: string;
  readonly loc: SourceLocation;
  readonly statements: OpenStatement[];
}

function aclError(message: string, loc: SourceLocation): ConfigError {
  return new ConfigError(`error in ACL: ${message}`, loc.file, loc.line);
}

function isVerb(word: string): word is AclVerb {
  return (ACL_VERBS as readonly string[]).includes(word);
}

/** Parses `set acl_xxx = value` (text starts at "set"); returns the variable and value. */
function parseSet(text: string, loc: SourceLocation): { variable: string; value: string } {
  const start = skipSpace(text, 3);
  const prefix = text.slice(start, start + 5);
  if (prefix !== 'acl_c' && prefix !== 'acl_m') {
    throw aclError(`invalid variable name after "set" in ACL modifier "${text}" (must start "acl_c" or "acl_m")`, loc);
  }
  if (!/[0-9_]/.test(text.charAt(start + 5))) {
    throw aclError(
      `invalid variable name after "set" in ACL modifier "${text}" (digit or underscore must follow acl_c or acl_m)`,
      loc,
    );
  }
  const { name: variable, end } = readName(text, start);
  const next = text.charAt(end);
  if (next !== '' && next !== '=' && !/\s/.test(next)) {
    throw aclError(`invalid character "${next}" in variable name in ACL modifier "${text}"`, loc);
  }
  const at = skipSpace(text, end);
  if (text[at] !== '=') throw aclError('"=" missing after ACL "set" modifier', loc);
  return { variable, value: text.slice(at + 1).trim() };
}

export class AclSection implements SectionParser {
  private current: OpenAcl | undefined;

  constructor(private readonly state: ParseState) {}

  line(text: string): void {
    const loc = this.state.reader.location;
    if (startsUpper(text) && parseMacroLine(text)) {
      this.closeAcl();
      defineMacroLine(this.state, text);
      return;
    }
    // Anything after "name:" on the same line is ignored, as Exim does.
    const head = /^([A-Za-z][A-Za-z0-9_]*)\s*:/.exec(text);
    if (head) {
      this.startAcl(head[1]!, loc);
      return;
    }
    if (!this.current) throw new ConfigError('missing or malformed ACL name', loc.file, loc.line);
    this.statementLine(this.current, text, loc);
  }

  end(): void {
    this.closeAcl();
  }

  private startAcl(name: string, loc: SourceLocation): void {
    this.closeAcl();
    if (this.state.acls.has(name)) throw new ConfigError(`there are two ACLs called "${name}"`, loc.file, loc.line);
    this.current = { name, loc, statements: [] };
  }

  private closeAcl(): void {
    const acl = this.current;
    if (!acl) return;
    this.current = undefined;
    const statements: AclStatement[] = acl.statements.map((s) => ({ verb: s.verb, items: s.items, loc: s.loc }));
    this.state.acls.set(acl.name, { name: acl.name, statements, loc: acl.loc });
  }

  private statementLine(acl: OpenAcl, text: string, loc: SourceLocation): void {
    const { name: word, end } = readName(text);
    let statement = acl.statements[acl.statements.length - 1];
    let rest = text;
    if (isVerb(word)) {
      statement = { verb: word, items: [], loc };
      acl.statements.push(statement);
      rest = text.slice(end);
    } else if (!statement) {
      // The complaint names the word after any "!" (Exim skips it when looking for the verb).
      const shown = readName(text, skipSpace(text, text.startsWith('!') ? 1 : 0)).name;
      throw aclError(`unknown ACL verb "${shown}" in "${text}"`, loc);
    }
    rest = rest.slice(skipSpace(rest, 0));
    if (rest !== '') this.item(statement, rest, text, loc);
  }

  private item(statement: OpenStatement, text: string, wholeLine: string, loc: SourceLocation): void {
    let at = 0;
    const negated = text.startsWith('!');
    if (negated) at = skipSpace(text, 1);
    const { name, end } = readName(text, at);
    const kind = ACL_ITEMS.get(name);
    if (!kind) throw aclError(`unknown ACL condition/modifier in "${wholeLine}"`, loc);
    if (negated && kind === 'modifier') throw aclError(`ACL error: negation is not allowed with "${name}"`, loc);
    if (name === 'endpass') {
      if (!ENDPASS_VERBS.has(statement.verb)) {
        throw aclError(`ACL error: "endpass" is not allowed with "${statement.verb}"`, loc);
      }
      // Exim ignores whatever follows endpass on the line.
      statement.items.push({ name, value: '', negated: false, loc });
      return;
    }
    if (name === 'set') {
      const { variable, value } = parseSet(text.slice(at), loc);
      statement.items.push({ name, variable, value, negated: false, loc });
      return;
    }
    const eq = skipSpace(text, end);
    if (text[eq] !== '=') throw aclError(`"=" missing after ACL "${name}" ${kind}`, loc);
    statement.items.push({ name, value: text.slice(eq + 1).trim(), negated, loc });
  }
}
