/**
 * Exim's host_and_ident text that starts ACL log lines: `H=<fullhost>` for a remote client
 * (name, `(helo)` when it differs, `[address]`), then ` U=<ident>` when an ident is known.
 */
import type { ExpandContext } from '../expand/types.js';

export function fullHost(vars: ExpandContext['vars']): string {
  const set = vars.get('sender_fullhost')?.s;
  if (set) return set;
  const address = vars.get('sender_host_address')?.s ?? '';
  if (address === '') return '';
  const name = vars.get('sender_host_name')?.s ?? '';
  const helo = vars.get('sender_helo_name')?.s ?? '';
  const port = vars.get('sender_host_port')?.s;
  const ip = `[${address}]${port && vars.get('log_incoming_port')?.s === '1' ? `:${port}` : ''}`;
  if (name === '') return helo === '' ? ip : `(${helo}) ${ip}`;
  return helo === '' || helo.toLowerCase() === name.toLowerCase() ? `${name} ${ip}` : `${name} (${helo}) ${ip}`;
}

export function hostAndIdent(vars: ExpandContext['vars']): string {
  const host = fullHost(vars);
  const ident = vars.get('sender_ident')?.s ?? '';
  const parts: string[] = [];
  if (host !== '') parts.push(`H=${host}`);
  if (ident !== '') parts.push(`U=${ident}`);
  return parts.join(' ');
}

/** Exim's string_printing: control characters (not tab) become C escapes so a log line stays one line. */
export function stringPrinting(text: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\v': '\\v', '\f': '\\f', '\b': '\\b' };
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code < 0x7f) || ch === '\t') out += ch;
    else if (named[ch]) out += named[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return out;
}
