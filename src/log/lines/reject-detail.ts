/**
 * What exim4 adds after a rejection line in the reject log once the message header is known
 * (+rejected_header): `Envelope-from: <sender>`, one `Envelope-to: <rcpt>` per recipient, then
 * each header line as on the spool: a flag character and a space (`P` Received, `F` From, `I`
 * Message-ID, `T` To, `C` Cc, `B` Bcc, `R` Reply-To, `S` Sender, `*` deleted, space for others)
 * followed by the header text with its continuation lines.
 */
export interface RejectHeaderLine {
  /** Spool flag character; ' ' for an ordinary header. */
  readonly flag: string;
  /** The whole header including the name, continuation lines joined with "\n", no final newline. */
  readonly text: string;
}

export function rejectDetail(sender: string, recipients: readonly string[], headers: readonly RejectHeaderLine[]): string {
  let s = `Envelope-from: <${sender}>\n`;
  for (const r of recipients) s += `Envelope-to: <${r}>\n`;
  for (const h of headers) s += `${h.flag} ${h.text.replace(/\n$/, '')}\n`;
  return s;
}
