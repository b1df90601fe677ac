/**
 * Reader for the lsearch file format, shared by lsearch, wildlsearch, nwildlsearch and
 * iplsearch. Behaviour checked against exim4 -be:
 * - a key line starts with a non-blank character other than `#`;
 * - an unquoted key ends at a colon or white space; a key starting with `"` ends at the next
 *   unescaped `"` (or end of line) and backslash escapes in it are interpreted;
 * - after the key: optional white space, one optional colon, optional white space; the rest of
 *   the line, with trailing white space removed, is the data;
 * - following lines that start with white space and hold something else are continuations,
 *   each adding one space plus its trimmed text; an empty, blank-only, `#` or key line ends
 *   the entry.
 */

const SPACE = new Set([' ', '\t', '\n', '\r', '\f', '\v']);
export const isSpace = (c: string | undefined): boolean => c !== undefined && SPACE.has(c);

export function trimEnd(s: string): string {
  let end = s.length;
  while (end > 0 && isSpace(s[end - 1])) end--;
  return s.slice(0, end);
}

export function trimStart(s: string): string {
  let i = 0;
  while (i < s.length && isSpace(s[i])) i++;
  return s.slice(i);
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t' };
const isOctal = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

/** A single byte as a string: ASCII as itself, others as a surrogate escape (see expand/operators/bytes.ts). */
const byteChar = (v: number): string => String.fromCharCode(v < 0x80 ? v : 0xdc00 + v);

/** Interpret one backslash escape at s[i] (the character after the backslash). */
function escapeAt(s: string, i: number): { ch: string; next: number } {
  const c = s[i];
  if (c === undefined) return { ch: '\\', next: i };
  if (SIMPLE_ESCAPES[c] !== undefined) return { ch: SIMPLE_ESCAPES[c]!, next: i + 1 };
  if (isOctal(c)) {
    let j = i;
    let v = 0;
    while (j < i + 3 && isOctal(s[j])) v = v * 8 + Number(s[j++]);
    return { ch: byteChar(v & 0xff), next: j };
  }
  if (c === 'x' && isHex(s[i + 1])) {
    let j = i + 1;
    let v = 0;
    while (j < i + 3 && isHex(s[j])) v = v * 16 + Number.parseInt(s[j++]!, 16);
    return { ch: byteChar(v), next: j };
  }
  return { ch: c, next: i + 1 };
}

export interface KeyField {
  /** The key as the file means it (quotes removed, escapes interpreted). */
  readonly key: string;
  /** Whether the key was written in double quotes. */
  readonly quoted: boolean;
  /** Offset in the line just after the key (after the closing quote, if any). */
  readonly end: number;
}

/** Read the key at the start of a key line. */
export function readKeyField(line: string): KeyField {
  if (line[0] !== '"') {
    let i = 0;
    while (i < line.length && line[i] !== ':' && !isSpace(line[i])) i++;
    return { key: line.slice(0, i), quoted: false, end: i };
  }
  let key = '';
  let i = 1;
  while (i < line.length && line[i] !== '"') {
    if (line[i] === '\\') {
      const e = escapeAt(line, i + 1);
      key += e.ch;
      i = e.next;
    } else {
      key += line[i++];
    }
  }
  return { key, quoted: true, end: i < line.length ? i + 1 : i };
}

/** Data part of a key line: skip white space, one optional colon, white space; trim the end. */
export function dataAfterKey(line: string, keyEnd: number): string {
  let i = keyEnd;
  while (isSpace(line[i])) i++;
  if (line[i] === ':') i++;
  while (isSpace(line[i])) i++;
  return trimEnd(line.slice(i));
}

function isKeyLine(line: string): boolean {
  return line.length > 0 && !isSpace(line[0]) && line[0] !== '#';
}

function isContinuation(line: string): boolean {
  return line.length > 0 && isSpace(line[0]) && trimStart(line).length > 0;
}

export interface LinearEntry {
  readonly field: KeyField;
  /** Data of the entry, continuations joined. */
  readonly data: string;
  /** `ret=full`: the dequoted key followed by the rest of the line, continuations joined. */
  readonly full: string;
}

/** The entry whose key line is lines[n] (key field already read). */
export function entryAt(lines: readonly string[], n: number, field: KeyField): LinearEntry {
  const line = lines[n]!;
  let data = dataAfterKey(line, field.end);
  let full = trimEnd(field.key + line.slice(field.end));
  for (let m = n + 1; m < lines.length && isContinuation(lines[m]!); m++) {
    const more = trimEnd(trimStart(lines[m]!));
    data += ' ' + more;
    full += ' ' + more;
  }
  return { field, data, full };
}

/** A key line of a file: its line number and key field. */
export interface KeyLine {
  readonly n: number;
  readonly field: KeyField;
}

/** Every key line of a file, in order. */
export function keyLinesOf(lines: readonly string[]): KeyLine[] {
  const out: KeyLine[] = [];
  for (let n = 0; n < lines.length; n++) {
    if (isKeyLine(lines[n]!)) out.push({ n, field: readKeyField(lines[n]!) });
  }
  return out;
}

/**
 * Scan `text` (or its lines) for the first key line accepted by `matches` and return its
 * entry. `matches` may be async (wildlsearch expands keys) and may throw to abort the search.
 */
export async function findLinearEntry(
  text: string | readonly string[],
  matches: (field: KeyField) => boolean | Promise<boolean>,
): Promise<LinearEntry | null> {
  const lines = typeof text === 'string' ? text.split('\n') : text;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (!isKeyLine(line)) continue;
    const field = readKeyField(line);
    if (!(await matches(field))) continue;
    return entryAt(lines, n, field);
  }
  return null;
}

const UPPER = /[A-Z]/;
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** ASCII-only lower-casing, as C's tolower() in the C locale. */
export function asciiLower(s: string): string {
  if (!UPPER.test(s)) return s;
  if (ASCII_ONLY.test(s)) return s.toLowerCase();
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** The data an entry yields, honouring the `ret=full` option. */
export function entryResult(entry: LinearEntry, options: ReadonlyMap<string, string>): string {
  return options.get('ret') === 'full' ? entry.full : entry.data;
}
