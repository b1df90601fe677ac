/**
 * One message copy over an open session: the envelope for a batch of addresses (at most
 * max_rcpt), the transaction, and Exim's classification of every reply into per-address
 * results, address retry items and host-level failures.
 */
import type { AddressItem } from '../../route/types.js';
import { replyText, type SmtpReply } from '../../smtp/client/reply.js';
import { reset } from '../../smtp/client/session.js';
import { runTransaction, type Envelope, type EnvelopeRecipient, type TransactionOutcome } from '../../smtp/client/transaction.js';
import { SmtpClosedError, SmtpTimeoutError } from '../../smtp/client/errors.js';
import type { DeliveryResult } from '../types.js';
import type { HostFailure, OpenSession } from './open.js';
import { addressRetryKey, commandLabel, EXIM_ERRNO, hostTag, smtpErrorText, withSource } from './outcome.js';
import type { SmtpOptions } from './options.js';

/** The message as sent, prepared once per run. */
export interface PreparedMessage {
  readonly sender: string;
  /** CRLF line ends, dot-stuffed, without the final dot (DATA). */
  readonly dotted: Buffer;
  /** CRLF line ends, not stuffed (BDAT). */
  readonly raw: Buffer;
  /** Exim's SIZE= value before size_addition: message size plus one per line. */
  readonly size: number;
  readonly smtpUtf8: boolean;
  readonly dsnRet?: string;
  readonly dsnEnvid?: string;
  readonly messageId: string;
  /** AUTH= value (already xtext-encoded); undefined = no AUTH= parameter. */
  readonly authSender?: (authenticated: boolean) => string | undefined;
}

export interface BatchResult {
  readonly results: Map<AddressItem, DeliveryResult>;
  /** A failure concerning the host: logged, recorded, and the deferred addresses may try the next host. */
  readonly hostFailure?: HostFailure & { readonly messageSpecific: boolean };
  /** The connection can carry another transaction. */
  readonly usable: boolean;
}

/** RFC 3461 xtext. */
export function xtext(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => (b < 33 || b > 126 || b === 0x2b || b === 0x3d ? `+${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('');
}

function notifyParam(flags: number): string | undefined {
  if (flags === 0) return undefined;
  if (flags & 2) return 'NOTIFY=NEVER';
  const parts = [flags & 4 ? 'SUCCESS' : '', flags & 8 ? 'FAILURE' : '', flags & 16 ? 'DELAY' : ''].filter(Boolean);
  return parts.length ? `NOTIFY=${parts.join(',')}` : undefined;
}

function envelopeFor(s: OpenSession, batch: readonly AddressItem[], msg: PreparedMessage, opts: SmtpOptions): Envelope {
  const mailParams: string[] = [];
  // exim4 4.96 sends SIZE even with a negative size_addition (the manual says it should not):
  // oracle case size-addition-off.
  if (s.caps.size !== undefined) mailParams.push(`SIZE=${Math.max(0, msg.size + opts.sizeAddition)}`);
  if (msg.smtpUtf8 && s.caps.smtpUtf8) mailParams.push('SMTPUTF8');
  if (s.caps.dsn && msg.dsnRet) mailParams.push(`RET=${msg.dsnRet.toUpperCase()}`);
  if (s.caps.dsn && msg.dsnEnvid) mailParams.push(`ENVID=${xtext(msg.dsnEnvid)}`);
  const auth = s.caps.auth.length > 0 ? msg.authSender?.(s.authenticated) : undefined;
  if (auth !== undefined) mailParams.push(`AUTH=${auth}`);
  const recipients: EnvelopeRecipient[] = batch.map((a) => {
    const params: string[] = [];
    if (s.caps.dsn) {
      const n = notifyParam(a.dsn.flags);
      if (n) params.push(n);
      if (a.dsn.orcpt) params.push(`ORCPT=${a.dsn.orcpt.includes(';') ? a.dsn.orcpt : `rfc822;${xtext(a.dsn.orcpt)}`}`);
    }
    if (s.lmtp && opts.lmtpIgnoreQuota && s.caps.ignoreQuota) params.push('IGNOREQUOTA');
    return { address: a.address, params };
  });
  return { sender: msg.sender, mailParams, recipients };
}

const secs = (n: number) => n * 1000;

export async function sendBatch(s: OpenSession, batch: readonly AddressItem[], msg: PreparedMessage, opts: SmtpOptions, copy: number, chunkingAllowed: boolean, pipeliningAllowed: boolean): Promise<BatchResult> {
  if (s.needsReset) {
    const r = await reset(s.conn, secs(opts.commandTimeout)).catch(() => undefined);
    if (!r?.ok) return { results: new Map(), usable: false, hostFailure: { failure: true, errno: EXIM_ERRNO.SMTPCLOSED, message: 'Remote host closed connection in response to RSET', permanent: false, hostLevel: true, retryError: 'lost_connection', messageSpecific: false } };
  }
  const chunking = chunkingAllowed && s.caps.chunking;
  const outcome = await runTransaction(s.conn, envelopeFor(s, batch, msg, opts), (bdat) => (bdat ? msg.raw : msg.dotted), {
    pipelining: pipeliningAllowed && s.caps.pipelining,
    chunking,
    lmtp: s.lmtp,
    commandTimeoutMs: secs(opts.commandTimeout),
    dataTimeoutMs: secs(opts.dataTimeout),
    finalTimeoutMs: secs(opts.finalTimeout),
  });
  s.messages++;
  return classify(s, batch, outcome, msg, opts, copy);
}

function classify(s: OpenSession, batch: readonly AddressItem[], o: TransactionOutcome, msg: PreparedMessage, opts: SmtpOptions, copy: number): BatchResult {
  const results = new Map<AddressItem, DeliveryResult>();
  const host = s.host;
  const all = (r: DeliveryResult, which: readonly AddressItem[] = batch) => which.forEach((a) => results.set(a, r));
  if (o.io) return ioResult(s, batch, o, results, msg);
  const mail = o.mail!;
  if (mail.reply.code >= 300) {
    const message = smtpErrorText(commandLabel(mail.command, mail.pipelined), mail.reply);
    // A pipelined DATA may have been answered 354 all the same: the session is then unusable.
    const usable = !o.dataWithoutRecipients;
    if (mail.reply.code >= 500) {
      all({ status: 'fail', message, host });
      s.needsReset = true;
      return { results, usable };
    }
    all({ status: 'defer', message, host, errno: EXIM_ERRNO.MAIL4XX, error: 'mail_4xx' });
    s.needsReset = true;
    return { results, usable, hostFailure: { failure: true, errno: EXIM_ERRNO.MAIL4XX, message, permanent: false, hostLevel: true, retryError: 'mail_4xx', messageSpecific: true } };
  }
  batch.forEach((a, i) => {
    const r = o.rcpts[i];
    if (!r || r.reply.code < 400) return;
    const message = smtpErrorText(r.command, r.reply);
    if (r.reply.code >= 500) results.set(a, { status: 'fail', message, host });
    else {
      results.set(a, { status: 'defer', message, host, errno: EXIM_ERRNO.RCPT4XX, error: 'rcpt_4xx' });
      a.retries.push({ key: addressRetryKey(a.address, msg.sender, opts.addressRetryIncludeSender), action: 'defer', error: 'rcpt_4xx', message: `${hostTag(host)}: ${message}` });
    }
  });
  const accepted = o.accepted.map((i) => batch[i]!);
  if (accepted.length === 0) {
    s.needsReset = true;
    return { results, usable: !o.dataWithoutRecipients };
  }
  if (o.data && o.data.reply.code !== 354) {
    const message = smtpErrorText(commandLabel(o.data.command, o.data.pipelined), o.data.reply);
    s.needsReset = true;
    if (o.data.reply.code >= 500) {
      all({ status: 'fail', message, host }, accepted);
      return { results, usable: true };
    }
    all({ status: 'defer', message, host, errno: EXIM_ERRNO.DATA4XX, error: 'data_4xx' }, accepted);
    return { results, usable: true, hostFailure: { failure: true, errno: EXIM_ERRNO.DATA4XX, message, permanent: false, hostLevel: true, retryError: 'data_4xx', messageSpecific: true } };
  }
  s.needsReset = false;
  const finals: Array<[AddressItem, SmtpReply]> = s.lmtp ? accepted.map((a, i) => [a, o.finals[i] ?? o.finals[0]!]) : accepted.map((a) => [a, o.finals[0]!]);
  let hostFailure: BatchResult['hostFailure'];
  for (const [a, reply] of finals) {
    if (reply.code < 300) {
      results.set(a, okResult(s, reply, o.chunking, copy));
      continue;
    }
    const message = smtpErrorText('end of data', reply);
    if (reply.code >= 500) results.set(a, { status: 'fail', message, host });
    else {
      results.set(a, { status: 'defer', message, host, errno: EXIM_ERRNO.DATA4XX, error: 'data_4xx' });
      if (!s.lmtp) hostFailure = { failure: true, errno: EXIM_ERRNO.DATA4XX, message, permanent: false, hostLevel: true, retryError: 'data_4xx', messageSpecific: true };
    }
  }
  return { results, usable: true, hostFailure };
}

function okResult(s: OpenSession, reply: SmtpReply, chunking: boolean, copy: number): DeliveryResult {
  return {
    status: 'ok',
    host: s.host,
    confirmation: replyText(reply),
    tls: s.tls,
    chunking,
    auth: s.auth,
    remoteGreeting: replyText(s.greeting),
    heloResponse: replyText(s.helloReply),
    transaction: copy,
  };
}

function ioResult(s: OpenSession, batch: readonly AddressItem[], o: TransactionOutcome, results: Map<AddressItem, DeliveryResult>, msg: PreparedMessage): BatchResult {
  const io = o.io!;
  const host = s.host;
  const timedOut = io.error instanceof SmtpTimeoutError;
  // exim4 reports a timeout waiting for the reply to the final dot as a closed connection.
  const afterDot = io.stage === 'final';
  const closed = io.error instanceof SmtpClosedError || afterDot;
  const message = afterDot ? 'Remote host closed connection in response to end of data' : io.error.message;
  const errno = closed ? EXIM_ERRNO.SMTPCLOSED : timedOut ? 110 : 0;
  const error = closed ? 'lost_connection' : withSource('timeout', host);
  for (const a of batch) if (!results.has(a)) results.set(a, { status: 'defer', message, host, errno, error });
  if (io.stage === 'rcpt' && timedOut && io.rcptIndex !== undefined) {
    const a = batch[io.rcptIndex]!;
    a.retries.push({ key: addressRetryKey(a.address, msg.sender, false), action: 'defer', error, message: 'Connection timed out' });
    return { results, usable: false };
  }
  return { results, usable: false, hostFailure: { failure: true, errno, message, permanent: false, hostLevel: true, retryError: error, messageSpecific: afterDot } };
}
