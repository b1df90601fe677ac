/**
 * Sending one query to the configured name servers: UDP first, TCP when the answer is
 * truncated, with the C resolver's schedule of timeouts and retries (each round tries every
 * server in order; the per-try timeout doubles each round and is shared among the servers).
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { connect } from 'node:net';
import { DnsError, DnsFormatError, DnsTimeoutError, RCODE, type DnsMessage } from './types.js';
import { decodeMessage, peekHeader } from './wire.js';

export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

export interface ExchangeOptions {
  readonly servers: readonly ServerAddress[];
  /** Base timeout of one try, in milliseconds (resolv.conf `timeout`, Exim's dns_retrans). */
  readonly timeoutMs: number;
  /** Number of rounds over the server list (resolv.conf `attempts`, Exim's dns_retry). */
  readonly attempts: number;
  /** Always use TCP (resolv.conf `use-vc`). */
  readonly useTcp?: boolean;
}

/** Rcodes after which the next server is tried, as the C resolver does. */
const TRY_NEXT_SERVER = new Set<number>([RCODE.SERVFAIL, RCODE.NOTIMP, RCODE.REFUSED]);

export async function exchange(query: Buffer, opts: ExchangeOptions): Promise<DnsMessage> {
  if (opts.servers.length === 0) throw new DnsTimeoutError('no name servers configured');
  let lastAnswer: DnsMessage | undefined;
  let lastError: Error | undefined;
  for (let round = 0; round < Math.max(1, opts.attempts); round++) {
    for (const server of opts.servers) {
      const timeoutMs = tryTimeout(opts, round);
      try {
        const msg = await exchangeWithServer(server, query, timeoutMs, opts.useTcp === true);
        if (!TRY_NEXT_SERVER.has(msg.header.rcode)) return msg;
        lastAnswer = msg;
      } catch (err) {
        if (!(err instanceof DnsError)) throw err;
        lastError = err;
      }
    }
    if (lastAnswer) return lastAnswer;
  }
  throw lastError ?? new DnsTimeoutError('no answer from any name server');
}

function tryTimeout(opts: ExchangeOptions, round: number): number {
  let ms = opts.timeoutMs * 2 ** round;
  if (round > 0) ms /= opts.servers.length;
  // The C resolver never waits less than a second; shorter base timeouts (tests) keep their own floor.
  return Math.max(ms, Math.min(opts.timeoutMs, 1000));
}

async function exchangeWithServer(server: ServerAddress, query: Buffer, timeoutMs: number, tcpOnly: boolean): Promise<DnsMessage> {
  if (!tcpOnly) {
    const raw = await udpExchange(server, query, timeoutMs);
    const head = peekHeader(raw);
    if (!head?.tc) return decodeMessage(raw);
  }
  return decodeMessage(await tcpExchange(server, query, timeoutMs));
}

/** Whether a datagram is the answer to our query: same id and same question (RFC 5452). */
function answers(query: Buffer, raw: Buffer): boolean {
  const q = peekHeader(query);
  const a = peekHeader(raw);
  if (!q || !a || a.id !== q.id || raw.length < 3 || (raw[2]! & 0x80) === 0) return false;
  if (a.qname === undefined) return true; // some servers omit the question in error replies
  return a.qname.toLowerCase() === q.qname?.toLowerCase() && a.qtype === q.qtype;
}

export function udpExchange(server: ServerAddress, query: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock: Socket = createSocket(isIPv6(server.host) ? 'udp6' : 'udp4');
    const timer = setTimeout(() => finish(new DnsTimeoutError(`timeout waiting for ${server.host}#${server.port}`)), timeoutMs);
    function finish(err: Error | null, data?: Buffer): void {
      clearTimeout(timer);
      sock.removeAllListeners('message');
      sock.on('error', () => undefined);
      sock.close();
      if (err) reject(err);
      else resolve(data!);
    }
    sock.on('error', (e) => finish(new DnsError(`UDP error talking to ${server.host}#${server.port}: ${e.message}`)));
    sock.on('message', (msg, rinfo) => {
      if (rinfo.port !== server.port || !answers(query, msg)) return; // stray or spoofed: keep waiting
      finish(null, msg);
    });
    sock.connect(server.port, server.host, () => {
      sock.send(query, (e) => {
        if (e) finish(new DnsError(`cannot send to ${server.host}#${server.port}: ${e.message}`));
      });
    });
  });
}

export function tcpExchange(server: ServerAddress, query: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: server.host, port: server.port });
    const chunks: Buffer[] = [];
    let have = 0;
    const timer = setTimeout(() => finish(new DnsTimeoutError(`TCP timeout talking to ${server.host}#${server.port}`)), timeoutMs);
    function finish(err: Error | null, data?: Buffer): void {
      clearTimeout(timer);
      sock.removeAllListeners('data');
      sock.on('error', () => undefined);
      sock.destroy();
      if (err) reject(err);
      else resolve(data!);
    }
    sock.on('error', (e) => finish(new DnsError(`TCP error talking to ${server.host}#${server.port}: ${e.message}`)));
    sock.on('connect', () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(query.length, 0);
      sock.write(Buffer.concat([len, query]));
    });
    sock.on('data', (d: Buffer) => {
      chunks.push(d);
      have += d.length;
      if (have < 2) return;
      const all = Buffer.concat(chunks);
      const want = all.readUInt16BE(0);
      if (all.length < 2 + want) return;
      const msg = all.subarray(2, 2 + want);
      if (!answers(query, msg)) finish(new DnsFormatError('TCP answer does not match the query'));
      else finish(null, Buffer.from(msg));
    });
    sock.on('end', () => finish(new DnsError(`connection closed by ${server.host}#${server.port}`)));
  });
}
