/**
 * PCRE2 10.42 compile error texts (as Exim prints them after "regular expression error in ...:").
 * Only the messages the translator can produce are listed.
 */
import { RegexError } from './types.js';

export const PCRE_ERR = {
  backslashAtEnd: '\\ at end of pattern',
  cAtEnd: '\\c at end of pattern',
  unrecognizedEscape: 'unrecognized character follows \\',
  quantifierOrder: 'numbers out of order in {} quantifier',
  quantifierTooBig: 'number too big in {} quantifier',
  missingBracket: 'missing terminating ] for character class',
  invalidInClass: 'escape sequence is invalid in character class',
  rangeOutOfOrder: 'range out of order in character class',
  nothingToRepeat: 'quantifier does not follow a repeatable item',
  unknownAfterParen: 'unrecognized character after (? or (?-',
  posixCollating: 'POSIX collating elements are not supported',
  missingParen: 'missing closing parenthesis',
  missingCommentParen: 'missing ) after (?# comment',
  unmatchedParen: 'unmatched closing parenthesis',
  noSuchGroup: 'reference to non-existent subpattern',
  lookbehindNotFixed: 'lookbehind assertion is not fixed length',
  unknownPosix: 'unknown POSIX class name',
  codeTooLarge: 'character code point value in \\x{} or \\o{} is too large',
  nameExpected: 'subpattern name expected',
  nameStartsWithDigit: 'subpattern name must start with a non-digit',
  nameSyntax: 'syntax error in subpattern name (missing terminator?)',
  duplicateName: 'two named subpatterns have the same name (PCRE2_DUPNAMES not set)',
  gSyntax: '\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a plain number',
  kSyntax: '\\k is not followed by a braced, angle-bracketed, or quoted name',
  invalidRange: 'invalid range in character class',
  nonHexInBraces: 'non-hex character in \\x{} (closing brace missing?)',
  nonOctalInBraces: 'non-octal character in \\o{} (closing brace missing?)',
  digitsMissing: 'digits missing in \\x{} or \\o{} or \\N{U+}',
  recursionParen: '(?R (recursive pattern call) must be followed by a closing parenthesis',
  verbUnknown: '(*VERB) not recognized or malformed',
  nUnicodeOnly: '\\N{U+dddd} is supported only in Unicode (UTF) mode',
  unsupportedEscape: 'PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u',
  nInClass: '\\N is not supported in a class',
  unknownProperty: 'unknown property after \\P or \\p',
  malformedProperty: 'malformed \\P or \\p sequence',
  oMissingBrace: 'missing opening brace after \\o',
  numberTooBig: 'number is too big',
  groupZero: 'a numbered reference must not be zero',
  conditionAssert: 'assertion expected after (?( or (?(?C)',
} as const;

/** Valid PCRE2 syntax that the JavaScript translation cannot reproduce (Exim would accept it). */
export class RegexUnsupportedError extends RegexError {}

export function notSupported(what: string, pattern: string, offset: number): RegexError {
  return new RegexUnsupportedError(`${what} is not supported by Mailwright's PCRE2 translation`, pattern, offset);
}

export function pcreError(message: string, pattern: string, offset: number): RegexError {
  return new RegexError(message, pattern, offset);
}
