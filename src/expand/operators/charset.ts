/**
 * Character set conversion for RFC 2047 decoding, standing in for iconv: iconv-lite first
 * (its ISO-8859-x are the real ones, unlike the WHATWG labels), then Node's TextDecoder for
 * the rest (e.g. ISO-2022-JP). Conversion failures keep the raw bytes, as Exim does.
 */
import iconv from 'iconv-lite';
import { ExpandError } from '../types.js';
import { bytesToString } from './bytes.js';

const isUtf8 = (name: string): boolean => /^utf-?8$/i.test(name);

function decoderFor(charset: string): ((b: Buffer) => string | undefined) | undefined {
  if (iconv.encodingExists(charset)) {
    return (b) => {
      const text = iconv.decode(b, charset);
      // iconv-lite substitutes U+FFFD for undecodable input; treat that as a failed conversion.
      return text.includes('\ufffd') && !b.includes(Buffer.from('\ufffd')) ? undefined : text;
    };
  }
  try {
    const td = new TextDecoder(charset, { fatal: true });
    return (b) => {
      try {
        return td.decode(b);
      } catch {
        return undefined;
      }
    };
  } catch {
    return undefined;
  }
}

function encoderFor(charset: string): ((s: string) => Buffer | undefined) | undefined {
  if (isUtf8(charset)) return (s) => Buffer.from(s, 'utf8');
  if (!iconv.encodingExists(charset)) return undefined;
  return (s) => {
    const bytes = iconv.encode(s, charset);
    // Characters the target cannot hold come back as '?': detect by round trip.
    return iconv.decode(bytes, charset) === s ? bytes : undefined;
  };
}

/** Convert `bytes` from `from` to `to`; unconvertible text is returned as its original bytes. */
export function convertCharset(bytes: Buffer, from: string, to: string): string {
  const decode = decoderFor(from);
  const encode = encoderFor(to);
  if (!decode || !encode) {
    throw new ExpandError(`iconv_open("${to}", "${from}") failed: Invalid argument (maybe unsupported conversion)`);
  }
  const text = decode(bytes);
  if (text === undefined) return bytesToString(bytes);
  const out = encode(text);
  return bytesToString(out ?? bytes);
}
