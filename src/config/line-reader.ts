/**
 * Turns configuration files into logical lines, the way Exim reads them:
 * each physical line has trailing white space removed and macros substituted; then conditional
 * directives are obeyed, `.include` lines are followed, comment lines dropped, and lines ending
 * in a backslash are joined with the next (whose leading white space is dropped). Errors are
 * reported at the last physical line read, as Exim does.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { ConfigError } from '../util/errors.js';
import { COND_DIRECTIVES, ConditionalStack, type CondDirective } from './conditionals.js';
import type { MacroStore } from './macros.js';
import type { SourceLocation } from './types.js';

export interface LogicalLine {
  /** Text with leading and trailing white space removed (never empty). */
  readonly text: string;
  /** Where the line ended (Exim reports errors there). */
  readonly loc: SourceLocation;
}

interface Frame {
  readonly file: string;
  readonly lines: readonly string[];
  /** Number of physical lines already read from this file (= line number of the last one). */
  read: number;
}

/** Splits file text into physical lines (a final newline does not start another line). */
function physicalLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function readConfigText(path: string): string | undefined {
  try {
    // A directory opens but reads as nothing in Exim; treat it as an empty file.
    if (statSync(path).isDirectory()) return '';
    return readFileSync(path, 'latin1');
  } catch {
    return undefined;
  }
}

/** A directive word followed by white space or the end of the line. */
function directiveArgument(line: string, word: string): string | undefined {
  if (!line.startsWith(word)) return undefined;
  const next = line.charAt(word.length);
  if (next !== '' && !/\s/.test(next)) return undefined;
  return line.slice(word.length).trim();
}

function unquoteFileName(arg: string): string {
  if (!arg.startsWith('"')) return arg;
  const end = arg.indexOf('"', 1);
  return end < 0 ? arg.slice(1) : arg.slice(1, end);
}

export class ConfigLineReader {
  private readonly frames: Frame[] = [];
  private readonly conditions = new ConditionalStack();
  private topFile: string;
  private topRead = 0;

  constructor(
    file: string,
    text: string,
    private readonly macros: MacroStore,
  ) {
    this.topFile = file;
    this.frames.push({ file, lines: physicalLines(text), read: 0 });
  }

  /** Location of the last physical line read. */
  get location(): SourceLocation {
    const top = this.frames[this.frames.length - 1];
    return top ? { file: top.file, line: top.read } : { file: this.topFile, line: this.topRead };
  }

  private readPhysical(): string | undefined {
    for (;;) {
      const top = this.frames[this.frames.length - 1];
      if (!top) return undefined;
      if (top.read < top.lines.length) return top.lines[top.read++]!.replace(/\s+$/, '');
      this.frames.pop();
      if (this.frames.length === 0) this.topRead = top.read;
    }
  }

  /** Next logical line, or undefined at the end of the configuration. */
  next(): LogicalLine | undefined {
    let pending: string | undefined;
    for (;;) {
      const raw = this.readPhysical();
      if (raw === undefined) {
        if (this.conditions.open) this.fail('Unexpected end of configuration file: .endif missing');
        return pending === undefined ? undefined : this.finish(pending);
      }
      const { text, found } = this.substituteMacros(raw, pending === undefined);
      const line = text.trimStart();
      if (line.startsWith('.') && this.handleConditional(line, found)) continue;
      if (this.conditions.skipping) continue;
      if (line.startsWith('.') && this.handleInclude(line)) continue;
      if (line.startsWith('#')) continue;
      const continued = line.endsWith('\\');
      const body = continued ? line.slice(0, -1) : line;
      pending = pending === undefined ? body : pending + body;
      if (continued) continue;
      if (pending.trim() === '') {
        pending = undefined;
        continue;
      }
      return this.finish(pending);
    }
  }

  /**
   * Macro substitution of one physical line. At the start of a logical line, the name in a
   * `NAME = value` definition is left alone, so macros can be redefined and -D can override.
   */
  private substituteMacros(raw: string, startsLogicalLine: boolean): { text: string; found: boolean } {
    const lead = raw.length - raw.trimStart().length;
    const def = startsLogicalLine ? /^[A-Z][A-Za-z0-9_]*\s*(?==)/.exec(raw.slice(lead)) : null;
    if (!def) return this.macros.substitute(raw);
    const keep = lead + def[0].length;
    const rest = this.macros.substitute(raw.slice(keep));
    return { text: raw.slice(0, keep) + rest.text, found: rest.found };
  }

  private finish(text: string): LogicalLine | undefined {
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    return { text: trimmed, loc: this.location };
  }

  private fail(message: string): never {
    const loc = this.location;
    throw new ConfigError(message, loc.file, loc.line);
  }

  /** Returns true when the line was a conditional directive (or a mangled one, which Exim ignores). */
  private handleConditional(line: string, macroFound: boolean): boolean {
    for (const name of COND_DIRECTIVES) {
      const word = `.${name}`;
      if (!line.startsWith(word)) continue;
      // Unlike .include, these need a space (not a tab) after the word; otherwise the line is dropped.
      const next = line.charAt(word.length);
      if (next === '' || next === ' ') {
        this.conditions.apply(name as CondDirective, macroFound, this.location);
      }
      return true;
    }
    return false;
  }

  private handleInclude(line: string): boolean {
    const ifExists = directiveArgument(line, '.include_if_exists');
    const plain = ifExists === undefined ? directiveArgument(line, '.include') : undefined;
    if (ifExists === undefined && plain === undefined) return false;
    const name = unquoteFileName((ifExists ?? plain)!);
    if (ifExists !== undefined && !isAbsolute(name)) {
      this.fail(`.include specifies a non-absolute path "${name}"`);
    }
    const current = this.location.file;
    // Exim joins the including file's directory and the name as text, without normalising.
    const path = isAbsolute(name) ? name : `${dirname(current)}/${name}`;
    const text = readConfigText(path);
    if (text === undefined) {
      if (ifExists !== undefined) return true;
      this.fail(`failed to open included configuration file ${path}`);
    }
    this.frames.push({ file: path, lines: physicalLines(text), read: 0 });
    return true;
  }
}
