/**
 * DATA and BDAT. DATA reads dot-stuffed lines up to the terminating ".": only a "." line that
 * follows a CRLF and itself ends in CRLF ends the message (the SMTP smuggling defence of Exim
 * 4.97.1+; 4.96 also accepted LF.LF). A bare LF still ends a line of content; a line after a
 * bare LF is not dot-unstuffed, since SMTP does not consider it the start of a line. A bare CR is
 * kept as data. BDAT takes exact byte counts with no stuffing; CRLF becomes LF on storage.
 */
import { acceptReply, handleAclFailure, runHookAcl } from './acl-hooks.js';
import { finishMessage } from './finish-message.js';
import type { Next, SmtpSession } from './session.js';

/** Exim's DATA line buffer has no fixed limit; this only bounds memory per line. */
const DATA_LINE_MAX = 1 << 24;

/** Checks shared by DATA and the first BDAT: sender, recipients, predata ACL. */
async function transactionReady(s: SmtpSession, verb: 'DATA' | 'BDAT'): Promise<Next | 'ready'> {
  if (s.recipients.length === 0 && s.discardedBy === undefined) {
    if (s.rcptResponseSame && s.rcptResponse !== undefined) {
      s.send(`503-All RCPT commands were rejected with this error:\r\n${s.rcptResponse.split('\n').map((l) => `503-${l}\r\n`).join('')}`);
    }
    if (s.advertised.has('PIPELINING') && s.lastWasRcpt) {
      s.respond(503, `Valid RCPT command must precede ${verb}`);
      return 'continue';
    }
    return s.synprotError(503, `valid RCPT command must precede ${verb}`);
  }
  return 'ready';
}

export async function dataCommand(s: SmtpSession, arg: string): Promise<Next> {
  void arg;
  const ready = await transactionReady(s, 'DATA');
  if (ready !== 'ready') return ready;
  const pre = await runHookAcl(s, 'predata');
  if (pre.result !== 'ok') return handleAclFailure(s, 'predata', pre, '');
  acceptReply(s, '354', pre, 'Enter message, ending with "." on a line by itself');
  await s.io.flush();
  const got = await readDotTerminated(s);
  if (typeof got !== 'string') return lostDuringData(s, got.phase);
  return finishMessage(s, got);
}

const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

/** Read DATA content; on a lost connection, whether it happened in the header section. */
async function readDotTerminated(s: SmtpSession): Promise<string | { phase: 'header' | 'after header' }> {
  const parts: string[] = [];
  let atLineStart = true;
  let inHeader = true;
  for (;;) {
    const line = await s.io.input.readLine(DATA_LINE_MAX);
    if (line === undefined || line.ending === 'eof') return { phase: inHeader ? 'header' : 'after header' };
    if (inHeader && (line.text === '' || !(HEADER_LINE.test(line.text) || (parts.length > 0 && /^[ \t]/.test(line.text))))) inHeader = false;
    if (atLineStart && line.ending === 'crlf' && line.text === '.') return parts.join('');
    const text = atLineStart && line.text.startsWith('.') ? line.text.slice(1) : line.text;
    parts.push(text, '\n');
    atLineStart = line.ending === 'crlf';
  }
}

export function lostDuringData(s: SmtpSession, phase: 'header' | 'after header'): Next {
  if (s.io.input.timedOut) {
    s.respond(421, `${s.activeHostname()} SMTP incoming data timeout - closing connection.`);
    s.logMain(`SMTP data timeout (message abandoned) on connection from ${s.fullhostOrLocal()} F=<${s.sender ?? ''}>`);
    return 'close';
  }
  s.respond(421, 'Lost incoming connection');
  // exim4 -bh shows "(header)" or "(after header)" (src/log's lostInDataLine has no "(header)").
  s.logMain(`SMTP connection from ${s.fullhostOrLocal()} lost while reading message data (${phase})`);
  return 'close';
}

export async function bdatCommand(s: SmtpSession, arg: string): Promise<Next> {
  if (!s.advertised.has('CHUNKING')) {
    // Not a counted protocol error in Exim, and the chunk's bytes are not skipped.
    s.respond(503, 'BDAT command used when CHUNKING not advertised');
    return 'continue';
  }
  const m = /^(\d+)(?:[ \t]+(LAST))?$/i.exec(arg);
  if (!m) return s.synprotError(501, 'missing size for BDAT command');
  const size = Number(m[1]);
  const last = m[2] !== undefined;
  if (s.bdatChunks === undefined) {
    const ready = await transactionReady(s, 'BDAT');
    if (ready !== 'ready') {
      // The refused chunk's bytes still arrive and are skipped.
      await s.io.input.readBytes(size);
      return ready;
    }
    s.bdatChunks = [];
  }
  const chunk = await s.io.input.readBytes(size);
  if (chunk.length < size) {
    s.bdatChunks = undefined;
    return lostDuringData(s, 'header');
  }
  s.bdatChunks.push(chunk);
  if (!last) {
    s.respond(250, `${size} byte chunk received`);
    return 'continue';
  }
  const whole = Buffer.concat(s.bdatChunks);
  s.bdatChunks = undefined;
  return finishMessage(s, whole.toString('latin1').replace(/\r\n/g, '\n'), { lastChunk: size, total: chunkedTotal(whole) });
}

/**
 * The "total" Exim reports after the last chunk: the message as it will be stored in CRLF
 * form — bare LFs count as CRLF, a missing final line ending adds two bytes and a missing
 * blank line between header and body one (Exim inserts it).
 */
export function chunkedTotal(data: Buffer): number {
  const text = data.toString('latin1');
  const bareLf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const finalMissing = text.length > 0 && !text.endsWith('\n') ? 2 : 0;
  return data.length + bareLf + finalMissing + (separatorMissing(text) ? 1 : 0);
}

function separatorMissing(text: string): boolean {
  let sawHeader = false;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') return false;
    if (HEADER_LINE.test(line) || (sawHeader && /^[ \t]/.test(line))) {
      sawHeader = true;
      continue;
    }
    return true;
  }
  return false;
}

/**
 * A command other than BDAT in the middle of a chunked transfer: Exim refuses it and from then
 * on accepts only RSET (QUIT still ends the session, reporting the lost message data).
 */
export function interruptedChunking(s: SmtpSession): Next {
  s.bdatChunks = undefined;
  s.bdatFailed = true;
  return s.synprotError(503, 'only BDAT permissible after non-LAST BDAT');
}
