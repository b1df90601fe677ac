/**
 * Which AUTH mechanisms to advertise: from the authentication hook when one is wired, else from
 * the configured authenticators that have a server side (a server_* option set), by public name.
 */
import type { SmtpSession } from './session.js';

export function authMechanisms(s: SmtpSession): string[] {
  if (s.deps.auth) return s.deps.auth.mechanisms();
  const out: string[] = [];
  for (const a of s.deps.config.authenticators) {
    const hasServer = [...a.options.keys()].some((k) => k.startsWith('server_') && k !== 'server_advertise_condition' && k !== 'server_debug_print');
    if (!hasServer) continue;
    const pub = a.options.get('public_name')?.value;
    const name = (typeof pub === 'string' && pub !== '' ? pub : a.name).toUpperCase();
    if (!out.includes(name)) out.push(name);
  }
  return out;
}
