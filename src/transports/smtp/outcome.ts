/**
 * Exim's wording and classification of smtp delivery outcomes (checked against exim4 4.96:
 * test/fixtures/smtp-client/oracle.json). Message texts are the address's message (what
 * follows `H=name [ip]: ` on the log line); host-level problems also give a main-log line
 * of their own and a host retry item.
 */
import type { HostItem, RetryItem } from '../../route/types.js';
import { replyText, type SmtpReply } from '../../smtp/client/reply.js';

/** Exim's negative error numbers (basic_errno) used by the smtp transport. */
export const EXIM_ERRNO = {
  SMTPCLOSED: -18,
  RCPT4XX: -44,
  MAIL4XX: -45,
  DATA4XX: -46,
  TLSFAILURE: -37,
  TLSREQUIRED: -38,
  AUTHFAIL: -42,
} as const;

export function hostTag(h: HostItem): string {
  return `H=${h.name} [${h.address ?? ''}]`;
}

/** `SMTP error from remote mail server after <what>: <reply lines>`. */
export function smtpErrorText(after: string, reply: SmtpReply): string {
  return `SMTP error from remote mail server after ${after}: ${replyText(reply)}`;
}

/** How the command is named in errors: MAIL and DATA sent ahead of replies are "pipelined". */
export function commandLabel(command: string, pipelined: boolean): string {
  return pipelined && /^(MAIL|DATA|BDAT)/.test(command) ? `pipelined ${command}` : command;
}

/** The main-log line Exim's transport writes about a failing host. */
export function hostLogLine(h: HostItem, message: string | undefined, errnoText: string | undefined): string {
  if (message === undefined) return `${hostTag(h)} ${errnoText ?? ''}`.trimEnd();
  return `${hostTag(h)}: ${message}${errnoText ? `: ${errnoText}` : ''}`;
}

/** `T:name:ip[:port]`, with `:<message id>` for errors specific to the message (MAIL/DATA 4xx). */
export function hostRetryKey(h: HostItem, port: number, includeIp: boolean, messageId?: string): string {
  // exim4 leaves the port out for 25 (oracle case refused-port-25).
  const portPart = port === 25 ? '' : `:${port}`;
  const base = includeIp ? `T:${h.name}:${h.address ?? ''}${portPart}` : `T:${h.name}`;
  return messageId ? `${base}:${messageId}` : base;
}

/** Retry-rule error names carry _A or _MX by where the host came from. */
export function withSource(name: string, h: HostItem): string {
  return `${name}_${h.mx >= 0 ? 'MX' : 'A'}`;
}

export function hostRetry(h: HostItem, key: string, error: string | undefined, message: string): RetryItem {
  return { key, action: 'defer', error, message, hostName: h.name };
}

/** `R:addr:<sender>` (address_retry_include_sender) or `R:addr`. */
export function addressRetryKey(address: string, sender: string, includeSender: boolean): string {
  return includeSender ? `R:${address}:<${sender}>` : `R:${address}`;
}
