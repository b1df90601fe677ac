/**
 * The argv of a pipe delivery: the command split into arguments as Exim does (white space,
 * "double quotes" with backslash escapes, 'single quotes' verbatim), each argument expanded on its
 * own, `$pipe_addresses` and (with force_command) `$address_pipe` turned into several arguments;
 * then taint, allow_commands / restrict_to_path and the PATH search.
 */
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import type { DriverOptions } from '../../config/driver-options.js';
import { ExpandError, expand } from '../../expand/index.js';
import type { ExpandContext } from '../../expand/types.js';
import type { AddressItem } from '../../route/types.js';
import { listItems } from '../../util/exim-list.js';
import { deferWith, failWith } from '../local-common.js';
import { rcptAddress } from '../appendfile/render.js';

/** Splits a command line into raw (unexpanded) arguments. */
export function splitCommand(text: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let arg = '';
    const q = text[i];
    if (q === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) arg += unescape(text[++i]!);
        else arg += text[i];
        i++;
      }
      i++;
    } else if (q === "'") {
      i++;
      while (i < text.length && text[i] !== "'") arg += text[i++];
      i++;
    } else {
      while (i < text.length && !/\s/.test(text[i]!)) arg += text[i++];
    }
    args.push(arg);
  }
  return args;
}

function unescape(c: string): string {
  return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[c] ?? c;
}

export interface CommandInput {
  readonly raw: string;
  readonly addresses: readonly AddressItem[];
  readonly opts: DriverOptions;
  readonly ectx: ExpandContext;
  /** The command came from a redirect (`|cmd`) and is not expanded. */
  readonly fromRedirect: boolean;
  readonly addressPipe?: string;
}

/** The expanded argv (argv[0] not yet resolved against PATH). */
export async function buildArgv(input: CommandInput): Promise<string[]> {
  const { opts } = input;
  const raw = splitCommand(input.raw);
  if (raw.length === 0) failWith(`no command specified for ${opts.name} transport`);
  if (input.fromRedirect) return raw;
  const argv: string[] = [];
  for (let n = 0; n < raw.length; n++) {
    const arg = raw[n]!;
    if (arg === '$pipe_addresses') {
      for (const a of input.addresses) argv.push(rcptAddress(a, opts));
      continue;
    }
    if (arg === '$address_pipe' && input.addressPipe !== undefined && opts.bool('force_command')) {
      argv.push(...splitCommand(input.addressPipe));
      continue;
    }
    let value;
    try {
      value = await expand(arg, input.ectx);
    } catch (e) {
      if (!(e instanceof ExpandError)) throw e;
      deferWith(`Expansion of "${arg}" from command "${input.raw}" in ${opts.name} transport failed: ${e.message}`);
    }
    if (value.tainted) failWith(`Tainted arg ${argv.length} for ${opts.name} transport command: '${value.s}'`);
    argv.push(value.s);
  }
  return argv;
}

/** Applies allow_commands / restrict_to_path and finds a relative command in `path`. */
export async function resolveCommand(argv: string[], opts: DriverOptions, ectx: ExpandContext, pathDirs: readonly string[]): Promise<string> {
  const cmd = argv[0]!;
  const allowText = opts.str('allow_commands');
  let permitted = false;
  if (allowText !== undefined) {
    let allowList: string;
    try {
      allowList = (await expand(allowText, ectx)).s;
    } catch (e) {
      if (!(e instanceof ExpandError)) throw e;
      deferWith(`failed to expand string "${allowText}" for ${opts.name} transport: ${e.message}`);
    }
    permitted = listItems(allowList, ':').includes(cmd);
  }
  const restrict = opts.bool('restrict_to_path');
  if (!permitted) {
    if (restrict) {
      if (cmd.includes('/')) failWith(`"/" found in "${cmd}" (command for ${opts.name} transport) - failed for security reasons`);
    } else if (allowText !== undefined) {
      failWith(`"${cmd}" command not permitted by ${opts.name} transport`);
    }
  }
  if (cmd.startsWith('/')) return cmd;
  for (const dir of pathDirs) {
    const candidate = join(dir, cmd);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* next */
    }
  }
  failWith(`"${cmd}" command not found for ${opts.name} transport`);
}
