/**
 * The opening of a client session: greeting, EHLO (or LHLO) with the fall-back to HELO, and
 * STARTTLS followed by a new EHLO. Each step returns the reply so the caller can classify a
 * refusal the way Exim does ("SMTP error from remote mail server after <command>: <reply>").
 */
import { parseCapabilities, NO_CAPABILITIES, type Capabilities } from './capabilities.js';
import type { SmtpConnection } from './connection.js';
import type { SmtpReply } from './reply.js';

export type StepResult = { readonly ok: true; readonly reply: SmtpReply } | { readonly ok: false; readonly command: string; readonly reply: SmtpReply };

export interface HelloResult {
  readonly ok: boolean;
  /** The command whose reply ended the step (EHLO x, HELO x, LHLO x). */
  readonly command: string;
  readonly reply: SmtpReply;
  readonly capabilities: Capabilities;
}

export async function readGreeting(conn: SmtpConnection, timeoutMs: number): Promise<StepResult> {
  const reply = await conn.readReply(timeoutMs, 'initial connection');
  return reply.code === 220 ? { ok: true, reply } : { ok: false, command: 'initial connection', reply };
}

/** EHLO (LHLO for LMTP); on a refusal of EHLO, HELO. `esmtp` false = HELO only (hosts_avoid_esmtp). */
export async function sayHello(conn: SmtpConnection, name: string, opts: { lmtp: boolean; esmtp: boolean; timeoutMs: number }): Promise<HelloResult> {
  if (opts.lmtp || opts.esmtp) {
    const command = `${opts.lmtp ? 'LHLO' : 'EHLO'} ${name}`;
    await conn.write(`${command}\r\n`, opts.timeoutMs);
    const reply = await conn.readReply(opts.timeoutMs, command);
    if (reply.code >= 200 && reply.code < 300) return { ok: true, command, reply, capabilities: parseCapabilities(reply) };
    if (opts.lmtp || reply.code < 500) return { ok: false, command, reply, capabilities: NO_CAPABILITIES };
  }
  const command = `HELO ${name}`;
  await conn.write(`${command}\r\n`, opts.timeoutMs);
  const reply = await conn.readReply(opts.timeoutMs, command);
  return { ok: reply.code >= 200 && reply.code < 300, command, reply, capabilities: NO_CAPABILITIES };
}

/** STARTTLS command; the caller runs the handshake on a 220. */
export async function requestStartTls(conn: SmtpConnection, timeoutMs: number): Promise<StepResult> {
  await conn.write('STARTTLS\r\n', timeoutMs);
  const reply = await conn.readReply(timeoutMs, 'STARTTLS');
  return reply.code === 220 ? { ok: true, reply } : { ok: false, command: 'STARTTLS', reply };
}

/** RSET between transactions on one connection. */
export async function reset(conn: SmtpConnection, timeoutMs: number): Promise<StepResult> {
  await conn.write('RSET\r\n', timeoutMs);
  const reply = await conn.readReply(timeoutMs, 'RSET');
  return reply.code >= 200 && reply.code < 300 ? { ok: true, reply } : { ok: false, command: 'RSET', reply };
}
