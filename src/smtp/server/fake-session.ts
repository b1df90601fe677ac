/**
 * `-bh IP[.port]` (Exim's fake SMTP session from a given host, on stdin/stdout: ACLs run, nothing
 * stored, log lines on stderr as "LOG: ...") and `-bs` (a real SMTP session from the local
 * caller on stdin/stdout, messages stored on the spool).
 */
import type { Readable } from 'node:stream';
import type { AclEngine } from '../../acl/types.js';
import type { Authenticator } from '../../auth/types.js';
import type { LoadedConfig } from '../../config/types.js';
import type { Logger } from '../../log/types.js';
import type { Spool } from '../../spool/types.js';
import { BhLogger } from '../../log/bh-logger.js';
import { parseLogSelector } from '../../log/selectors.js';
import { InputQueue } from './input.js';
import { toWire } from './bytes-text.js';
import { parseIPv6 } from '../../lookups/ip-address.js';
import { SmtpSession } from './session.js';
import type { ConnectionInfo, SessionIo, SessionMode, SessionOverrides } from './types.js';

export interface StdioSessionOptions {
  readonly mode: Extract<SessionMode, 'bh' | 'bs'>;
  readonly config: LoadedConfig;
  readonly acl: AclEngine;
  /** Replies and log text arrive in wire form (latin1 strings: one char per byte). */
  /** -bh argument: address, optionally followed by ".port". For -bs: -oMa if given. */
  readonly host?: string;
  /** -oMi: local interface address (and port). */
  readonly interfaceAddress?: string;
  readonly overrides?: SessionOverrides;
  readonly input: Readable | Buffer;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** -bs: where messages go; -bh never stores. */
  readonly spool?: Spool;
  readonly log?: Logger;
  readonly now?: () => Date;
  readonly newMessageId?: () => string;
  readonly authenticators?: readonly Authenticator[];
  /** -bs: called for each message accepted with 250 (delivery is started after the session). */
  readonly onAccepted?: (id: string) => void;
}

/** Split "1.2.3.4.25" / "::1.25" into address and port as Exim's -bh and -oMa do. */
/** Exim's -bh prints an IPv6 address in full (every group four digits). */
export function fullIPv6(address: string): string {
  if (!address.includes(':')) return address;
  const bytes = parseIPv6(address);
  if (!bytes) return address;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16).padStart(4, '0'));
  return groups.join(':');
}

export function splitHostPort(text: string): { address: string; port: number } {
  const m = /^(.*)\.(\d+)$/.exec(text);
  if (m && (m[1]!.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(m[1]!))) return { address: m[1]!, port: Number(m[2]) };
  return { address: text, port: 0 };
}

export async function runStdioSession(opts: StdioSessionOptions): Promise<number> {
  const given = splitHostPort(opts.host ?? '');
  const remote = { address: fullIPv6(given.address), port: given.port };
  const local = splitHostPort(opts.interfaceAddress ?? '');
  const connection: ConnectionInfo = { remoteAddress: remote.address, remotePort: remote.port, localAddress: local.address, localPort: local.port };
  if (opts.mode === 'bh') {
    opts.stdout(`\n**** SMTP testing session as if from host ${remote.address}\n**** but without any ident (RFC 1413) callback.\n**** This is not for real!\n\n`);
  }
  const log = opts.log ?? new BhLogger({ selectors: parseLogSelector(stringOption(opts.config, 'log_selector')), out: (t) => opts.stderr(toWire(t)), pid: process.pid, now: opts.now });
  const input = new InputQueue();
  const io: SessionIo = { input, write: (t) => opts.stdout(t), flush: async () => undefined, close: () => undefined };
  const session = new SmtpSession(
    { mode: opts.mode, config: opts.config, acl: opts.acl, authenticators: opts.authenticators, log, spool: opts.mode === 'bh' ? undefined : opts.spool, connection, overrides: opts.overrides, now: opts.now, newMessageId: opts.newMessageId, onAccepted: opts.onAccepted },
    io,
  );
  feed(opts.input, input);
  await session.run();
  return 0;
}

function feed(source: Readable | Buffer, input: InputQueue): void {
  if (Buffer.isBuffer(source)) {
    input.push(source);
    input.end();
    return;
  }
  source.on('data', (chunk: Buffer | string) => input.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk));
  source.on('end', () => input.end());
  source.on('error', () => input.end());
}

function stringOption(config: LoadedConfig, name: string): string | undefined {
  const v = config.mainOption(name);
  return typeof v === 'string' ? v : undefined;
}
