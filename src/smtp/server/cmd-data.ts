/**
 * DATA and BDAT. DATA reads dot-stuffed lines up to the terminating ".": only a "." line that
 * follows a CRLF and itself ends in CRLF ends the message (the SMTP smuggling defence of Exim
 * 4.97.1+; 4.96 also accepted LF.LF). A bare LF still ends a line of content; a line after a
 * bare LF is not dot-unstuffed, since SMTP does not consider it the start of a line. A bare CR is
 * kept as data. BDAT takes exact byte counts with no stuffing; CRLF becomes LF on storage.
 */
import { handleAclFailure, runHookAcl } from './acl-hooks.js';
import { finishMessage } from './finish-message.js';
import type { Next, SmtpSession } from './session.js';
import { connectionDuration } from './disconnect.js';

/** Exim's DATA line buffer has no fixed limit; this only bounds memory per line. */
const DATA_LINE_MAX = 1 << 24;

/** Checks shared by DATA and the first BDAT: sender, recipients, predata ACL. */
async function transactionReady(s: SmtpSession, verb: 'DATA' | 'BDAT'): Promise<Next | 'ready'> {
  if (s.sender === undefined && !s.discarded) return s.synprotError(503, `MAIL command must precede ${verb}`);
  if (s.recipients.length === 0 && !s.discarded) {
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
  if (s.bdatChunks !== undefined) return s.synprotError(503, 'only BDAT permissible after non-LAST BDAT');
  const ready = await transactionReady(s, 'DATA');
  if (ready !== 'ready') return ready;
  const pre = await runHookAcl(s, 'predata');
  if (pre.result !== 'ok') return handleAclFailure(s, 'predata', pre, '');
  s.respond(354, 'Enter message, ending with "." on a line by itself');
  await s.io.flush();
  const text = await readDotTerminated(s);
  if (text === undefined) return lostDuringData(s);
  return finishMessage(s, text);
}

/** Read DATA content; undefined when the connection ended first. */
async function readDotTerminated(s: SmtpSession): Promise<string | undefined> {
  const parts: string[] = [];
  let atLineStart = true;
  for (;;) {
    const line = await s.io.input.readLine(DATA_LINE_MAX);
    if (line === undefined || line.ending === 'eof') return undefined;
    if (atLineStart && line.ending === 'crlf' && line.text === '.') return parts.join('');
    const text = atLineStart && line.text.startsWith('.') ? line.text.slice(1) : line.text;
    parts.push(text, '\n');
    atLineStart = line.ending === 'crlf';
  }
}

function lostDuringData(s: SmtpSession): Next {
  s.respond(421, 'Lost incoming connection');
  s.logMain(`SMTP connection from ${s.fullhostOrLocal()} lost while reading message data D=${connectionDuration(s)}`);
  return 'close';
}

export async function bdatCommand(s: SmtpSession, arg: string): Promise<Next> {
  if (!s.advertised.has('CHUNKING')) return s.synprotError(503, 'BDAT command used when CHUNKING not advertised');
  const m = /^(\d+)(?:[ \t]+(LAST))?$/i.exec(arg);
  if (!m) return s.synprotError(501, 'missing size for BDAT command');
  const size = Number(m[1]);
  const last = m[2] !== undefined;
  if (s.bdatChunks === undefined) {
    const ready = await transactionReady(s, 'BDAT');
    if (ready !== 'ready') {
      // The chunk's bytes still arrive and must be skipped.
      await s.io.input.readBytes(size);
      return ready;
    }
    s.bdatChunks = [];
  }
  const chunk = await s.io.input.readBytes(size);
  if (chunk.length < size) {
    s.bdatChunks = undefined;
    return lostDuringData(s);
  }
  s.bdatChunks.push(chunk);
  if (!last) {
    s.respond(250, `${size} byte chunk received`);
    return 'continue';
  }
  const whole = Buffer.concat(s.bdatChunks).toString('latin1').replace(/\r\n/g, '\n');
  s.bdatChunks = undefined;
  return finishMessage(s, whole);
}
