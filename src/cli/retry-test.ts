/**
 * `-brt key [error | alternate-domain]...`: print the retry rule that would apply, as exim -brt
 * does. Up to three arguments: the address or domain, then in any order a second domain (an
 * argument with a dot, tried when the first finds no rule) and an error name. `-f` gives the
 * sender (without it, rules with senders= never match).
 */
import type { Writable } from 'node:stream';
import type { CliOptions } from './args.js';
import { loadRuntimeConfig } from './runtime-config.js';
import { createExpandContext } from '../expand/index.js';
import { createLookupRegistry } from '../lookups/index.js';
import type { LoadedConfig } from '../config/types.js';
import type { ExpandContext } from '../expand/types.js';
import { checkRetryError } from '../config/sections/retry-errors.js';
import { findRetryRule, formatRetryRule } from '../queue/retry-rules.js';
import { parseRetryError, type RetryErrorSpec } from '../queue/retry-errors.js';
import { logTimestamp } from '../log/timestamp.js';

export interface RetryTestResult {
  readonly out: string;
  readonly err: string;
  readonly status: number;
}

interface ParsedArgs {
  key: string;
  alternate?: string;
  error?: RetryErrorSpec;
}

type ArgsOutcome = { ok: true; args: ParsedArgs; err: string } | { ok: false; err: string };

function parseTestArgs(operands: readonly string[], now: Date): ArgsOutcome {
  const [key, ...rest] = operands;
  if (key === undefined) return { ok: false, err: '-brt needs a domain or address argument\n' };
  const args: ParsedArgs = { key };
  let err = '';
  // Position matters: only the second argument may be a domain; the error comes after it.
  let errorArg = rest[0];
  if (errorArg !== undefined && errorArg.includes('.')) {
    args.alternate = errorArg;
    errorArg = rest[1];
  }
  if (errorArg !== undefined) {
    const check = checkRetryError(errorArg);
    const spec = parseRetryError(errorArg);
    if (!check.ok) return { ok: false, err: `${check.message}\n` };
    if (!spec) return { ok: false, err: `unknown or malformed retry error "${errorArg}"\n` };
    if (check.warning !== undefined) err += `${logTimestamp(now)} ${check.warning}\n`;
    args.error = spec;
  }
  return { ok: true, args, err };
}

/** Exim's remark about a key with neither `@` nor `.` (printed on standard output). */
function oneComponentWarning(key: string): string {
  if (key.includes('@') || key.includes('.')) return '';
  return (
    `Warning: "${key}" contains no '@' and no '.' characters. It is being \n` +
    'treated as a one-component domain, not as a local part.\n\n'
  );
}

export async function retryTest(
  operands: readonly string[],
  sender: string | undefined,
  loaded: LoadedConfig,
  ctx: ExpandContext,
  now = new Date(),
): Promise<RetryTestResult> {
  const parsed = parseTestArgs(operands, now);
  // Exim writes its complaints about the arguments on standard output, after the key's warning.
  const warning = operands[0] === undefined ? '' : oneComponentWarning(operands[0]);
  if (!parsed.ok) return { out: warning + parsed.err, err: '', status: 1 };
  const { args } = parsed;
  let out = warning;
  let err = parsed.err;
  const onError = (message: string): void => {
    err += `${logTimestamp(now)} ${message}\n`;
  };
  const rule = await findRetryRule(
    loaded.retry,
    { key: args.key, ...(args.alternate ? { alternate: args.alternate } : {}), ...(args.error ? { error: args.error } : {}), ...(sender !== undefined ? { sender } : {}) },
    { ctx, onError },
  );
  out += rule ? `${formatRetryRule(rule)}\n` : 'No retry information found\n';
  return { out, err, status: 0 };
}

export async function runRetryTest(opts: CliOptions, out: Writable): Promise<number> {
  const config = loadRuntimeConfig({ file: opts.configFile, macros: opts.macros });
  const ctx = createExpandContext({ config: config.view, lookups: createLookupRegistry({ revalidateFiles: false }), vars: new Map() });
  const result = await retryTest(opts.operands, opts.sender, config.loaded, ctx);
  if (result.err) process.stderr.write(result.err);
  out.write(result.out);
  return result.status;
}
