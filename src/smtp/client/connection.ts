/**
 * One client connection to an SMTP/LMTP server: connect with a timeout and an optional local
 * address (the transport's `interface`), write commands, read replies with a timeout each,
 * switch to TLS in place. Replies that arrive before they are asked for are queued, which is
 * what PIPELINING needs.
 */
import net from 'node:net';
import tls from 'node:tls';
import { SmtpClosedError, SmtpConnectError, SmtpProtocolError, SmtpTimeoutError, SmtpTlsError, ERRNO } from './errors.js';
import { MalformedReply, ReplyParser, type SmtpReply } from './reply.js';

export interface ConnectOptions {
  readonly host: string;
  readonly port: number;
  /** Local address to bind (interface option). */
  readonly localAddress?: string;
  /** 0 = no timeout of our own (the system's). */
  readonly timeoutMs: number;
  readonly keepalive?: boolean;
}

type Waiter = (r: SmtpReply | MalformedReply | 'closed') => void;

export class SmtpConnection {
  private parser = new ReplyParser();
  private readonly queued: Array<SmtpReply | MalformedReply> = [];
  private waiter: Waiter | undefined;
  private closed = false;
  /** Text of every reply read, for tests and debugging (last 50). */
  readonly transcript: string[] = [];

  private constructor(private sock: net.Socket) {
    this.attach(sock);
  }

  static connect(opts: ConnectOptions): Promise<SmtpConnection> {
    return new Promise((resolve, reject) => {
      const family = net.isIP(opts.host);
      const local = opts.localAddress && net.isIP(opts.localAddress) === family ? opts.localAddress : undefined;
      const sock = net.connect({ host: opts.host, port: opts.port, localAddress: local });
      let timer: NodeJS.Timeout | undefined;
      if (opts.timeoutMs > 0) {
        timer = setTimeout(() => {
          sock.destroy();
          reject(new SmtpConnectError('ETIMEDOUT', ERRNO.ETIMEDOUT));
        }, opts.timeoutMs);
      }
      sock.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const code = e.code ?? 'ECONNREFUSED';
        reject(new SmtpConnectError(code, Math.abs(e.errno ?? 0) || (ERRNO as Record<string, number>)[code] || 0));
      });
      sock.once('connect', () => {
        clearTimeout(timer);
        sock.removeAllListeners('error');
        if (opts.keepalive !== false) sock.setKeepAlive(true);
        sock.setNoDelay(true);
        resolve(new SmtpConnection(sock));
      });
    });
  }

  /** Wraps an already-connected socket (tests, connections handed over). */
  static fromSocket(sock: net.Socket): SmtpConnection {
    return new SmtpConnection(sock);
  }

  private attach(sock: net.Socket): void {
    sock.on('data', (d: Buffer) => {
      for (const r of this.parser.push(d)) this.deliverReply(r);
    });
    sock.on('error', () => undefined);
    sock.on('close', () => {
      this.closed = true;
      const w = this.waiter;
      this.waiter = undefined;
      w?.('closed');
    });
  }

  private deliverReply(r: SmtpReply | MalformedReply): void {
    if (!(r instanceof MalformedReply)) {
      this.transcript.push(r.lines.join('\n'));
      if (this.transcript.length > 50) this.transcript.shift();
    }
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      w(r);
    } else {
      this.queued.push(r);
    }
  }

  get socket(): net.Socket {
    return this.sock;
  }

  get isTls(): boolean {
    return this.sock instanceof tls.TLSSocket;
  }

  get isOpen(): boolean {
    return !this.closed && !this.sock.destroyed;
  }

  get localAddress(): string {
    return this.sock.localAddress ?? '';
  }

  get localPort(): number {
    return this.sock.localPort ?? 0;
  }

  /** Writes bytes; resolves when the kernel took them (drain) or rejects on timeout. */
  write(data: string | Buffer, timeoutMs = 0, what = 'sending data block'): Promise<void> {
    if (!this.isOpen) return Promise.reject(new SmtpClosedError(what));
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (this.sock.write(buf)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = timeoutMs > 0 ? setTimeout(() => reject(new SmtpTimeoutError(what)), timeoutMs) : undefined;
      const done = () => {
        clearTimeout(timer);
        this.sock.off('close', onClose);
        resolve();
      };
      const onClose = () => {
        clearTimeout(timer);
        this.sock.off('drain', done);
        reject(new SmtpClosedError(what));
      };
      this.sock.once('drain', done);
      this.sock.once('close', onClose);
    });
  }

  /**
   * The next reply. `after` describes the command it answers, for the errors:
   * "SMTP timeout after <after>", "Remote host closed connection in response to <after>".
   */
  readReply(timeoutMs: number, after: string): Promise<SmtpReply> {
    const q = this.queued.shift();
    if (q) return Promise.resolve(this.checked(q, after));
    if (this.closed) return Promise.reject(new SmtpClosedError(after));
    return new Promise((resolve, reject) => {
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              this.waiter = undefined;
              reject(new SmtpTimeoutError(after));
            }, timeoutMs)
          : undefined;
      this.waiter = (r) => {
        clearTimeout(timer);
        if (r === 'closed') reject(new SmtpClosedError(after));
        else {
          try {
            resolve(this.checked(r, after));
          } catch (e) {
            reject(e);
          }
        }
      };
    });
  }

  private checked(r: SmtpReply | MalformedReply, after: string): SmtpReply {
    if (r instanceof MalformedReply) throw new SmtpProtocolError(after, r.line);
    return r;
  }

  /** Starts TLS on this connection (after "220" to STARTTLS, or at once for smtps). */
  async startTls(options: tls.ConnectionOptions, timeoutMs: number): Promise<tls.TLSSocket> {
    const plain = this.sock;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    this.parser.takeRemainder();
    this.queued.length = 0;
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ ...options, socket: plain });
      const timer = timeoutMs > 0 ? setTimeout(() => fail(new Error('timed out')), timeoutMs) : undefined;
      const fail = (e: Error) => {
        clearTimeout(timer);
        s.destroy();
        reject(new SmtpTlsError(`(gnutls_handshake): ${e.message}`, true));
      };
      s.once('secureConnect', () => {
        clearTimeout(timer);
        s.removeListener('error', fail);
        resolve(s);
      });
      s.once('error', fail);
    });
    this.sock = secure;
    this.parser = new ReplyParser();
    this.closed = false;
    this.attach(secure);
    return secure;
  }

  /** Sends QUIT and waits briefly for the reply, then closes. Never throws. */
  async quit(timeoutMs = 2000): Promise<void> {
    if (this.isOpen) {
      try {
        await this.write('QUIT\r\n');
        await this.readReply(timeoutMs, 'QUIT');
      } catch {
        // The server may close at once; nothing to report.
      }
    }
    this.close();
  }

  close(): void {
    if (this.sock.destroyed) return;
    this.sock.end();
    const s = this.sock;
    setTimeout(() => s.destroy(), 1000).unref();
  }
}
