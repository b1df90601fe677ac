/** Small scanning helpers shared by the section parsers. */

export interface MacroLine {
  readonly name: string;
  readonly value: string;
  /** `==`: change the value of an existing macro. */
  readonly redefine: boolean;
}

/** `NAME = value` or `NAME == value`; undefined when the line does not have that shape. */
export function parseMacroLine(text: string): MacroLine | undefined {
  const m = /^([A-Za-z0-9_]+)\s*(==?)(.*)$/s.exec(text);
  if (!m) return undefined;
  return { name: m[1]!, value: m[3]!.trim(), redefine: m[2] === '==' };
}

export function startsUpper(text: string): boolean {
  return /^[A-Z]/.test(text);
}

/** A run of letters, digits and underscores at `from`. */
export function readName(text: string, from = 0): { name: string; end: number } {
  let end = from;
  while (end < text.length && /[A-Za-z0-9_]/.test(text[end]!)) end++;
  return { name: text.slice(from, end), end };
}

export function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/**
 * Reads one field of a retry or rewrite rule: either a double-quoted string (backslash escapes
 * as in quoted option values) or a run of non-white-space characters.
 */
export function readField(text: string, from: number): { value: string; end: number } {
  const start = skipSpace(text, from);
  if (text[start] !== '"') {
    let end = start;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    return { value: text.slice(start, end), end };
  }
  let out = '';
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && i + 1 < text.length) {
      const esc = readEscape(text, i + 1);
      out += esc.char;
      i = esc.end;
    } else {
      out += text[i++];
    }
  }
  return { value: out, end: i < text.length ? i + 1 : i };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t' };

/** One backslash escape starting just after the backslash: \n \r \t, octal, \xHH, or the character itself. */
export function readEscape(text: string, at: number): { char: string; end: number } {
  const c = text[at]!;
  if (c in SIMPLE_ESCAPES) return { char: SIMPLE_ESCAPES[c]!, end: at + 1 };
  const oct = /^[0-7]{1,3}/.exec(text.slice(at));
  if (oct) return { char: String.fromCharCode(parseInt(oct[0], 8) & 0xff), end: at + oct[0].length };
  if (c === 'x') {
    const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(at + 1));
    if (hex) return { char: String.fromCharCode(parseInt(hex[0], 16)), end: at + 1 + hex[0].length };
  }
  return { char: c, end: at + 1 };
}
