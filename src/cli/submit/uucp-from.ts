/**
 * The Sendmail/Smail "From sender date" first line of a local message (spec, -bm): when it
 * matches uucp_from_pattern it is removed, and for a trusted caller who did not use -f the
 * sender becomes uucp_from_sender expanded with the pattern's captures as $1... exim4 still
 * counts the line in -max_received_linelength.
 */
import { compileRegex } from '../../regex/index.js';
import { ExpandError, untainted, type ExpandContext } from '../../expand/types.js';
import type { LoadedConfig } from '../../config/types.js';
import { strOption } from './options.js';

export interface UucpFromLine {
  /** The message without the line. */
  readonly rest: string;
  /** Its length (for the longest-line count). */
  readonly length: number;
  /** uucp_from_sender expanded; undefined when the expansion failed. */
  readonly sender?: string;
}

export async function takeUucpFromLine(text: string, config: LoadedConfig, ctx: ExpandContext): Promise<UucpFromLine | undefined> {
  if (!text.startsWith('From ')) return undefined;
  const pattern = strOption(config, 'uucp_from_pattern');
  if (pattern === undefined || pattern === '') return undefined;
  const nl = text.indexOf('\n');
  const line = nl < 0 ? text : text.slice(0, nl);
  const m = compileRegex(pattern).exec(line);
  if (m === null) return undefined;
  const saved = ctx.numeric;
  ctx.numeric = m.groups.map((g) => untainted(g ?? ''));
  try {
    const sender = (await ctx.services.expand(strOption(config, 'uucp_from_sender') ?? '$1', ctx)).s;
    return { rest: nl < 0 ? '' : text.slice(nl + 1), length: line.length, sender };
  } catch (e) {
    if (!(e instanceof ExpandError)) throw e;
    return { rest: nl < 0 ? '' : text.slice(nl + 1), length: line.length };
  } finally {
    ctx.numeric = saved;
  }
}
