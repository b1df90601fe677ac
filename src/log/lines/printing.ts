/**
 * Making untrusted text safe for a one-line log entry, as exim4 does (observed through -bh and
 * daemon logs): \n \r \b \v \f become C escapes, other control characters, DEL and (unless
 * print_topbitchars) bytes above 127 become three-digit octal escapes; tab, backslash and
 * quotes pass unchanged. Strings hold one byte per character (latin1).
 */
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\b': '\\b', '\v': '\\v', '\f': '\\f' };

export interface PrintingOptions {
  /** print_topbitchars: leave bytes 128-255 as they are. */
  readonly topBitChars?: boolean;
}

export function printable(text: string, opts: PrintingOptions = {}): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if ((code >= 0x20 && code < 0x7f) || ch === '\t') out += ch;
    else if (NAMED[ch] !== undefined) out += NAMED[ch];
    else if (code < 0x20 || code === 0x7f || (code < 0x100 && !opts.topBitChars)) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return out;
}

/**
 * A quoted field value such as T="..." or DN="...": printable text with backslashes and
 * double quotes escaped by a backslash, in double quotes.
 */
export function quotedField(text: string, opts: PrintingOptions = {}): string {
  return `"${printable(text.replace(/[\\"]/g, (c) => `\\${c}`), opts)}"`;
}

/**
 * A quoted DN="..." value: exim4 escapes the double quotes of the peer DN but leaves its
 * backslashes alone: they already escape the DN's own specials. The DN `O=A "B"\, Inc` (one
 * backslash before the comma) is logged as `DN="O=A \"B\"\, Inc"`.
 */
export function quotedDn(dn: string, opts: PrintingOptions = {}): string {
  return `"${printable(dn.replace(/"/g, '\\"'), opts)}"`;
}
