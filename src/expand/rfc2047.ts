/**
 * RFC 2047 "encoded words" in header text (=?charset?B|Q?text?=), as used by $h_ / $bh_ and
 * the rfc2047d operator. White space between two adjacent encoded words is dropped; a word
 * that does not decode is left as written; binary zeros become '?'.
 */
import iconv from 'iconv-lite';
import { bytesToString } from './operators/bytes.js';

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** Bytes of one encoded word's payload, or undefined when it is not valid. */
function wordBytes(encoding: string, text: string): Buffer | undefined {
  if (encoding === 'B' || encoding === 'b') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
    return Buffer.from(text, 'base64');
  }
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '_') out.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

/**
 * Decode the encoded words of `text`. With `translate` the bytes are converted from each word's
 * charset to a JavaScript string (what $h_ shows with headers_charset UTF-8); without it each byte
 * becomes one character (what $bh_ gives: no character-set translation).
 */
export function decodeRfc2047(text: string, translate = true): string {
  let out = '';
  let last = 0;
  let prevWasWord = false;
  for (const m of text.matchAll(ENCODED_WORD)) {
    const between = text.slice(last, m.index);
    const bytes = wordBytes(m[2]!, m[3]!);
    if (bytes === undefined) {
      out += between + m[0];
      prevWasWord = false;
    } else {
      if (!(prevWasWord && /^[ \t\r\n]*$/.test(between))) out += between;
      out += bytesToText(bytes, m[1]!, translate);
      prevWasWord = true;
    }
    last = m.index + m[0].length;
  }
  out += text.slice(last);
  return out.replace(/\0/g, '?');
}

function bytesToText(bytes: Buffer, charset: string, translate: boolean): string {
  const cs = charset.replace(/\*.*$/, ''); // RFC 2231 language suffix
  if (translate && iconv.encodingExists(cs)) return iconv.decode(bytes, cs);
  return bytesToString(bytes);
}
