/**
 * The textual forms of the client Exim puts in replies, logs and the Received header:
 * $sender_fullhost ("name (helo) [ip]"), $sender_rcvhost ("name ([ip] helo=x)") and the
 * "H=... U=..." prefix of log lines.
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

function addressText(h: HostFacts): string {
  const base = `[${h.address}]`;
  return h.withPort && h.port !== undefined && h.port > 0 ? `${base}:${h.port}` : base;
}

/** $sender_fullhost; undefined for local (non-TCP) sessions. */
export function senderFullhost(h: HostFacts): string | undefined {
  if (h.address === undefined) return undefined;
  const addr = addressText(h);
  if (h.name !== undefined) {
    if (h.helo === undefined || h.helo.toLowerCase() === h.name.toLowerCase()) return `${h.name} ${addr}`;
    return `${h.name} (${h.helo}) ${addr}`;
  }
  return h.helo === undefined ? addr : `(${h.helo}) ${addr}`;
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

/** "H=fullhost U=ident" for log lines (U= only when an ident is known). */
export function hostAndIdent(h: HostFacts): string {
  const full = senderFullhost(h);
  const parts: string[] = [];
  if (full !== undefined) parts.push(`H=${full}`);
  if (h.ident !== undefined) parts.push(`U=${h.ident}`);
  return parts.join(' ');
}
