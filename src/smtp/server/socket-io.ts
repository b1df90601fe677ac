/**
 * SessionIo over a TCP (or TLS) socket: incoming bytes feed an InputQueue; replies are queued
 * and written in one piece on flush, so replies to a pipelined group leave together. STARTTLS
 * swaps the socket for the TLS one the TLS module (src/tls) hands back.
 */
import type { Socket } from 'node:net';
import { TlsHandshakeError, type TlsSession } from '../../tls/index.js';
import { InputQueue } from './input.js';
import type { SessionIo, StartTlsResult, TlsState } from './types.js';

/** The session's view of a negotiated TLS session. */
export function tlsStateFromSession(t: TlsSession): TlsState {
  return { cipher: t.cipher, protocol: t.protocol, peerDn: t.peerDn, sni: t.sni, certificateVerified: t.certificateVerified, resumption: t.resumption };
}

/** Runs the TLS handshake on the raw socket (given the bytes already read after STARTTLS). */
export type TlsUpgrade = (socket: Socket, pending: Buffer) => Promise<TlsSession>;

export interface SocketSessionIo extends SessionIo {
  startTls(upgrade: TlsUpgrade): Promise<StartTlsResult>;
}

export function socketIo(initial: Socket): SocketSessionIo {
  const input = new InputQueue();
  let socket: Socket = initial;
  let pending: string[] = [];
  let closed = false;
  const onData = (chunk: Buffer) => input.push(chunk);
  const onEnd = () => input.end();
  const onClose = () => {
    closed = true;
    input.end();
  };
  const attach = (s: Socket) => {
    s.on('data', onData);
    s.on('end', onEnd);
    s.on('close', onClose);
    s.on('error', onEnd);
  };
  const detach = (s: Socket) => {
    s.off('data', onData);
    s.off('end', onEnd);
    s.off('close', onClose);
  };
  attach(socket);
  return {
    input,
    write(text: string) {
      pending.push(text);
    },
    flush() {
      if (pending.length === 0 || closed) return Promise.resolve();
      const data = Buffer.from(pending.join(''), 'latin1');
      pending = [];
      const s = socket;
      // Resolve at once unless the kernel buffer is full; then wait for it to drain (or close).
      if (s.write(data)) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = (): void => {
          s.off('drain', done);
          s.off('close', done);
          resolve();
        };
        s.once('drain', done);
        s.once('close', done);
      });
    },
    close() {
      if (closed) return;
      socket.end();
    },
    async startTls(upgrade) {
      const raw = socket;
      detach(raw);
      // Whatever arrived after "220 TLS go ahead" is the start of the handshake (plaintext
      // pipelined behind STARTTLS was already refused by the synchronisation check).
      const pendingBytes = input.takeAll();
      try {
        const session = await upgrade(raw, pendingBytes);
        socket = session.socket;
        attach(session.socket);
        session.socket.resume();
        return { ok: true, tls: tlsStateFromSession(session), session };
      } catch (e) {
        raw.destroy();
        return { ok: false, logText: e instanceof TlsHandshakeError ? e.logText : `(tls): ${(e as Error).message}` };
      }
    },
  };
}
