/**
 * SessionIo over a TCP (or TLS) socket: incoming bytes feed an InputQueue; replies are queued
 * and written in one piece on flush, so replies to a pipelined group leave together. STARTTLS
 * swaps the socket for a TLS one in place (plaintext bytes still buffered are dropped, so nothing
 * sent before the handshake can be taken as encrypted input).
 */
import type { Socket } from 'node:net';
import tls from 'node:tls';
import { InputQueue } from './input.js';
import type { SessionIo, StartTlsResult, TlsState } from './types.js';

export interface SocketSessionIo extends SessionIo {
  startTls(context: tls.SecureContext, requestCert: boolean): Promise<StartTlsResult>;
}

/** Exim-style names: $tls_in_cipher "TLS1.3:TLS_AES_256_GCM_SHA384:256", $tls_in_ver "TLS1.3". */
export function tlsStateOf(socket: tls.TLSSocket): TlsState {
  const cipher = socket.getCipher();
  const version = (socket.getProtocol() ?? '').replace(/^TLSv/, 'TLS');
  const bits = /(\d+)_GCM|AES(\d+)|CHACHA20/.exec(cipher.name);
  const size = bits ? Number(bits[1] ?? bits[2] ?? 256) : 256;
  const peer = socket.getPeerCertificate();
  const sni = (socket as tls.TLSSocket & { servername?: string | false }).servername;
  return {
    cipher: `${version}:${cipher.standardName ?? cipher.name}:${size}`,
    protocol: version,
    peerDn: peer && peer.subject ? Object.entries(peer.subject).map(([k, v]) => `${k}=${String(v)}`).join(',') : undefined,
    sni: typeof sni === 'string' ? sni : undefined,
    certificateVerified: socket.authorized,
    resumption: socket.isSessionReused() ? 1 : 0,
  };
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
      return new Promise<void>((resolve) => {
        // Resolve at once unless the kernel buffer is full; then wait for it to drain.
        if (s.write(data)) resolve();
        else s.once('drain', () => resolve());
        s.once('close', () => resolve());
      });
    },
    close() {
      if (closed) return;
      socket.end();
    },
    startTls(context, requestCert) {
      const raw = socket;
      detach(raw);
      input.discard();
      const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: context, requestCert, rejectUnauthorized: false });
      return new Promise<StartTlsResult>((resolve) => {
        const fail = (e: Error) => resolve({ ok: false, logText: `(SSL_accept): ${e.message}` });
        secure.once('error', fail);
        secure.once('secure', () => {
          secure.off('error', fail);
          socket = secure;
          attach(secure);
          resolve({ ok: true, tls: tlsStateOf(secure) });
        });
      });
    },
  };
}
