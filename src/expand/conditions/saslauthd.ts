/**
 * saslauthd {{user}{password}{service}{realm}}: ask the Cyrus saslauthd daemon. The request
 * is four strings, each a 2-byte big-endian length and its bytes (absent service/realm are
 * empty); the reply is one such string. "OK..." is true, "NO..." false, anything else an error
 * whose text is the reply. The socket path is the one Debian's Exim is built with.
 */
import { strerror } from '../../util/strerror.js';
import { connect } from 'node:net';
import { textToBytes } from '../../util/crypt/index.js';
import { ExpandError, type TStr } from '../types.js';
import { registerCondition } from './registry.js';

export const SASLAUTHD_SOCKET = '/var/run/saslauthd/mux';
const REPLY_TIMEOUT_MS = 30_000;


function counted(s: string): Buffer {
  const bytes = textToBytes(s);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(Math.min(bytes.length, 0xffff));
  return Buffer.concat([len, bytes.subarray(0, 0xffff)]);
}

/** Send one request and read the counted reply; null when the daemon sent none. */
function exchange(socketPath: string, request: Buffer): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const sock = connect(socketPath);
    let received = Buffer.alloc(0);
    let connected = false;
    const finish = (): void => {
      sock.destroy();
      if (received.length < 2) return resolve(null);
      const n = received.readUInt16BE(0);
      resolve(received.subarray(2, 2 + n).toString('latin1'));
    };
    sock.setTimeout(REPLY_TIMEOUT_MS, finish);
    sock.on('connect', () => {
      connected = true;
      sock.write(request);
    });
    sock.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) finish();
    });
    sock.on('end', finish);
    sock.on('error', (err: NodeJS.ErrnoException) => {
      if (connected) return finish();
      const why = strerror(err);
      reject(new ExpandError(`cannot connect to saslauthd daemon at ${socketPath}: ${why}`));
    });
  });
}

export async function saslauthdCheck(args: readonly TStr[], socketPath = SASLAUTHD_SOCKET): Promise<boolean> {
  const [user, password, service, realm] = [0, 1, 2, 3].map((i) => args[i]?.s ?? '');
  const request = Buffer.concat([user!, password!, service!, realm!].map(counted));
  const reply = await exchange(socketPath, request);
  if (reply !== null && reply.startsWith('OK')) return true;
  if (reply !== null && reply.startsWith('NO')) return false;
  throw new ExpandError(reply === null || reply === '' ? '(null)' : reply);
}

registerCondition({ name: 'saslauthd', nargs: 4, nested: { min: 2 }, fn: (args) => saslauthdCheck(args) });
