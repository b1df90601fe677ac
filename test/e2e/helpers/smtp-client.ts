/**
 * A minimal SMTP client for what swaks cannot send (BDAT, the SMTPUTF8 parameter) and for raw
 * bytes (a malformed PROXY header): reads whole replies (up to the line "NNN text").
 */
import net from 'node:net';

export class SmtpClient {
  private buffer = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      this.waiter?.();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.();
    });
  }

  static connect(port: number, host = '127.0.0.1'): Promise<SmtpClient> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, host, () => resolve(new SmtpClient(s)));
      s.once('error', reject);
    });
  }

  write(data: string | Buffer): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  }

  /** The next complete reply (all its lines, CRLFs included), as UTF-8 text. */
  async reply(timeoutMs = 10000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const text = this.buffer.toString('utf8');
      const m = /^(?:\d{3}-[^\n]*\n)*\d{3}(?: [^\n]*)?\n/.exec(text);
      if (m) {
        this.buffer = this.buffer.subarray(Buffer.byteLength(m[0], 'utf8'));
        return m[0];
      }
      if (this.closed) throw new Error(`connection closed; pending: ${JSON.stringify(text)}`);
      const left = end - Date.now();
      if (left <= 0) throw new Error(`no reply; pending: ${JSON.stringify(text)}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiter = () => {
          clearTimeout(t);
          r();
        };
      });
    }
  }

  /** Sends a command line (CRLF added) and returns the reply. */
  async command(line: string): Promise<string> {
    this.write(`${line}\r\n`);
    return this.reply();
  }

  /** Resolves when the server has closed the connection. */
  async waitClosed(timeoutMs = 10000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > end) throw new Error('connection not closed');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
