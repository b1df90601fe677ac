/**
 * Main/reject log lines of an SMTP server session other than `<=`, in exim4 4.96's words
 * (collected from a real daemon by scripts/oracle/gen-log.mjs). Each function returns the text
 * after the prefix and (where one applies) the message id, and leaves to the caller which
 * selector gates the line and which logs it goes to; the doc comment of each says what exim4
 * does.
 */
import type { LogSelectors } from '../types.js';
import { connectionHost, fullHost, hostInfo, type LogHost } from './host.js';
import { logDuration } from './duration.js';
import { printable } from './printing.js';
import { authField, tlsFields, type AuthLogInfo, type TlsLogInfo } from './reception.js';

const hostText = (h: LogHost, sel: LogSelectors) => hostInfo(h, sel).slice(1);

/** +smtp_connection, main log. `count` is the daemon's connection count (absent for -bs). */
export function connectionStartLine(h: LogHost, sel: LogSelectors, count?: number): string {
  return `SMTP connection from ${connectionHost(h, sel)}${count === undefined ? '' : ` (TCP/IP connection count = ${count})`}`;
}

/** +smtp_connection, main log. */
export function closedByQuitLine(h: LogHost, sel: LogSelectors): string {
  return `SMTP connection from ${connectionHost(h, sel)} closed by QUIT`;
}

/** Connection dropped while waiting for a command; +smtp_connection, main log. */
export function connectionLostLine(h: LogHost, sel: LogSelectors, durationMs: number): string {
  return `SMTP connection from ${connectionHost(h, sel)} lost D=${logDuration(durationMs, sel.has('millisec'))}`;
}

/**
 * Connection dropped during DATA; main log (+lost_incoming_connection). `afterHeader` tells
 * whether the header had been read completely.
 */
export function lostInDataLine(h: LogHost, sel: LogSelectors, afterHeader: boolean): string {
  return `SMTP connection from ${connectionHost(h, sel)} lost while reading message data${afterHeader ? ' (after header)' : ''}`;
}

export interface NoMailInput {
  readonly durationMs: number;
  readonly tls?: TlsLogInfo;
  readonly auth?: AuthLogInfo;
  /** SMTP commands the client issued, in order (verbs as Exim names them). */
  readonly commands: readonly string[];
}

/** +smtp_no_mail, main log: a session ended without any MAIL command. */
export function noMailLine(h: LogHost, sel: LogSelectors, n: NoMailInput): string {
  let s = `no MAIL in SMTP connection from ${connectionHost(h, sel)} D=${logDuration(n.durationMs, sel.has('millisec'))}`;
  s += tlsFields(n.tls, sel);
  s += authField(n.auth, sel);
  if (n.commands.length > 0) s += ` C=${commandList(n.commands)}`;
  return s;
}

/** The C= list: every command, or the last 20 after `...` when there were more. */
export function commandList(commands: readonly string[]): string {
  return commands.length > 20 ? `...,${commands.slice(-20).join(',')}` : commands.join(',');
}

/**
 * +smtp_incomplete_transaction, main log: a transaction ended by RSET, QUIT or a lost
 * connection (`why` is the word in parentheses) after MAIL.
 */
export function incompleteTransactionLine(h: LogHost, sel: LogSelectors, why: string, sender: string, recipients: readonly string[]): string {
  const rcpts = recipients.length > 0 ? ` for ${recipients.join(' ')}` : '';
  return `${hostText(h, sel)} incomplete transaction (${why}) from <${sender}>${rcpts}`;
}

/** MAIL refused by the ACL; main and reject logs. */
export function rejectedMailLine(h: LogHost, sel: LogSelectors, sender: string, message?: string): string {
  return `${hostText(h, sel)} rejected MAIL <${sender}>${message ? `: ${message}` : ''}`;
}

/** RCPT refused (deny) or deferred (defer: `temporary`) by the ACL; main and reject logs. */
export function rejectedRcptLine(h: LogHost, sel: LogSelectors, sender: string, recipient: string, message?: string, temporary = false): string {
  return `${hostText(h, sel)} F=<${sender}> ${temporary ? 'temporarily ' : ''}rejected RCPT <${recipient}>${message ? `: ${message}` : ''}`;
}

/** The DATA ACL refused the message; main and reject logs, with the message id. */
export function rejectedAfterDataLine(h: LogHost, sel: LogSelectors, sender: string, message?: string, temporary = false): string {
  return `${hostText(h, sel)} F=<${sender}> ${temporary ? 'temporarily ' : ''}rejected after DATA${message ? `: ${message}` : ''}`;
}

/** MAIL before HELO/EHLO when helo_required; main and reject logs. */
export function noHeloLine(h: LogHost, sel: LogSelectors): string {
  return `rejected MAIL from ${connectionHost(h, sel)}: no HELO/EHLO given`;
}

/** smtp_receive_timeout while waiting for a command; main log. */
export function commandTimeoutLine(h: LogHost, sel: LogSelectors): string {
  return `SMTP command timeout on connection from ${connectionHost(h, sel)}`;
}

/** smtp_receive_timeout during DATA; main log. Exim leaves out I= here. */
export function dataTimeoutLine(h: LogHost, sel: LogSelectors, sender: string): string {
  return `SMTP data timeout (message abandoned) on connection from ${fullHost(h, sel) ?? ''} F=<${sender}>`;
}

/** Input before the banner from a host that may not pipeline the connect; main and reject. */
export function syncErrorGreetingLine(h: LogHost, sel: LogSelectors, input: string): string {
  return `SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from H=${connectionHost(h, sel)} input="${printable(input)}"`;
}

/**
 * Input after a command that must be answered before more is sent; main and reject.
 * `reason` is Exim's parenthesised explanation, e.g. `next input sent too soon: pipelining
 * was not advertised`.
 */
export function syncErrorLine(h: LogHost, sel: LogSelectors, command: string, nextInput: string,
  reason = 'next input sent too soon: pipelining was not advertised'): string {
  return `SMTP protocol synchronization error (${reason}): rejected "${printable(command)}" H=${connectionHost(h, sel)} next input="${printable(nextInput)}"`;
}

/** +smtp_syntax_error, main log, e.g. message `unrecognized command`. */
export function syntaxErrorLine(h: LogHost, sel: LogSelectors, command: string, message: string): string {
  return `SMTP syntax error in "${printable(command)}" H=${connectionHost(h, sel)} ${message}`;
}

/** +smtp_protocol_error, main log, e.g. message `sender not yet given`. */
export function protocolErrorLine(h: LogHost, sel: LogSelectors, command: string, message: string): string {
  return `SMTP protocol error in "${printable(command)}" H=${connectionHost(h, sel)} ${message}`;
}

/** smtp_max_synprot_errors exceeded: the session is dropped; main and reject logs. */
export function tooManySynprotErrorsLine(h: LogHost, sel: LogSelectors, lastCommand: string, commands: readonly string[]): string {
  return `SMTP call from ${connectionHost(h, sel)} dropped: too many syntax or protocol errors (last command was "${printable(lastCommand)}",  C=${commandList(commands)})`;
}

/** acl_smtp_connect refused the client; main (+connection_reject) and reject logs. */
export function connectAclRejectLine(h: LogHost, sel: LogSelectors, message?: string): string {
  return `${hostText(h, sel)} rejected connection in "connect" ACL${message ? `: ${message}` : ''}`;
}

/** host_reject_connection matched; main (+connection_reject) and reject logs. */
export function hostRejectConnectionLine(h: LogHost, sel: LogSelectors): string {
  return `refused connection from ${connectionHost(h, sel)} (host_reject_connection)`;
}

/** acl_smtp_helo refused HELO/EHLO; main and reject logs. The H= text already has the new name. */
export function heloRejectedLine(h: LogHost, sel: LogSelectors, helo: string, message?: string): string {
  return `${hostText(h, sel)} rejected EHLO or HELO ${helo}${message ? `: ${message}` : ''}`;
}

/** smtp_max_unknown_commands exceeded; main and reject logs. */
export function tooManyUnknownCommandsLine(h: LogHost, sel: LogSelectors, lastCommand: string): string {
  return `SMTP call from ${connectionHost(h, sel)} dropped: too many unrecognized commands (last was "${printable(lastCommand)}")`;
}

/** MAIL with SIZE= above message_size_limit; main (+size_reject) and reject logs. */
export function mailTooBigLine(h: LogHost, sel: LogSelectors, sender: string, size: number, max: number): string {
  return `rejected MAIL FROM:<${sender}> ${hostText(h, sel)}: message too big: size=${size} max=${max}`;
}

/**
 * The message grew past message_size_limit while being read; main (+size_reject) and reject
 * logs, with the message id. exim4 leaves out I= here.
 */
export function dataTooBigLine(h: LogHost, sel: LogSelectors, sender: string, read: number, max: number): string {
  return `rejected from <${sender}> H=${fullHost(h, sel) ?? ''}: message too big: read=${read} max=${max}`;
}

/** VRFY of an unqualified address; main (+smtp_syntax_error) and reject logs. */
export function unqualifiedVrfyLine(h: LogHost, sel: LogSelectors, address: string): string {
  return `unqualified verify rejected: <${address}> ${hostText(h, sel)}`;
}

/** +etrn, main log: a valid ETRN, logged before its ACL runs. */
export function etrnLine(h: LogHost, sel: LogSelectors, argument: string): string {
  return `ETRN ${printable(argument)} received from ${connectionHost(h, sel)}`;
}

/**
 * Which logs each SMTP line goes to and the log_selector item that governs it (pass it as
 * LogWriteOptions.selector): when the item is off exim4 skips the main-log copy but still writes
 * the reject-log copy. Read from exim4's logs under default, -all and +all selectors.
 */
export const SMTP_LINE_RULES: Readonly<Record<string, { readonly files: readonly ('main' | 'reject')[]; readonly selector?: string }>> = {
  connectionStartLine: { files: ['main'], selector: 'smtp_connection' },
  closedByQuitLine: { files: ['main'], selector: 'smtp_connection' },
  connectionLostLine: { files: ['main'], selector: 'smtp_connection' },
  lostInDataLine: { files: ['main'], selector: 'lost_incoming_connection' },
  noMailLine: { files: ['main'], selector: 'smtp_no_mail' },
  incompleteTransactionLine: { files: ['main'], selector: 'smtp_incomplete_transaction' },
  rejectedMailLine: { files: ['main', 'reject'] },
  rejectedRcptLine: { files: ['main', 'reject'] },
  rejectedAfterDataLine: { files: ['main', 'reject'] },
  noHeloLine: { files: ['main', 'reject'] },
  commandTimeoutLine: { files: ['main'], selector: 'lost_incoming_connection' },
  dataTimeoutLine: { files: ['main'], selector: 'lost_incoming_connection' },
  syncErrorGreetingLine: { files: ['main', 'reject'] },
  syncErrorLine: { files: ['main', 'reject'] },
  syntaxErrorLine: { files: ['main'], selector: 'smtp_syntax_error' },
  protocolErrorLine: { files: ['main'], selector: 'smtp_protocol_error' },
  tooManySynprotErrorsLine: { files: ['main', 'reject'] },
  connectAclRejectLine: { files: ['main', 'reject'], selector: 'connection_reject' },
  hostRejectConnectionLine: { files: ['main', 'reject'], selector: 'connection_reject' },
  heloRejectedLine: { files: ['main', 'reject'] },
  tooManyUnknownCommandsLine: { files: ['main', 'reject'] },
  mailTooBigLine: { files: ['main', 'reject'], selector: 'size_reject' },
  dataTooBigLine: { files: ['main', 'reject'], selector: 'size_reject' },
  unqualifiedVrfyLine: { files: ['main', 'reject'], selector: 'smtp_syntax_error' },
  etrnLine: { files: ['main'], selector: 'etrn' },
};
