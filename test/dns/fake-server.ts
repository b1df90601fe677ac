/**
 * A scripted DNS server on loopback for behaviours a well-behaved server will not show on
 * demand: silence (timeouts), truncation, wrong ids. Each UDP/TCP query is passed to `answer`,
 * which returns the reply bytes or null to stay silent.
 */
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { decodeMessage } from '../../src/dns/wire.js';
import type { DnsMessage } from '../../src/dns/types.js';

export interface FakeQuery {
  readonly transport: 'udp' | 'tcp';
  readonly raw: Buffer;
  readonly msg: DnsMessage;
}

export interface FakeServer {
  readonly port: number;
  readonly queries: FakeQuery[];
  stop(): Promise<void>;
}

export async function startFakeServer(answer: (q: FakeQuery) => Buffer | null): Promise<FakeServer> {
  const queries: FakeQuery[] = [];
  const udp: Socket = createSocket('udp4');
  await new Promise<void>((res) => udp.bind(0, '127.0.0.1', res));
  const port = udp.address().port;
  udp.on('message', (raw, rinfo) => {
    const q = { transport: 'udp' as const, raw, msg: decodeMessage(raw) };
    queries.push(q);
    const reply = answer(q);
    if (reply) udp.send(reply, rinfo.port, rinfo.address);
  });
  const tcp: Server = createServer((sock) => {
    let buf = Buffer.alloc(0);
    sock.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 2 || buf.length < 2 + buf.readUInt16BE(0)) return;
      const raw = buf.subarray(2, 2 + buf.readUInt16BE(0));
      const q = { transport: 'tcp' as const, raw, msg: decodeMessage(raw) };
      queries.push(q);
      const reply = answer(q);
      if (!reply) return;
      const len = Buffer.alloc(2);
      len.writeUInt16BE(reply.length, 0);
      sock.end(Buffer.concat([len, reply]));
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((res, rej) => {
    tcp.once('error', rej);
    tcp.listen(port, '127.0.0.1', res);
  });
  return {
    port,
    queries,
    stop: () =>
      new Promise<void>((res) => {
        udp.close();
        tcp.close(() => res());
      }),
  };
}

/** A reply to `query` with the given flags (QR is added) and answer A records. */
export function replyTo(query: Buffer, opts: { rcode?: number; tc?: boolean; ad?: boolean; aa?: boolean; addresses?: string[]; id?: number }): Buffer {
  const qEnd = 12 + questionLength(query);
  const head = Buffer.from(query.subarray(0, qEnd));
  if (opts.id !== undefined) head.writeUInt16BE(opts.id, 0);
  let flags = 0x8180 | (opts.rcode ?? 0);
  if (opts.tc) flags |= 0x0200;
  if (opts.ad) flags |= 0x0020;
  if (opts.aa) flags |= 0x0400;
  head.writeUInt16BE(flags, 2);
  const addrs = opts.addresses ?? [];
  head.writeUInt16BE(addrs.length, 6);
  head.writeUInt16BE(0, 8);
  head.writeUInt16BE(0, 10);
  const rrs = addrs.map((a) => {
    const b = Buffer.alloc(16);
    b.writeUInt16BE(0xc00c, 0);
    b.writeUInt16BE(1, 2);
    b.writeUInt16BE(1, 4);
    b.writeUInt32BE(30, 6);
    b.writeUInt16BE(4, 10);
    a.split('.').forEach((o, i) => (b[12 + i] = Number(o)));
    return b;
  });
  return Buffer.concat([head, ...rrs]);
}

function questionLength(query: Buffer): number {
  let off = 12;
  while (query[off] !== 0) off += query[off]! + 1;
  return off + 1 + 4 - 12;
}
