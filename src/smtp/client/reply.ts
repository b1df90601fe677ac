/**
 * SMTP replies as a client reads them (RFC 5321 4.2): one or more lines `NNN-text` ending with
 * `NNN text` (or a bare `NNN`). A reply keeps its lines as received, so error texts can quote
 * them the way Exim does (lines joined by a newline).
 */
export interface SmtpReply {
  /** The three-digit code of the last line. */
  readonly code: number;
  /** Each line without its CRLF, code included (`250-PIPELINING`). */
  readonly lines: readonly string[];
}

/** The reply's lines joined by "\n" (Exim's form in messages and C="..."). */
export function replyText(r: SmtpReply): string {
  return r.lines.join('\n');
}

/** The text after the code of each line (EHLO keywords, AUTH challenges). */
export function replyBodies(r: SmtpReply): string[] {
  return r.lines.map((l) => l.slice(4));
}

export const isPositive = (r: SmtpReply): boolean => r.code >= 200 && r.code < 400;
export const isTemporary = (r: SmtpReply): boolean => r.code >= 400 && r.code < 500;
export const isPermanent = (r: SmtpReply): boolean => r.code >= 500;

/** A line that does not look like a reply line: the server is not speaking SMTP. */
export class MalformedReply {
  constructor(readonly line: string) {}
}

/**
 * Splits bytes from the server into replies. Lines end with LF (CR optional, as lenient
 * clients accept); a reply ends at a line whose fourth character is not `-`.
 */
export class ReplyParser {
  private pending: Buffer = Buffer.alloc(0);
  private lines: string[] = [];

  /** Adds received bytes; returns the replies completed by them. */
  push(data: Buffer): Array<SmtpReply | MalformedReply> {
    this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
    const out: Array<SmtpReply | MalformedReply> = [];
    let nl: number;
    while ((nl = this.pending.indexOf(0x0a)) >= 0) {
      let line = this.pending.subarray(0, nl).toString('utf8');
      this.pending = this.pending.subarray(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      const m = /^([2-5]\d\d)([ -]|$)/.exec(line);
      if (!m) {
        this.lines = [];
        out.push(new MalformedReply(line));
        continue;
      }
      this.lines.push(line);
      if (m[2] !== '-') {
        out.push({ code: Number(m[1]), lines: this.lines });
        this.lines = [];
      }
    }
    return out;
  }

  /** Bytes received after the last complete line (e.g. before a TLS handshake). */
  takeRemainder(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }
}
