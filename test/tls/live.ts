/** A loopback server running createServerTls().upgrade() on each connection, and a client. */
import net from 'node:net';
import tls from 'node:tls';
import { parseConfig, optionsApi } from '../../src/config/index.js';
import { fromLoadedConfig } from '../../src/cli/runtime-config.js';
import { createExpandContext } from '../../src/expand/index.js';
import { createLookupRegistry } from '../../src/lookups/index.js';
import type { LoadedConfig } from '../../src/config/types.js';
import { createServerTls, type ServerTlsOptions, type TlsSession } from '../../src/tls/server-tls.js';
import { TlsHandshakeError } from '../../src/tls/errors.js';
import { CERTS, pem } from './helpers.js';

export const BASE_CONFIG = `tls_certificate = \${if eq{$tls_in_sni}{sni.example}{${CERTS}/sni.pem}{${CERTS}/server-rsa.pem : ${CERTS}/server-ec.pem}}
tls_privatekey = \${if eq{$tls_in_sni}{sni.example}{${CERTS}/sni.key}{${CERTS}/server-rsa.key : ${CERTS}/server-ec.key}}
tls_verify_certificates = ${CERTS}/ca.pem
`;

export function loadConfig(text: string): LoadedConfig {
  return parseConfig({ file: 'test.conf', text }, optionsApi);
}

export type Outcome = { ok: true; session: TlsSession } | { ok: false; logText: string };

export interface LiveServer {
  readonly port: number;
  /** The server side's result of the next connection. */
  next(): Promise<Outcome>;
  close(): Promise<void>;
}

export async function startServer(configText: string, opts: ServerTlsOptions = {}): Promise<LiveServer> {
  const config = loadConfig(configText);
  const view = fromLoadedConfig(config).view;
  const serverTls = createServerTls(config, () => createExpandContext({ config: view, lookups: createLookupRegistry() }), opts);
  const results: Outcome[] = [];
  const waiters: Array<(o: Outcome) => void> = [];
  const push = (o: Outcome): void => {
    const w = waiters.shift();
    if (w) w(o);
    else results.push(o);
  };
  const server = net.createServer((sock) => {
    sock.on('error', () => {});
    serverTls.upgrade(sock, { address: sock.remoteAddress ?? '' }).then(
      (session) => {
        session.socket.on('error', () => {});
        session.socket.end('hello\n');
        push({ ok: true, session });
      },
      (e: unknown) => {
        sock.destroy();
        if (e instanceof TlsHandshakeError) push({ ok: false, logText: e.logText });
        else push({ ok: false, logText: `unexpected: ${String(e)}` });
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    next: () => (results.length ? Promise.resolve(results.shift()!) : new Promise((r) => waiters.push(r))),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export interface ClientResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly protocol?: string;
  readonly reused?: boolean;
  readonly ephemeral?: { name?: string };
  readonly session?: Buffer;
}

/** Connects with Node's TLS client; `clientCert` names a key pair of the test PKI. */
export function connect(port: number, opts: tls.ConnectionOptions & { clientCert?: string }): Promise<ClientResult> {
  const { clientCert, ...rest } = opts;
  return new Promise((resolve) => {
    let session: Buffer | undefined;
    let result: Omit<ClientResult, 'session'> | undefined;
    let t: tls.TLSSocket;
    try {
      t = tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false, ...rest, ...(clientCert ? { cert: pem(`${clientCert}.pem`), key: pem(`${clientCert}.key`) } : {}) });
    } catch (e) {
      resolve({ ok: false, error: String((e as NodeJS.ErrnoException).code) });
      return;
    }
    t.on('session', (s) => (session = s));
    t.on('secureConnect', () => {
      result = { ok: true, protocol: t.getProtocol() ?? undefined, reused: t.isSessionReused(), ephemeral: t.getEphemeralKeyInfo() as { name?: string } };
    });
    t.on('data', () => {});
    t.on('error', (e: NodeJS.ErrnoException) => {
      if (!result) result = { ok: false, error: String(e.code) };
    });
    t.on('close', () => resolve({ ...(result ?? { ok: false, error: 'closed' }), session }));
  });
}
