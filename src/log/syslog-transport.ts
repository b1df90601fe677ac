/**
 * Delivery of syslog datagrams (built by syslog.ts). Node has no Unix datagram sockets, so the
 * /dev/log transport runs a tiny long-lived python3 helper that relays length-prefixed frames
 * from its stdin to the socket, one datagram each. A UDP transport (host:port) needs no helper.
 * Send failures are dropped silently, as syslog() drops them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';

export interface SyslogTransport {
  send(datagram: Buffer): void;
  close(): Promise<void>;
}

// Reads 4-byte big-endian length frames and sends each to the socket named in argv[1];
// reconnects after an error (e.g. the syslog daemon restarted).
const RELAY = `
import socket, struct, sys
path = sys.argv[1]
inp = sys.stdin.buffer
s = None
while True:
    head = inp.read(4)
    if len(head) < 4:
        break
    data = inp.read(struct.unpack('>I', head)[0])
    for attempt in (0, 1):
        try:
            if s is None:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                s.connect(path)
            s.send(data)
            break
        except OSError:
            s = None
`;

export class UnixDatagramTransport implements SyslogTransport {
  private child: ChildProcess | undefined;
  private failed = false;

  constructor(
    readonly path = '/dev/log',
    private readonly python = 'python3',
  ) {}

  send(datagram: Buffer): void {
    const child = this.ensureChild();
    if (child === undefined || child.stdin === null) return;
    const head = Buffer.alloc(4);
    head.writeUInt32BE(datagram.length);
    child.stdin.write(Buffer.concat([head, datagram]));
  }

  private ensureChild(): ChildProcess | undefined {
    if (this.child !== undefined || this.failed) return this.child;
    const child = spawn(this.python, ['-c', RELAY, this.path], { stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', () => {
      this.failed = true;
      this.child = undefined;
    });
    child.stdin?.on('error', () => {});
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    this.child = child;
    return child;
  }

  /** Resolves when the helper has sent everything written so far and exited. */
  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null) return;
    // The helper is unref'd so it never keeps a daemon alive; while closing, the caller is
    // waiting for it, so it must hold the event loop until it has sent everything.
    child.ref();
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
      child.stdin?.end();
    });
  }
}

export class UdpSyslogTransport implements SyslogTransport {
  private readonly socket: dgram.Socket;

  constructor(
    readonly host: string,
    readonly port = 514,
  ) {
    this.socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    this.socket.on('error', () => {});
    this.socket.unref();
  }

  send(datagram: Buffer): void {
    this.socket.send(datagram, this.port, this.host);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}
