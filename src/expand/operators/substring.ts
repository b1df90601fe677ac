/** Byte-oriented string slicing: length (l), substr (s), strlen. */
import { registerOperator } from './registry.js';
import { stringToBytes, bytesToString } from './bytes.js';
import { numericParams } from './params.js';

/** First n bytes of the subject (the whole subject when shorter). */
export function leadingBytes(subject: string, n: number): string {
  const bytes = stringToBytes(subject);
  return n >= bytes.length ? subject : bytesToString(bytes.subarray(0, n));
}

/**
 * Exim's substr: a negative offset counts from the end; without a length a negative offset
 * takes everything before that point; overshooting the start shortens the length.
 */
export function substring(subject: string, offset: number, length?: number): string {
  const bytes = stringToBytes(subject);
  const size = bytes.length;
  let start = offset;
  let count = length;
  if (start < 0) {
    start += size;
    if (count === undefined) {
      count = start;
      start = 0;
    } else if (start < 0) {
      count += start;
      start = 0;
    }
  }
  if (start > size || (count !== undefined && count <= 0)) return '';
  const end = count === undefined ? size : Math.min(size, start + count);
  return bytesToString(bytes.subarray(start, end));
}

for (const name of ['length', 'l']) {
  registerOperator({
    name,
    takesParams: true,
    fn: (subject, params) => leadingBytes(subject, numericParams(name, params, 1)[0]!),
  });
}

for (const name of ['substr', 's']) {
  registerOperator({
    name,
    takesParams: true,
    fn(subject, params) {
      const [offset, length] = numericParams(name, params, 2, true);
      return substring(subject, offset!, length);
    },
  });
}

registerOperator({ name: 'strlen', takesParams: true, fn: (subject) => String(stringToBytes(subject).length) });
