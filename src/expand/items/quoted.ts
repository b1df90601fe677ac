/** Double-quoted values inside ${extract} data: backslash escapes as in quoted configuration strings. */
import { interpretEscape } from '../escapes.js';

/** Read a quoted string starting at `start` (the opening quote); returns its value and the end offset. */
export function unquoteEximString(text: string, start: number): { value: string; end: number } {
  let i = start + 1;
  let value = '';
  while (i < text.length && text[i] !== '"') {
    if (text[i] === '\\' && i + 1 < text.length) {
      const { ch, len } = interpretEscape(text, i + 1);
      value += ch;
      i += 1 + len;
    } else value += text[i++];
  }
  return { value, end: Math.min(i + 1, text.length) };
}
