/**
 * Reading LMTP replies from a byte stream: lines ending in CRLF (or LF), multi-line replies
 * (`250-...` continued until `250 ...`), each read with a timeout.
 */
import type { Readable, Writable } from 'node:stream';

export interface Reply {
  readonly code: number;
  /** The whole reply as exim4 quotes it: lines joined with "\n", CR removed. */
  readonly text: string;
}

export class ConnectionClosed extends Error {}
export class ReplyTimeout extends Error {}

export class LmtpChannel {
  private buffer = '';
  private closed = false;
  private waiter?: () => void;

  constructor(private readonly input: Readable, private readonly output: Writable, private readonly timeoutSec: number) {
    input.setEncoding('latin1');
    input.on('data', (d: string) => {
      this.buffer += d;
      this.wake();
    });
    const end = (): void => {
      this.closed = true;
      this.wake();
    };
    input.on('end', end);
    input.on('close', end);
    input.on('error', end);
    output.on('error', () => undefined);
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  async send(text: string | Buffer): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.output.destroyed || !this.output.writable) return resolve();
      this.output.write(text, () => resolve());
    });
  }

  private async line(deadline: number): Promise<string> {
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl >= 0) {
        const l = this.buffer.slice(0, nl).replace(/\r$/, '');
        this.buffer = this.buffer.slice(nl + 1);
        return l;
      }
      if (this.closed) throw new ConnectionClosed();
      const left = deadline - Date.now();
      if (left <= 0) throw new ReplyTimeout();
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  async reply(): Promise<Reply> {
    const deadline = Date.now() + this.timeoutSec * 1000;
    const lines: string[] = [];
    for (;;) {
      const l = await this.line(deadline);
      lines.push(l);
      if (!/^\d{3}-/.test(l)) break;
    }
    const code = Number(lines[lines.length - 1]!.slice(0, 3));
    return { code: Number.isNaN(code) ? 0 : code, text: lines.join('\n') };
  }
}
