/**
 * SessionIo over a TCP (or TLS) socket: incoming bytes feed an InputQueue; replies are queued
 * and written in one piece on flush, so replies to a pipelined group leave together.
 */
import type { Socket } from 'node:net';
import { InputQueue } from './input.js';
import type { SessionIo } from './types.js';

export function socketIo(socket: Socket): SessionIo {
  const input = new InputQueue();
  let pending: string[] = [];
  let closed = false;
  socket.on('data', (chunk: Buffer) => input.push(chunk));
  socket.on('end', () => input.end());
  socket.on('close', () => {
    closed = true;
    input.end();
  });
  socket.on('error', () => input.end());
  return {
    input,
    write(text: string) {
      pending.push(text);
    },
    flush() {
      if (pending.length === 0 || closed) return Promise.resolve();
      const data = Buffer.from(pending.join(''), 'latin1');
      pending = [];
      return new Promise<void>((resolve) => {
        // Resolve at once unless the kernel buffer is full; then wait for it to drain.
        if (socket.write(data)) resolve();
        else socket.once('drain', () => resolve());
        socket.once('close', () => resolve());
      });
    },
    close() {
      if (closed) return;
      socket.end();
    },
  };
}
