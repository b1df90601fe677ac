/**
 * One mail transaction (RFC 5321 3.3): MAIL, RCPT for each recipient, then DATA with the
 * dot-stuffed message or BDAT with the raw one (RFC 3030), with PIPELINING (RFC 2920) when the
 * server offers it: the commands up to DATA are sent in one write and the replies read in
 * order. LMTP (RFC 2033) gets one final reply per accepted recipient.
 */
import type { SmtpConnection } from './connection.js';
import { SmtpClientError } from './errors.js';
import type { SmtpReply } from './reply.js';

export interface EnvelopeRecipient {
  readonly address: string;
  /** ESMTP parameters (NOTIFY=..., ORCPT=..., IGNOREQUOTA). */
  readonly params: readonly string[];
}

export interface Envelope {
  /** '' for the null sender. */
  readonly sender: string;
  readonly mailParams: readonly string[];
  readonly recipients: readonly EnvelopeRecipient[];
}

export interface TransactionSettings {
  readonly pipelining: boolean;
  readonly chunking: boolean;
  readonly lmtp: boolean;
  readonly commandTimeoutMs: number;
  readonly dataTimeoutMs: number;
  readonly finalTimeoutMs: number;
}

export interface CommandResult {
  /** The command line as sent, without CRLF (Exim quotes it in error texts). */
  readonly command: string;
  readonly reply: SmtpReply;
  /** Sent in a pipelined group before earlier replies were read. */
  readonly pipelined: boolean;
}

/** Where an I/O failure (timeout, closed connection) happened. */
export interface TransactionIoFailure {
  readonly error: SmtpClientError;
  readonly stage: 'mail' | 'rcpt' | 'data' | 'final';
  /** For stage 'rcpt': the recipient whose reply was awaited. */
  readonly rcptIndex?: number;
}

export interface TransactionOutcome {
  readonly mail?: CommandResult;
  /** Index-aligned with the envelope's recipients; undefined when not sent or not answered. */
  readonly rcpts: ReadonlyArray<CommandResult | undefined>;
  /** DATA's reply (354 or a refusal), or a refused non-final BDAT. */
  readonly data?: CommandResult;
  /**
   * Replies after the message: one for SMTP (after the dot or BDAT LAST), one per accepted
   * recipient for LMTP (in the order of `accepted`).
   */
  readonly finals: readonly SmtpReply[];
  /** Indexes of recipients whose RCPT got 2xx. */
  readonly accepted: readonly number[];
  readonly chunking: boolean;
  /** DATA got 354 with no recipient accepted: the session cannot continue (close it). */
  readonly dataWithoutRecipients: boolean;
  readonly io?: TransactionIoFailure;
}

export function mailCommand(env: Envelope): string {
  return [`MAIL FROM:<${env.sender}>`, ...env.mailParams].join(' ');
}

export function rcptCommand(r: EnvelopeRecipient): string {
  return [`RCPT TO:<${r.address}>`, ...r.params].join(' ');
}

class Builder {
  mail?: CommandResult;
  rcpts: Array<CommandResult | undefined> = [];
  data?: CommandResult;
  finals: SmtpReply[] = [];
  accepted: number[] = [];
  dataWithoutRecipients = false;
  constructor(readonly chunking: boolean) {}
  done(io?: TransactionIoFailure): TransactionOutcome {
    return { mail: this.mail, rcpts: this.rcpts, data: this.data, finals: this.finals, accepted: this.accepted, chunking: this.chunking, dataWithoutRecipients: this.dataWithoutRecipients, io };
  }
}

/**
 * Runs the transaction. `message` is the message text: dot-stuffed with CRLF line ends for
 * DATA (without the final dot), unstuffed for BDAT (see writeMessage's crlf/dotStuff). I/O
 * failures are returned in `io`, not thrown, so what was learnt before them stays usable.
 */
export async function runTransaction(conn: SmtpConnection, env: Envelope, message: (forBdat: boolean) => Buffer, s: TransactionSettings): Promise<TransactionOutcome> {
  const b = new Builder(s.chunking);
  const stage: { name: TransactionIoFailure['stage']; rcpt?: number } = { name: 'mail' };
  try {
    await exchange(conn, env, message, s, b, stage);
    return b.done();
  } catch (e) {
    if (!(e instanceof SmtpClientError)) throw e;
    return b.done({ error: e, stage: stage.name, rcptIndex: stage.rcpt });
  }
}

async function exchange(
  conn: SmtpConnection,
  env: Envelope,
  message: (forBdat: boolean) => Buffer,
  s: TransactionSettings,
  b: Builder,
  stage: { name: TransactionIoFailure['stage']; rcpt?: number },
): Promise<void> {
  const mailCmd = mailCommand(env);
  const rcptCmds = env.recipients.map(rcptCommand);
  const t = s.commandTimeoutMs;
  if (s.pipelining) {
    const body = s.chunking ? message(true) : undefined;
    const lines = [mailCmd, ...rcptCmds, ...(s.chunking ? [] : ['DATA'])].map((l) => `${l}\r\n`).join('');
    const bdatHead = body ? `BDAT ${body.length} LAST\r\n` : '';
    await conn.write(Buffer.concat([Buffer.from(lines + bdatHead, 'utf8'), body ?? Buffer.alloc(0)]), s.dataTimeoutMs);
    b.mail = { command: mailCmd, reply: await conn.readReply(t, mailCmd), pipelined: true };
    for (let i = 0; i < rcptCmds.length; i++) {
      Object.assign(stage, { name: 'rcpt', rcpt: i });
      const reply = await conn.readReply(t, rcptCmds[i]!);
      b.rcpts[i] = { command: rcptCmds[i]!, reply, pipelined: true };
      if (reply.code >= 200 && reply.code < 300 && b.mail.reply.code < 300) b.accepted.push(i);
    }
    if (s.chunking) {
      Object.assign(stage, { name: 'final', rcpt: undefined });
      await readFinals(conn, b, s, 'end of data');
      return;
    }
    stage.name = 'data';
    const dataReply = await conn.readReply(t, 'DATA');
    b.data = { command: 'DATA', reply: dataReply, pipelined: true };
    if (dataReply.code !== 354) return;
    // 354 though nothing was accepted: exim4 sends nothing more (it QUITs); the connection
    // is in an unknown state then (see TransactionOutcome.dataWithoutRecipients).
    stage.name = 'final';
    if (b.accepted.length === 0) {
      b.dataWithoutRecipients = true;
      return;
    }
    await sendDotted(conn, message(false), s);
    await readFinals(conn, b, s, 'end of data');
    return;
  }
  await conn.write(`${mailCmd}\r\n`, t);
  b.mail = { command: mailCmd, reply: await conn.readReply(t, mailCmd), pipelined: false };
  if (b.mail.reply.code >= 300) return;
  for (let i = 0; i < rcptCmds.length; i++) {
    Object.assign(stage, { name: 'rcpt', rcpt: i });
    await conn.write(`${rcptCmds[i]}\r\n`, t);
    const reply = await conn.readReply(t, rcptCmds[i]!);
    b.rcpts[i] = { command: rcptCmds[i]!, reply, pipelined: false };
    if (reply.code >= 200 && reply.code < 300) b.accepted.push(i);
  }
  if (b.accepted.length === 0) return;
  Object.assign(stage, { name: 'data', rcpt: undefined });
  if (s.chunking) {
    const body = message(true);
    stage.name = 'final';
    await conn.write(Buffer.concat([Buffer.from(`BDAT ${body.length} LAST\r\n`), body]), s.dataTimeoutMs);
    await readFinals(conn, b, s, 'end of data');
    return;
  }
  await conn.write('DATA\r\n', t);
  const dataReply = await conn.readReply(t, 'DATA');
  b.data = { command: 'DATA', reply: dataReply, pipelined: false };
  if (dataReply.code !== 354) return;
  stage.name = 'final';
  await sendDotted(conn, message(false), s);
  await readFinals(conn, b, s, 'end of data');
}

async function sendDotted(conn: SmtpConnection, text: Buffer, s: TransactionSettings): Promise<void> {
  const ending = text.length === 0 || text.subarray(-2).equals(Buffer.from('\r\n')) ? '.\r\n' : '\r\n.\r\n';
  await conn.write(Buffer.concat([text, Buffer.from(ending)]), s.dataTimeoutMs, 'sending data block');
}

async function readFinals(conn: SmtpConnection, b: Builder, s: TransactionSettings, after: string): Promise<void> {
  const n = s.lmtp ? Math.max(1, b.accepted.length) : 1;
  for (let i = 0; i < n; i++) b.finals.push(await conn.readReply(s.finalTimeoutMs, after));
}
