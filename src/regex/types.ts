/**
 * Contract of the regular-expression module. Exim uses PCRE2; Mailwright compiles patterns with
 * PCRE2 semantics (see docs/regex.md for how). Every user of regexes (expansion `match`, `${sg}`,
 * list items `^...`, ACL `regex =`) goes through compileRegex in ./index.ts.
 */
import { MailwrightError } from '../util/errors.js';

export interface RegexMatch {
  /** Offset of the match start in the subject (UTF-16 code units). */
  readonly index: number;
  /** Offset just after the match. */
  readonly end: number;
  /** groups[0] is the whole match; unset groups are undefined. */
  readonly groups: ReadonlyArray<string | undefined>;
}

export interface CompiledRegex {
  /** The pattern as written. */
  readonly source: string;
  /** Number of capturing groups. */
  readonly groupCount: number;
  /** First match at or after `start` (default 0), or null. */
  exec(subject: string, start?: number): RegexMatch | null;
  test(subject: string): boolean;
}

export interface RegexOptions {
  /** Compile caselessly (as PCRE2_CASELESS), e.g. for header-name matching. */
  readonly caseless?: boolean;
}

/** A pattern that does not compile; message and offset in PCRE2's wording. */
export class RegexError extends MailwrightError {
  constructor(
    message: string,
    readonly pattern: string,
    readonly offset: number,
  ) {
    super(message);
  }
}
