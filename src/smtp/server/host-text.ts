/**
 * $sender_rcvhost ("name ([ip] helo=x)"), used by the default Received header. $sender_fullhost
 * and the "H=... U=..." log prefix come from the logging module (src/log/lines/host.ts).
 */

export interface HostFacts {
  readonly address?: string;
  readonly port?: number;
  /** Verified or -oMs host name. */
  readonly name?: string;
  readonly helo?: string;
  readonly ident?: string;
  /** log_selector +incoming_port */
  readonly withPort?: boolean;
}

/** $sender_rcvhost, used by the default Received header. */
export function senderRcvhost(h: HostFacts): string | undefined {
  if (h.address === undefined) return undefined;
  const addr = `[${h.address}]${h.port !== undefined && h.port > 0 && h.withPort ? `:${h.port}` : ''}`;
  const extras: string[] = [];
  if (h.name !== undefined) {
    const inner = [addr];
    if (h.helo !== undefined && h.helo.toLowerCase() !== h.name.toLowerCase()) inner.push(`helo=${h.helo}`);
    if (h.ident !== undefined) inner.push(`ident=${h.ident}`);
    return `${h.name} (${inner.join(' ')})`;
  }
  if (h.helo !== undefined) extras.push(`helo=${h.helo}`);
  if (h.ident !== undefined) extras.push(`ident=${h.ident}`);
  return extras.length === 0 ? addr : `${addr} (${extras.join(' ')})`;
}
