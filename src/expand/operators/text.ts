/** Case, quoting and escaping operators: lc, uc, escape, escape8bit, hexquote, quote, quote_local_part, rxquote. */
import { registerOperator } from './registry.js';
import { stringToBytes, bytesToString } from './bytes.js';

/** Exim uses the C locale: only ASCII letters change case. */
registerOperator({ name: 'lc', takesParams: true, fn: (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) });
registerOperator({ name: 'uc', takesParams: true, fn: (s) => s.replace(/[a-z]+/g, (m) => m.toUpperCase()) });

const octal = (b: number): string => '\\' + b.toString(8).padStart(3, '0');
const NAMED_ESCAPES: Record<number, string> = { 0x08: '\\b', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r' };

/** Map each byte through `escapeByte` (undefined = keep), building the result as bytes. */
function mapBytes(subject: string, escapeByte: (b: number) => string | undefined): string {
  const bytes = stringToBytes(subject);
  const out: number[] = [];
  for (const b of bytes) {
    const esc = escapeByte(b);
    if (esc === undefined) out.push(b);
    else for (let i = 0; i < esc.length; i++) out.push(esc.charCodeAt(i) & 0xff);
  }
  return bytesToString(Buffer.from(out));
}

/** Non-printing bytes: controls other than tab, DEL, and 8-bit bytes unless `topBitPrints`. */
export function escapeNonPrinting(subject: string, topBitPrints = false): string {
  return mapBytes(subject, (b) => {
    if (b === 0x09 || (b >= 0x20 && b < 0x7f) || (topBitPrints && b >= 0x80)) return undefined;
    return NAMED_ESCAPES[b] ?? octal(b);
  });
}
registerOperator({
  name: 'escape',
  takesParams: true,
  fn: (s, _p, ctx) => escapeNonPrinting(s, isTrue(ctx.config.mainOption('print_topbitchars'))),
});

function isTrue(v: unknown): boolean {
  return v === true || v === 'true' || v === 'yes';
}

registerOperator({
  name: 'escape8bit',
  takesParams: true,
  fn: (s) => mapBytes(s, (b) => (b >= 0x7f || b === 0x5c ? octal(b) : undefined)),
});

registerOperator({
  name: 'hexquote',
  takesParams: true,
  fn: (s) => mapBytes(s, (b) => (b >= 33 && b <= 126 ? undefined : '\\x' + b.toString(16).padStart(2, '0'))),
});

/** Double quotes around the text, escaping quote and backslash, and writing CR/LF as \r and \n. */
function doubleQuote(s: string): string {
  return '"' + s.replace(/["\\\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\' + c)) + '"';
}

// `quote_<lookup>` is the evaluator's (lookup quoting), so plain quote takes no suffix.
registerOperator({
  name: 'quote',
  fn: (s) => (s !== '' && /^[A-Za-z0-9_.\-]+$/.test(s) ? s : doubleQuote(s)),
});

/** RFC 2822 atext; dots are fine between atoms (even doubled) but not at either end. */
const LOCAL_PART_UNQUOTED = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]([A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]*[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~])?$/;
registerOperator({
  name: 'quote_local_part',
  fn: (s) => (LOCAL_PART_UNQUOTED.test(s) ? s : doubleQuote(s)),
});

registerOperator({
  name: 'rxquote',
  takesParams: true,
  fn: (s) => mapBytes(s, (b) => (isAsciiAlnum(b) ? undefined : '\\' + String.fromCharCode(b))),
});

function isAsciiAlnum(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}
