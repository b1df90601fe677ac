/**
 * `-be`: expansion test mode, behaving like `exim -be`. With arguments each is expanded and
 * printed on its own line; without, stdin lines are read with a "> " prompt before each
 * logical line, backslash continuation (leading white space of the continuation dropped),
 * and macro definitions (`NAME = value` prints "Defined macro 'NAME'").
 */
import type { Readable, Writable } from 'node:stream';
import { ExpandError } from '../expand/types.js';
import type { ExpandContext, TStr } from '../expand/types.js';
import { expand, expandM, createExpandContext } from '../expand/index.js';
import { createLookupRegistry } from '../lookups/index.js';
import { loadRuntimeConfig, type RuntimeConfig } from './runtime-config.js';
import { MacroStore } from '../config/macros.js';
import { ConfigError } from '../util/errors.js';
import { bytesToString, stringToBytes } from '../expand/operators/bytes.js';
import { readLogicalLineBatches } from './line-reader.js';
import { logTimestamp } from '../log/timestamp.js';
import { aclExpandHook, createAclEngine } from '../acl/index.js';

export interface BeSession {
  readonly config: RuntimeConfig;
  readonly ctx: ExpandContext;
  readonly macros: MacroStore;
}

export interface BeSessionOptions {
  configFile?: string;
  macros?: Record<string, string>;
}

export async function createBeSession(opts: BeSessionOptions = {}): Promise<BeSession> {
  const config = loadRuntimeConfig({ file: opts.configFile, macros: opts.macros });
  const ctx = createExpandContext({
    config: config.view,
    // exim -be keeps lookup files open and their results cached for the whole run.
    lookups: createLookupRegistry({ revalidateFiles: false }),
    testMode: true,
    admin: true,
    vars: config.beVariables,
  });
  // ${acl{}} and the acl condition run ACLs with Exim's "unknown" hook, as exim -be does.
  ctx.runAcl = aclExpandHook(createAclEngine(config.loaded));
  return { config, ctx, macros: macroStoreFor(config) };
}

/** The configuration's macros, in a store that applies the file's definition rules to -be lines. */
function macroStoreFor(config: RuntimeConfig): MacroStore {
  const commandLine: Record<string, string> = {};
  for (const m of config.macros) if (m.commandLine) commandLine[m.name] = m.value;
  const store = new MacroStore(config.macros.filter((m) => m.builtin), commandLine);
  for (const m of config.macros) if (!m.builtin && !m.commandLine) store.define(m.name, m.value, false);
  return store;
}

const MACRO_DEFINITION = /^([A-Z][A-Za-z0-9_]*)\s*(==?)\s*(.*)$/s;
/** `set acl_m_x = value` (Exim 4.97+ -be feature; 4.96 would echo the line): sets an ACL variable. */
const SET_LINE = /^set\s+(acl_[cm][_a-zA-Z0-9]+)\s*=\s*(.*?)\s*$/s;

/** The line without trailing C-locale white space (space, \t, \n, \v, \f, \r). */
function trimTrailingSpace(line: string): string {
  let end = line.length;
  for (; end > 0; end--) {
    const c = line.charCodeAt(end - 1);
    if (c !== 0x20 && (c < 0x09 || c > 0x0d)) break;
  }
  return end === line.length ? line : line.slice(0, end);
}

const startsUpper = (s: string): boolean => s.length > 0 && s.charCodeAt(0) >= 0x41 && s.charCodeAt(0) <= 0x5a;

/** What one logical input line produces: a line for stdout, or a complaint for stderr. */
export interface BeLineResult {
  out?: string;
  err?: string;
}

/**
 * Process one stdin line as Exim does: trailing white space is dropped; a `NAME = value` line
 * defines a macro (only its value is macro-substituted); any other line is substituted, and if
 * it then starts with an upper-case letter it is a malformed definition, reported on stderr.
 */
export async function beProcessLine(line: string, session: BeSession): Promise<BeLineResult> {
  return beProcessLineM(line, session);
}

/** beProcessLine, with the result returned directly when the expansion needed no I/O. */
export function beProcessLineM(line: string, session: BeSession): BeLineResult | Promise<BeLineResult> {
  const trimmed = trimTrailingSpace(line);
  const def = startsUpper(trimmed) ? MACRO_DEFINITION.exec(trimmed) : null;
  if (def) return defineMacro(def[1]!, def[2] === '==', def[3]!, session);
  const text = session.macros.substitute(trimmed).text;
  if (startsUpper(text)) return { err: configErrorText(session.config.sourceName, 'malformed macro definition') };
  const set = text.startsWith('set') ? SET_LINE.exec(text) : null;
  if (set) return setVariable(set[1]!, set[2]!, session);
  const out = beExpandTextM(text, session.ctx);
  return out instanceof Promise ? out.then((o) => ({ out: o })) : { out };
}

function defineMacro(name: string, redefine: boolean, value: string, session: BeSession): BeLineResult {
  try {
    session.macros.define(name, session.macros.substitute(value).text, redefine);
    return { out: `Defined macro '${name}'` };
  } catch (err) {
    if (err instanceof ConfigError) return { err: `${logTimestamp(new Date())} Exim configuration error:\n  ${err.message}` };
    throw err;
  }
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
  return beExpandTextM(text, ctx);
}

function failedText(err: unknown): string {
  if (err instanceof ExpandError) return `Failed: ${err.message}`;
  throw err;
}

/** beExpandText, with the result returned directly when the expansion needed no I/O. */
function beExpandTextM(text: string, ctx: ExpandContext): string | Promise<string> {
  let r: TStr | Promise<TStr>;
  try {
    r = expandM(text, ctx);
  } catch (err) {
    return failedText(err);
  }
  return r instanceof Promise ? r.then((v) => v.s, failedText) : r.s;
}

/** Run -be over command-line arguments: each is expanded (macros substituted) and printed. */
export async function runBeArgs(args: string[], session: BeSession, out: Writable): Promise<void> {
  for (const arg of args) {
    const text = bytesToString(Buffer.from(arg, 'utf8'));
    out.write(stringToBytes((await beExpandText(session.macros.substitute(text).text, session.ctx)) + '\n'));
  }
}

/**
 * Run -be over a stream, with Exim's "> " prompts. Output is batched unless the input is a
 * terminal (where each prompt must appear before the next line is typed). Bytes that are not
 * UTF-8 pass through unchanged (see operators/bytes.ts).
 */
export async function runBeStream(input: Readable, session: BeSession, out: Writable, err: Writable): Promise<void> {
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const pending: string[] = ['> '];
  let size = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    out.write(stringToBytes(pending.join('')));
    pending.length = 0;
    size = 0;
  };
  for await (const batch of readLogicalLineBatches(input)) {
    for (const line of batch) {
      let res = beProcessLineM(line, session);
      if (res instanceof Promise) res = await res;
      if (res.err !== undefined) {
        flush();
        err.write(res.err + '\n');
      }
      const text = res.out !== undefined ? res.out + '\n> ' : '> ';
      pending.push(text);
      size += text.length;
      if (interactive || size > 65536) flush();
    }
  }
  pending.push('\n');
  flush();
}
