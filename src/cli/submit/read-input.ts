/**
 * Reading a locally submitted message from the standard input, as Exim does for non-SMTP input:
 * lines end in LF, a CR right before the LF is dropped (so CRLF input is stored with LF), a
 * missing final newline is supplied, and — unless -i/-oi — a line holding a single dot ends the
 * message. Nothing is dot-unstuffed: "..x" stays "..x".
 */
import type { Readable } from 'node:stream';

export interface LocalInput {
  /** Message text (latin1 string, one char per byte, LF line endings). */
  readonly text: string;
}

/** Convert the raw bytes of stdin into the stored form. */
export function decodeLocalInput(data: Buffer, dotIsData: boolean): LocalInput {
  const raw = data.toString('latin1');
  const out: string[] = [];
  let start = 0;
  while (start < raw.length) {
    const lf = raw.indexOf('\n', start);
    const end = lf < 0 ? raw.length : lf;
    let line = raw.slice(start, end);
    if (lf >= 0 && line.endsWith('\r')) line = line.slice(0, -1);
    if (!dotIsData && line === '.') break;
    out.push(line, '\n');
    start = end + 1;
  }
  return { text: out.join('') };
}

/** All of a stream's bytes. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : (chunk as Buffer));
  return Buffer.concat(chunks);
}
