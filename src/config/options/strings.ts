/**
 * String option values: a value that starts with a double quote is a C-like quoted string whose
 * escapes are interpreted; anything else is taken literally (backslashes included), as Exim does.
 */
import { OptionValueError } from './values.js';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * Interprets one escape starting after the backslash at text[i]; returns the produced character and
 * the index just past the escape. Unknown escapes yield the character itself (backslash dropped).
 */
export function readEscape(text: string, i: number): { char: string; next: number } {
  const c = text.charAt(i);
  if (/[0-7]/.test(c)) {
    const m = /^[0-7]{1,3}/.exec(text.slice(i))!;
    return { char: String.fromCharCode(parseInt(m[0], 8) & 0xff), next: i + m[0].length };
  }
  if (c === 'x') {
    const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1));
    // \x without hex digits gives a NUL, which ends the C string (see parseStringValue).
    return m ? { char: String.fromCharCode(parseInt(m[0], 16)), next: i + 1 + m[0].length } : { char: '\0', next: i + 1 };
  }
  const simple = SIMPLE_ESCAPES[c];
  return { char: simple ?? c, next: i + 1 };
}

/** Unquotes an option's string value (text already stripped of surrounding white space). */
export function parseStringValue(text: string, optionName: string): string {
  if (!text.startsWith('"')) return text;
  let out = '';
  let i = 1;
  while (i < text.length && text.charAt(i) !== '"') {
    if (text.charAt(i) === '\\' && i + 1 < text.length) {
      const esc = readEscape(text, i + 1);
      out += esc.char;
      i = esc.next;
    } else {
      out += text.charAt(i);
      i += 1;
    }
  }
  if (i >= text.length) throw new OptionValueError(`missing quote at end of string value for ${optionName}`);
  if (text.slice(i + 1).trim() !== '') {
    throw new OptionValueError(`extra characters follow string value for ${optionName}`);
  }
  // Exim keeps option strings as C strings: an escaped NUL silently ends the value.
  const nul = out.indexOf('\0');
  return nul < 0 ? out : out.slice(0, nul);
}
