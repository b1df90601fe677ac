/**
 * AUTH as a client (RFC 4954): one exchange with one mechanism. The steps themselves (what to
 * send for a challenge) come from the authenticator's client side (src/auth/client.ts) through
 * the ClientMechanism interface, so this module only speaks the protocol.
 */
import type { ClientStep } from '../../auth/client.js';
import type { SmtpConnection } from './connection.js';
import type { SmtpReply } from './reply.js';

export interface ClientMechanism {
  /** The authenticator's instance name (A=name on the delivery line). */
  readonly name: string;
  /** The mechanism (public_name). */
  readonly publicName: string;
  /** Data for the AUTH command itself; `{ send: '' }` = none. */
  initial(): Promise<ClientStep>;
  /** Answer to a 334 challenge (the text after "334 "). */
  respond(challenge: string): Promise<ClientStep>;
}

export type AuthExchangeResult =
  | { readonly kind: 'ok'; readonly reply: SmtpReply }
  /** The server refused (or we gave up with `*`). */
  | { readonly kind: 'failed'; readonly reply: SmtpReply; readonly command: string }
  /** Forced expansion failure before anything was sent: try the next authenticator. */
  | { readonly kind: 'skip' }
  /** An expansion error in the client options: the delivery defers. */
  | { readonly kind: 'error'; readonly message: string };

export async function authExchange(conn: SmtpConnection, mech: ClientMechanism, timeoutMs: number): Promise<AuthExchangeResult> {
  const first = await mech.initial();
  if ('skip' in first) return { kind: 'skip' };
  if ('error' in first) return { kind: 'error', message: first.error };
  const command = first.send === '' ? `AUTH ${mech.publicName}` : `AUTH ${mech.publicName} ${first.send}`;
  await conn.write(`${command}\r\n`, timeoutMs);
  let reply = await conn.readReply(timeoutMs, 'AUTH');
  while (reply.code === 334) {
    const challenge = reply.lines[reply.lines.length - 1]!.slice(4);
    const step = await mech.respond(challenge);
    if ('error' in step) {
      await conn.write('*\r\n', timeoutMs);
      await conn.readReply(timeoutMs, 'AUTH');
      return { kind: 'error', message: step.error };
    }
    const line = 'skip' in step ? '*' : step.send;
    await conn.write(`${line}\r\n`, timeoutMs);
    reply = await conn.readReply(timeoutMs, 'AUTH');
  }
  if (reply.code >= 200 && reply.code < 300) return { kind: 'ok', reply };
  return { kind: 'failed', reply, command: `AUTH ${mech.publicName}` };
}
