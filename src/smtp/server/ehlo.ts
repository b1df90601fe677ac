/**
 * The EHLO reply: greeting line, then the extensions in the order Exim 4.96 lists them, each
 * gated by its option. The set advertised is remembered (PIPELINING, CHUNKING, DSN, AUTH...)
 * because later commands behave differently when their extension was not offered.
 */
import type { SmtpSession } from './session.js';
import { authEhloKeyword } from '../../auth/index.js';
import { offeredAuthenticators } from './auth-exchange.js';

export function greeting(s: SmtpSession): string {
  const ident = s.hostFacts().ident;
  const who = s.deps.overrides?.senderHostName ?? s.heloName ?? '';
  const host = s.hostAddress === undefined ? '' : ` [${s.hostAddress}]`;
  return `${s.activeHostname()} Hello ${ident !== undefined ? `${ident} at ` : ''}${who}${host}`;
}

export async function ehloExtensions(s: SmtpSession): Promise<string[]> {
  const lines: string[] = [];
  const adv = (name: string, line = name): void => {
    s.advertised.add(name);
    lines.push(line);
  };
  const sizeLimit = await messageSizeLimit(s);
  adv('SIZE', sizeLimit > 0 ? `SIZE ${sizeLimit}` : 'SIZE');
  if (s.opts.bool('accept_8bitmime', true)) adv('8BITMIME');
  if (await s.hostInList('dsn_advertise_hosts')) adv('DSN');
  if (s.opts.str('acl_smtp_etrn') !== undefined) adv('ETRN');
  if (s.opts.str('acl_smtp_vrfy') !== undefined) adv('VRFY');
  if (s.opts.str('acl_smtp_expn') !== undefined) adv('EXPN');
  const pipelining = !s.controls.set.has('no_pipelining') && (await s.hostInList('pipelining_advertise_hosts'));
  if (pipelining) adv('PIPELINING');
  if (pipelining && s.hostAddress !== undefined && (await s.hostInList('pipelining_connect_advertise_hosts'))) adv('PIPECONNECT');
  if (s.authenticatedId === undefined || s.deps.overrides?.authenticatedId !== undefined) {
    if (await s.hostInList('auth_advertise_hosts')) {
      const keyword = authEhloKeyword(await offeredAuthenticators(s));
      if (keyword !== undefined) adv('AUTH', keyword);
    }
  }
  if (await s.hostInList('chunking_advertise_hosts')) adv('CHUNKING');
  if (s.tls === undefined && (await offersTls(s))) adv('STARTTLS');
  if (s.opts.bool('prdr_enable')) adv('PRDR');
  // SMTPUTF8 needs 8BITMIME: without accept_8bitmime Exim offers neither.
  if (s.opts.bool('accept_8bitmime', true) && (await s.hostInList('smtputf8_advertise_hosts'))) adv('SMTPUTF8');
  lines.push('HELP');
  return lines;
}

/** tls_advertise_hosts through the TLS module; -bh/-bs (no module) match the list themselves. */
async function offersTls(s: SmtpSession): Promise<boolean> {
  if (s.deps.serverTls) return s.deps.serverTls.advertise({ address: s.hostAddress ?? '', name: s.deps.overrides?.senderHostName });
  return s.deps.mode !== 'daemon' && s.hostInList('tls_advertise_hosts');
}

/** message_size_limit (expanded; Exim's size syntax). 0 means no limit. */
export async function messageSizeLimit(s: SmtpSession): Promise<number> {
  try {
    const text = (await s.expandOption('message_size_limit'))?.s ?? '0';
    return parseSize(text);
  } catch {
    return 0;
  }
}

export function parseSize(text: string): number {
  const m = /^\s*(\d+)\s*([kmg]?)\s*$/i.exec(text);
  if (!m) return 0;
  const n = Number(m[1]);
  const mult = { '': 1, k: 1024, m: 1024 * 1024, g: 1024 * 1024 * 1024 }[m[2]!.toLowerCase()] ?? 1;
  return n * mult;
}
