/**
 * wildlsearch and nwildlsearch: like lsearch, but each key in the file is a pattern, matched
 * as Exim matches a list item against a string: `*suffix`, `^regex` (caseless unless the
 * pattern says otherwise), `type;file` (a nested lookup whose data is discarded), or a literal
 * compared case-insensitively. wildlsearch expands each key before matching; nwildlsearch
 * does not.
 */
import type { ExpandContext } from '../../expand/types.js';
import { ExpandError, untainted } from '../../expand/types.js';
import { checkLinearSearchFile, loadLinearSearchFile } from '../file-util.js';
import { asciiLower, entryResult, findLinearEntry } from '../linear-file.js';
import { matchesRegexKey } from '../regex-key.js';
import { parseLookupSpec } from '../spec.js';
import { LookupDefer, type LookupDriver, type LookupRequest } from '../types.js';

/** Expand a file key for wildlsearch; expansion failures make the lookup defer, as in Exim. */
async function expandKey(key: string, ctx: ExpandContext): Promise<string> {
  // Text without `$` or `\` expands to itself; skip the expander for speed.
  if (!key.includes('$') && !key.includes('\\')) return key;
  try {
    return (await ctx.services.expand(key, ctx)).s;
  } catch (err) {
    if (err instanceof ExpandError) throw new LookupDefer('');
    throw err;
  }
}

async function nestedLookupMatches(pattern: string, semi: number, subject: string, ctx: ExpandContext): Promise<boolean> {
  const spec = pattern.slice(0, semi);
  const arg = pattern.slice(semi + 1);
  const registry = ctx.services.lookups;
  const driver = registry.get(parseLookupSpec(spec).type);
  const outcome =
    driver?.style === 'query'
      ? await registry.lookup(spec, untainted(arg), undefined, ctx)
      : await registry.lookup(spec, untainted(subject), untainted(arg), ctx);
  return outcome.found;
}

/** Whether `pattern` (a key from the file, expanded or not) matches the looked-up `subject`. */
export async function wildKeyMatches(pattern: string, subject: string, ctx: ExpandContext): Promise<boolean> {
  if (pattern.startsWith('*')) {
    const suffix = asciiLower(pattern.slice(1));
    return asciiLower(subject).endsWith(suffix);
  }
  if (pattern.startsWith('^')) return matchesRegexKey(pattern, subject);
  const semi = pattern.indexOf(';');
  if (semi >= 0) return nestedLookupMatches(pattern, semi, subject, ctx);
  return asciiLower(pattern) === asciiLower(subject);
}

function makeWildDriver(name: string, expandKeys: boolean): LookupDriver {
  return {
    name,
    style: 'single-key',
    checkFile: checkLinearSearchFile,
    async find(req: LookupRequest, ctx: ExpandContext): Promise<string | null> {
      const { lines } = loadLinearSearchFile(req.file!);
      const entry = await findLinearEntry(lines, async (field) => {
        const pattern = expandKeys ? await expandKey(field.key, ctx) : field.key;
        return wildKeyMatches(pattern, req.key, ctx);
      });
      return entry ? entryResult(entry, req.options) : null;
    },
  };
}

export const wildlsearchDriver = makeWildDriver('wildlsearch', true);
export const nwildlsearchDriver = makeWildDriver('nwildlsearch', false);
