/**
 * Byte queue between a transport (socket, stdin, a test) and the protocol engine. The transport
 * pushes bytes as they arrive; the engine pulls command lines, DATA lines or BDAT chunks. Whether
 * unread bytes are waiting is what Exim's synchronisation checks look at, so it is exposed too.
 */

export interface InputLine {
  /** The line without its terminator (latin1 bytes preserved one char per byte). */
  readonly text: string;
  /** How it ended: CRLF, bare LF, or end of input without a terminator. */
  readonly ending: 'crlf' | 'lf' | 'eof';
  /** The line was longer than the limit: `text` is truncated and the rest was discarded. */
  readonly overlong: boolean;
}

export class InputQueue {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private waiter: (() => void) | undefined;
  /** Bytes consumed so far (for logging and tests). */
  consumed = 0;
  /** smtp_receive_timeout in milliseconds (0: wait for ever); a wait longer than this ends the input. */
  timeoutMs = 0;
  /** The input ended because the client was silent for timeoutMs. */
  timedOut = false;

  /** When the first byte arrived (ms since the epoch); PIPE_CONNECT detection. */
  firstDataAt?: number;

  push(data: Buffer): void {
    if (data.length === 0) return;
    this.firstDataAt ??= Date.now();
    this.chunks.push(data);
    this.buffered += data.length;
    this.wake();
  }

  /** The peer closed its side (EOF); pending reads finish with what is buffered. */
  end(): void {
    this.ended = true;
    this.wake();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Bytes received and not yet read by the engine. */
  get pending(): number {
    return this.buffered;
  }

  /** Text of the unread input (for Exim's `next input="..."` log detail), at most `max` bytes. */
  peek(max: number): string {
    return this.flatten().subarray(0, max).toString('latin1');
  }

  /** Whether a whole line is already buffered (replies can wait: more commands follow). */
  hasCompleteLine(): boolean {
    return this.chunks.some((c) => c.includes(0x0a));
  }

  /** Take every buffered byte. */
  takeAll(): Buffer {
    const buf = Buffer.from(this.flatten());
    this.take(buf.length);
    return buf;
  }

  /** Put bytes back in front (what followed a PROXY header). */
  unshift(data: Buffer): void {
    if (data.length === 0) return;
    this.chunks.unshift(data);
    this.buffered += data.length;
    this.consumed -= data.length;
  }

  /** Drop everything buffered (used when a connection is being closed). */
  discard(): void {
    this.chunks = [];
    this.buffered = 0;
  }

  /**
   * Read one line ending in LF (a preceding CR is removed). Lines longer than `limit` are cut
   * and flagged; the excess up to the terminator is discarded. Returns undefined at end of input
   * with nothing buffered.
   */
  async readLine(limit: number): Promise<InputLine | undefined> {
    for (;;) {
      const buf = this.flatten();
      const lf = buf.indexOf(0x0a);
      if (lf < 0 ? buf.length > limit : lf > limit) {
        // Over-long: hand back the first `limit` bytes; the rest is read as the next line.
        this.take(limit);
        return { text: buf.subarray(0, limit).toString('latin1'), ending: 'crlf', overlong: true };
      }
      if (lf >= 0) {
        this.take(lf + 1);
        const crlf = lf > 0 && buf[lf - 1] === 0x0d;
        const body = buf.subarray(0, crlf ? lf - 1 : lf);
        return { text: body.subarray(0, limit).toString('latin1'), ending: crlf ? 'crlf' : 'lf', overlong: body.length > limit };
      }
      if (this.ended) {
        if (buf.length === 0) return undefined;
        this.take(buf.length);
        return { text: buf.subarray(0, limit).toString('latin1'), ending: 'eof', overlong: buf.length > limit };
      }
      await this.waitForData();
    }
  }

  /** Read exactly `n` bytes (BDAT chunks); resolves short only at end of input. */
  async readBytes(n: number): Promise<Buffer> {
    while (this.buffered < n && !this.ended) await this.waitForData();
    const buf = this.flatten();
    const got = Math.min(n, buf.length);
    this.take(got);
    return Buffer.from(buf.subarray(0, got));
  }

  /** Wait until more bytes arrive or the input ends. */
  waitForData(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = this.timeoutMs > 0 ? setTimeout(() => this.expire(), this.timeoutMs) : undefined;
      this.waiter = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Wait at most `ms` for input; true when some is buffered (never ends the input on expiry). */
  async pendingWithin(ms: number): Promise<boolean> {
    if (this.buffered > 0 || this.ended) return this.buffered > 0;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (this.waiter === done) this.waiter = undefined;
        resolve();
      }, ms);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiter = done;
    });
    return this.buffered > 0;
  }

  private expire(): void {
    this.timedOut = true;
    this.end();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  private flatten(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private take(n: number): void {
    const buf = this.flatten();
    this.chunks = n < buf.length ? [buf.subarray(n)] : [];
    this.buffered -= n;
    this.consumed += n;
  }
}
