/**
 * The third part of a report: the original message returned whole (message/rfc822) or its
 * header only (text/rfc822-headers). Headers only when the sender asked (RET=HDRS), when
 * bounce_return_body is false, or when the body is over bounce_return_size_limit or has a line
 * over bounce_return_linesize_limit; in the last two cases a header line says why.
 */
import { stringToBytes } from '../../expand/operators/bytes.js';
import { HEADERS_ONLY_NOTE, partStart, returnedHeaders } from './common.js';
import type { ReportInput } from './types.js';

export const DEFAULT_RETURN_SIZE_LIMIT = 100 * 1024;
export const DEFAULT_RETURN_LINESIZE_LIMIT = 998;
/**
 * Exim copies the body in blocks of this size, so the size limit takes effect only in whole
 * blocks (a limit of 100 still returns an 8000-byte body; a 1K limit stops an 8300-byte one).
 */
const COPY_BLOCK = 8192;

/** Whether the body is too big or has over-long lines to be returned (Exim then returns headers only). */
export function bodyOverLimits(input: ReportInput): boolean {
  const limit = input.options.bounceReturnSizeLimit ?? DEFAULT_RETURN_SIZE_LIMIT;
  if (limit > 0 && input.body.length > Math.ceil(limit / COPY_BLOCK) * COPY_BLOCK) return true;
  return longestLine(input.body) > (input.options.bounceReturnLinesizeLimit ?? DEFAULT_RETURN_LINESIZE_LIMIT);
}

function longestLine(body: Buffer): number {
  let longest = 0;
  let start = 0;
  for (let i = body.indexOf(10); ; i = body.indexOf(10, start)) {
    const end = i < 0 ? body.length : i;
    const len = end > start && body[end - 1] === 13 ? end - start - 1 : end - start;
    if (len > longest) longest = len;
    if (i < 0) return longest;
    start = i + 1;
  }
}

export type ReturnMode = 'as-requested' | 'headers-only';

/** The returned-message part and the closing boundary. */
export function returnedPart(input: ReportInput, boundary: string, mode: ReturnMode): Buffer {
  const headers = returnedHeaders(input.message);
  const closing = `\n--${boundary}--\n`;
  const askedForHeaders = input.message.options.get('dsn_ret') === '2' || input.options.bounceReturnBody === false;
  if (mode === 'headers-only' || askedForHeaders) {
    return stringToBytes(`${partStart(boundary, 'text/rfc822-headers')}${headers}\n${closing}`);
  }
  if (bodyOverLimits(input)) {
    return stringToBytes(`${partStart(boundary, 'text/rfc822-headers')}${headers}${HEADERS_ONLY_NOTE}\n${closing}`);
  }
  return Buffer.concat([stringToBytes(`${partStart(boundary, 'message/rfc822')}${headers}\n`), input.body, stringToBytes(closing)]);
}
