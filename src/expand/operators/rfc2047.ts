/** RFC 2047 encoded words: rfc2047 (encode in headers_charset) and rfc2047d (decode into it). */
import type { ExpandContext } from '../types.js';
import { registerOperator } from './registry.js';
import { stringToBytes, bytesToString } from './bytes.js';
import { convertCharset } from './charset.js';
import { decodeBase64Strict } from './base-encodings.js';

/** Exim's build default for headers_charset on Debian. */
export const DEFAULT_HEADERS_CHARSET = 'UTF-8';

export function headersCharset(ctx: ExpandContext): string {
  const v = ctx.config.mainOption('headers_charset');
  return typeof v === 'string' && v !== '' ? v : DEFAULT_HEADERS_CHARSET;
}

const Q_SPECIALS = new Set('?=()<>@,;:\\".[]_');
/** Exim starts a new encoded word once the current one passes this many characters. */
const WORD_LIMIT = 67;

/**
 * Q-encoding with Exim's word splitting: the length check counts the "=?cs?Q?" prefix for
 * every word but the first, and never splits right after an odd-numbered encoded byte (meant
 * to keep two-byte characters together). Text needing no encoding is returned unchanged.
 */
export function encodeRfc2047(subject: string, charset: string): string {
  const prefix = `=?${charset}?Q?`;
  const bytes = stringToBytes(subject);
  let out = prefix;
  let wordStart = prefix.length;
  let coded = false;
  let midPair = false;
  for (const b of bytes) {
    if (out.length - wordStart > WORD_LIMIT && !midPair) {
      out += '?= ';
      wordStart = out.length;
      out += prefix;
    }
    if (b >= 33 && b <= 126 && !Q_SPECIALS.has(String.fromCharCode(b))) {
      out += String.fromCharCode(b);
      midPair = false;
    } else if (b === 0x20) {
      out += '_';
      midPair = false;
    } else {
      out += '=' + b.toString(16).toUpperCase().padStart(2, '0');
      coded = true;
      midPair = !midPair;
    }
  }
  return coded ? out + '?=' : subject;
}

registerOperator({ name: 'rfc2047', takesParams: true, fn: (s, _p, ctx) => encodeRfc2047(s, headersCharset(ctx)) });

const ENCODED_WORD = /=\?([^? \t\n\v\f\r]*)\?([BbQq])\?([^? \t\n\v\f\r]*)\?=/y;
/** Longest encoded word recognised (check_rfc2047_length default). */
const MAX_WORD = 75;

function decodeQ(text: string): Buffer | undefined {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '_') out.push(0x20);
    else if (c === '=') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(...stringToBytes(c));
  }
  return Buffer.from(out);
}

interface EncodedWord {
  readonly end: number;
  readonly text: string;
}

function decodeWordAt(subject: string, pos: number, target: string, checkLength: boolean): EncodedWord | undefined {
  ENCODED_WORD.lastIndex = pos;
  const m = ENCODED_WORD.exec(subject);
  if (!m || (checkLength && m[0].length > MAX_WORD)) return undefined;
  const [, charset, encoding, payload] = m as unknown as [string, string, string, string];
  const raw = encoding.toUpperCase() === 'Q' ? decodeQ(payload) : decodeBase64Strict(payload);
  if (!raw) return undefined;
  for (let i = 0; i < raw.length; i++) if (raw[i] === 0) raw[i] = 0x3f; // binary zero -> '?'
  const text = charset === '' ? bytesToString(raw) : convertCharset(raw, charset, target);
  return { end: pos + m[0].length, text };
}

/** Decode every encoded word; white space between two adjacent encoded words is dropped. */
export function decodeRfc2047(subject: string, target: string, checkLength = true): string {
  let out = '';
  let pos = 0;
  let pendingGap = '';
  let lastWasWord = false;
  while (pos < subject.length) {
    const word = subject.startsWith('=?', pos) ? decodeWordAt(subject, pos, target, checkLength) : undefined;
    if (word) {
      out += (lastWasWord && /^[ \t\n\v\f\r]*$/.test(pendingGap) ? '' : pendingGap) + word.text;
      pendingGap = '';
      lastWasWord = true;
      pos = word.end;
      continue;
    }
    const c = subject[pos++]!;
    if (lastWasWord && /[ \t\n\v\f\r]/.test(c)) {
      pendingGap += c;
      continue;
    }
    out += pendingGap + c;
    pendingGap = '';
    lastWasWord = false;
  }
  // Raw bytes from adjacent words may join into valid UTF-8: re-normalise the byte form.
  return bytesToString(stringToBytes(out + pendingGap));
}

registerOperator({
  name: 'rfc2047d',
  takesParams: true,
  // check_rfc2047_length (default true) limits encoded words to 75 characters.
  fn: (s, _p, ctx) => decodeRfc2047(s, headersCharset(ctx), ctx.config.mainOption('check_rfc2047_length') !== false),
});
