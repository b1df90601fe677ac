/**
 * Logical lines from a stream for -be, as Exim reads them: physical lines end at a newline
 * byte only (a carriage return is an ordinary character); a line whose last character before
 * any trailing white space is a backslash continues on the next one, whose leading white space
 * is dropped; a trailing backslash at end of input is discarded. Lines are split as bytes and
 * decoded after joining (see expand/operators/bytes.ts), so a continuation cannot cut a
 * multi-byte character differently from Exim.
 */
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { bytesToString } from '../expand/operators/bytes.js';

const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
/** C isspace(): space, \t, \n, \v, \f, \r. */
const isSpaceByte = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/** Whether a decoded physical line ends in a backslash (before any trailing white space). */
function continues(text: string): boolean {
  let end = text.length;
  while (end > 0 && isSpaceByte(text.charCodeAt(end - 1))) end--;
  return end > 0 && text.charCodeAt(end - 1) === BACKSLASH;
}

/** Joins physical lines into logical ones; feed it chunks, collect what it completes. */
export class LogicalLineSplitter {
  /** Bytes of an unfinished physical line from earlier chunks. */
  private partial: Buffer | undefined;
  /** The logical line so far when the last physical line ended in a backslash. */
  private continued: Buffer | undefined;

  /** Logical lines completed by this chunk, decoded. */
  push(chunk: Buffer): string[] {
    const out: string[] = [];
    let data = chunk;
    if (this.partial) {
      data = Buffer.concat([this.partial, chunk]);
      this.partial = undefined;
    }
    const complete = data.lastIndexOf(NEWLINE) + 1;
    // Usual case: the complete lines are valid UTF-8, so they can be decoded in one go and split
    // as text (a newline byte never occurs inside a multi-byte character).
    if (complete > 0 && isUtf8(data.subarray(0, complete))) {
      const lines = data.toString('utf8', 0, complete - 1).split('\n');
      for (const text of lines) {
        if (this.continued === undefined && !continues(text)) out.push(text);
        else {
          const line = this.physicalLine(Buffer.from(text, 'utf8'));
          if (line !== undefined) out.push(line);
        }
      }
      if (complete < data.length) this.partial = Buffer.from(data.subarray(complete));
      return out;
    }
    let start = 0;
    for (let nl = data.indexOf(NEWLINE, start); nl >= 0; nl = data.indexOf(NEWLINE, start)) {
      const line = this.physicalLine(data.subarray(start, nl));
      if (line !== undefined) out.push(line);
      start = nl + 1;
    }
    if (start < data.length) this.partial = Buffer.from(data.subarray(start));
    return out;
  }

  /** What is left at end of input. */
  end(): string[] {
    const out: string[] = [];
    if (this.partial) {
      const line = this.physicalLine(this.partial);
      this.partial = undefined;
      if (line !== undefined) out.push(line);
    }
    if (this.continued) {
      out.push(bytesToString(this.continued));
      this.continued = undefined;
    }
    return out;
  }

  /** One physical line: the logical line it completes, or undefined when it continues. */
  private physicalLine(raw: Buffer): string | undefined {
    let line = raw;
    if (this.continued) {
      let i = 0;
      while (i < raw.length && (raw[i] === 0x20 || raw[i] === 0x09)) i++;
      line = Buffer.concat([this.continued, raw.subarray(i)]);
      this.continued = undefined;
    }
    let end = line.length;
    while (end > 0 && isSpaceByte(line[end - 1]!)) end--;
    if (end > 0 && line[end - 1] === BACKSLASH) {
      this.continued = Buffer.from(line.subarray(0, end - 1));
      return undefined;
    }
    return bytesToString(line);
  }
}

function chunkBytes(chunk: unknown): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
}

/** Logical lines in batches: all those each chunk of input completes. */
export async function* readLogicalLineBatches(input: Readable): AsyncGenerator<string[]> {
  const splitter = new LogicalLineSplitter();
  for await (const chunk of input) {
    const lines = splitter.push(chunkBytes(chunk));
    if (lines.length > 0) yield lines;
  }
  const rest = splitter.end();
  if (rest.length > 0) yield rest;
}

/** Logical lines one by one. */
export async function* readLogicalLines(input: Readable): AsyncGenerator<string> {
  for await (const batch of readLogicalLineBatches(input)) yield* batch;
}
