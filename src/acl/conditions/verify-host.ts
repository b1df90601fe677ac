/**
 * verify = helo, reverse_host_lookup and csa: checks of the client host that need DNS answers,
 * through ctx.services.dns (src/dns provides it). Without a resolver they defer with a clear
 * text. Partial: CSA's SRV rules are not implemented yet (it defers).
 */
import { untainted } from '../../expand/types.js';
import { AclDefer } from '../errors.js';
import type { AclRunContext } from '../types.js';

function client(ctx: AclRunContext): string {
  return ctx.expand.vars.get('sender_host_address')?.s ?? '';
}

/** The HELO name is verified when it is the client's address literal, its known name, or resolves to it. */
export async function verifyHelo(ctx: AclRunContext): Promise<boolean> {
  const address = client(ctx);
  if (address === '') return true;
  const helo = ctx.expand.vars.get('sender_helo_name')?.s ?? '';
  if (helo === '') return false;
  const literal = /^\[(?:ipv6:)?(.*)\]$/i.exec(helo);
  if (literal) return literal[1]!.toLowerCase() === address.toLowerCase();
  const name = ctx.expand.vars.get('sender_host_name')?.s ?? '';
  if (name !== '' && name.toLowerCase() === helo.toLowerCase()) return true;
  const dns = ctx.services?.dns;
  if (!dns) throw new AclDefer('helo verification needs the DNS resolver (not available)');
  const v6 = address.includes(':');
  const found = v6 ? ((await dns.lookupAaaa?.(helo)) ?? []) : await dns.lookupA(helo);
  const ok = found.some((a) => a.toLowerCase() === address.toLowerCase());
  ctx.expand.vars.set('helo_verified', untainted(ok ? '1' : '0'));
  return ok;
}

/** A name from the reverse lookup of the client address must resolve back to it. */
export async function verifyReverseHost(ctx: AclRunContext, deferOk: boolean): Promise<boolean> {
  const address = client(ctx);
  if (address === '') return true;
  const dns = ctx.services?.dns;
  if (!dns?.lookupPtr) {
    if (deferOk) return true;
    throw new AclDefer('reverse host lookup needs the DNS resolver (not available)');
  }
  try {
    const names = await dns.lookupPtr(address);
    for (const name of names) {
      const back = address.includes(':') ? ((await dns.lookupAaaa?.(name)) ?? []) : await dns.lookupA(name);
      if (back.includes(address)) {
        ctx.expand.vars.set('sender_host_name', { s: name.replace(/\.$/, ''), tainted: true });
        return true;
      }
    }
  } catch (err) {
    if (deferOk) return true;
    throw new AclDefer(`reverse host lookup for ${address} deferred: ${(err as Error).message}`);
  }
  if (ctx.statement) ctx.statement.logMessage = `host name lookup for ${address} failed`;
  return false;
}

export async function verifyCsa(ctx: AclRunContext): Promise<boolean> {
  if (client(ctx) === '') return true;
  throw new AclDefer('CSA verification is not supported yet');
}
