/**
 * The ACL hooks as Exim names them in messages (`cannot test domains condition in MAIL ACL`,
 * `cannot verify sender in ACL for MAIL`), and the groups of hooks the permission tables use.
 */
import type { AclWhere } from './types.js';

const WHERE_NAMES: Readonly<Record<AclWhere, string>> = {
  rcpt: 'RCPT',
  mail: 'MAIL',
  predata: 'PREDATA',
  mime: 'MIME',
  dkim: 'DKIM',
  data: 'DATA',
  prdr: 'PRDR',
  not_smtp: 'non-SMTP',
  auth: 'AUTH',
  connect: 'connection',
  etrn: 'ETRN',
  expn: 'EXPN',
  helo: 'EHLO or HELO',
  mailauth: 'MAILAUTH',
  not_smtp_start: 'non-SMTP-start',
  not_smtp_mime: 'non-SMTP MIME',
  notquit: 'NOTQUIT',
  quit: 'QUIT',
  starttls: 'STARTTLS',
  vrfy: 'VRFY',
  wellknown: 'WELLKNOWN',
  expansion: 'unknown',
};

export function whereName(where: AclWhere): string {
  return WHERE_NAMES[where];
}

export const ALL_WHERES: readonly AclWhere[] = Object.keys(WHERE_NAMES) as AclWhere[];

/** Hooks concerned with receiving a message (Exim's "message ACLs": header lines may be added). */
export const MESSAGE_WHERES: readonly AclWhere[] = ['rcpt', 'mail', 'predata', 'mime', 'dkim', 'data', 'prdr', 'not_smtp', 'not_smtp_mime'];

/** Every hook except those listed. */
export function allExcept(...excluded: AclWhere[]): readonly AclWhere[] {
  return ALL_WHERES.filter((w) => !excluded.includes(w));
}

/** Whether an ACL for this hook may add header lines with a warn `message`. */
export function isMessageWhere(where: AclWhere): boolean {
  return MESSAGE_WHERES.includes(where);
}
