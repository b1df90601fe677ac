/**
 * `-be`: expansion test mode, behaving like `exim -be`. With arguments each is expanded and
 * printed on its own line; without, stdin lines are read with a "> " prompt before each
 * logical line, backslash continuation (leading white space of the continuation dropped),
 * and macro definitions (`NAME = value` prints "Defined macro 'NAME'").
 */
import type { Readable, Writable } from 'node:stream';
import { ExpandError } from '../expand/types.js';
import type { ExpandContext } from '../expand/types.js';
import { expand, createExpandContext } from '../expand/index.js';
import { createLookupRegistry } from '../lookups/index.js';
import { loadRuntimeConfig, type RuntimeConfig } from './runtime-config.js';
import { MacroTable } from './macros.js';
import { readLogicalLines } from './line-reader.js';
import { logTimestamp } from '../log/timestamp.js';

export interface BeSession {
  readonly config: RuntimeConfig;
  readonly ctx: ExpandContext;
  readonly macros: MacroTable;
}

export interface BeSessionOptions {
  configFile?: string;
  macros?: Record<string, string>;
}

export async function createBeSession(opts: BeSessionOptions = {}): Promise<BeSession> {
  const config = loadRuntimeConfig({ file: opts.configFile, macros: opts.macros });
  const ctx = createExpandContext({
    config: config.view,
    lookups: createLookupRegistry(),
    testMode: true,
    admin: true,
    vars: config.beVariables,
  });
  return { config, ctx, macros: MacroTable.from(config.macros.map((m) => [m.name, m.value] as [string, string])) };
}

const MACRO_DEFINITION = /^([A-Z][A-Za-z0-9_]*)\s*=(?!=)\s*(.*?)\s*$/s;
/** `set acl_m_x = value` (Exim 4.97+ -be feature; 4.96 would echo the line): sets an ACL variable. */
const SET_LINE = /^set\s+(acl_[cm][_a-zA-Z0-9]+)\s*=\s*(.*?)\s*$/s;

/** What one logical input line produces: a line for stdout, or a complaint for stderr. */
export interface BeLineResult {
  out?: string;
  err?: string;
}

/**
 * Process one stdin line. Macros are substituted first; a line that then starts with an
 * upper-case letter is a macro definition (Exim's rule), and a malformed one is reported as a
 * configuration error on stderr with nothing on stdout.
 */
export async function beProcessLine(line: string, session: BeSession): Promise<BeLineResult> {
  const text = session.macros.substitute(line);
  if (/^[A-Z]/.test(text)) {
    const def = MACRO_DEFINITION.exec(text);
    if (!def) return { err: configErrorText(session.config.sourceName, 'malformed macro definition') };
    session.macros.define(def[1]!, def[2]!);
    return { out: `Defined macro '${def[1]}'` };
  }
  const set = SET_LINE.exec(text);
  if (set) return setVariable(set[1]!, set[2]!, session);
  return { out: await beExpandText(text, session.ctx) };
}

/** A `set` line: the value is expanded and stored; nothing is printed unless expansion fails. */
async function setVariable(name: string, value: string, session: BeSession): Promise<BeLineResult> {
  try {
    session.ctx.vars.set(name, await expand(value, session.ctx));
    return {};
  } catch (err) {
    if (err instanceof ExpandError) return { out: `Failed: ${err.message}` };
    throw err;
  }
}

/** What -be prints on stdout for one logical input line (no trailing newline). */
export async function beExpandLine(line: string, session: BeSession): Promise<string> {
  return (await beProcessLine(line, session)).out ?? '';
}

function configErrorText(file: string, message: string): string {
  return `${logTimestamp(new Date())} Exim configuration error in line 0 of ${file}:\n  ${message}`;
}

/** Expansion of one string as -be shows it: the result, or "Failed: <reason>". */
export async function beExpandText(text: string, ctx: ExpandContext): Promise<string> {
  try {
    return (await expand(text, ctx)).s;
  } catch (err) {
    if (err instanceof ExpandError) return `Failed: ${err.message}`;
    throw err;
  }
}

/** Run -be over command-line arguments: each is expanded (macros substituted) and printed. */
export async function runBeArgs(args: string[], session: BeSession, out: Writable): Promise<void> {
  for (const arg of args) {
    out.write((await beExpandText(session.macros.substitute(arg), session.ctx)) + '\n');
  }
}

/** Run -be interactively over a stream, with Exim's "> " prompts. */
export async function runBeStream(input: Readable, session: BeSession, out: Writable, err: Writable): Promise<void> {
  out.write('> ');
  for await (const line of readLogicalLines(input)) {
    const res = await beProcessLine(line, session);
    if (res.err !== undefined) err.write(res.err + '\n');
    out.write(res.out !== undefined ? res.out + '\n> ' : '> ');
  }
  out.write('\n');
}
