/**
 * The rewrite section: `pattern replacement [flags]`. Pattern and replacement may be quoted;
 * flags are single letters, white space between them ignored.
 */
import { ConfigError } from '../../util/errors.js';
import type { ParseState, SectionParser } from '../parse-state.js';
import { readField, skipSpace } from '../text.js';
import type { RewriteRule, SourceLocation } from '../types.js';

const FLAG_LETTERS = new Set('EFTbcfhrstSQqRw');

/** Parses one rewrite rule; shared with headers_rewrite-style lists. */
export function parseRewriteRule(text: string, loc: SourceLocation): RewriteRule {
  const fail = (message: string): never => {
    throw new ConfigError(message, loc.file, loc.line);
  };
  const pattern = readField(text, 0);
  const start = skipSpace(text, pattern.end);
  if (start >= text.length) fail('missing rewrite replacement string');
  const replacement = readField(text, start);
  let flags = '';
  for (const c of text.slice(replacement.end)) {
    if (c === ' ' || c === '\t') continue;
    if (!FLAG_LETTERS.has(c)) {
      fail(`unknown rewrite flag character '${c}' (could be missing quotes round replacement item)`);
    }
    flags += c;
  }
  if (flags.includes('S') && !pattern.value.startsWith('^')) {
    fail('rewrite rule has the S flag but is not a regular expression');
  }
  return { pattern: pattern.value, replacement: replacement.value, flags, loc };
}

export class RewriteSection implements SectionParser {
  constructor(private readonly state: ParseState) {}

  line(text: string): void {
    this.state.rewrite.push(parseRewriteRule(text, this.state.reader.location));
  }

  end(): void {}
}
