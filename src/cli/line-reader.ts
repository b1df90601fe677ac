/**
 * Logical lines from a stream for -be: a line ending in backslash continues on the next one,
 * whose leading white space is dropped; a trailing backslash at end of input is discarded.
 */
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';

export async function* readLogicalLines(input: Readable): AsyncGenerator<string> {
  input.setEncoding('latin1'); // bytes pass through unchanged; callers decode
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  let pending: string | undefined;
  for await (const raw of rl) {
    const piece = pending === undefined ? raw : raw.replace(/^[ \t]+/, '');
    const joined = (pending ?? '') + piece;
    if (joined.endsWith('\\')) {
      pending = joined.slice(0, -1);
      continue;
    }
    pending = undefined;
    yield joined;
  }
  if (pending !== undefined) yield pending;
}
