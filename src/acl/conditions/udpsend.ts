/**
 * udpsend = host : port : payload — one UDP datagram. The payload is everything after the
 * second separator, as written (leading space included). A host name that does not resolve
 * defers, with Exim's texts.
 */
import { isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import { createSocket } from 'node:dgram';
import { listSeparator } from '../../util/exim-list.js';
import { AclDefer, AclError } from '../errors.js';
import { fullHost } from '../host-ident.js';
import { registerAclCondition } from '../registry.js';
import type { AclRunContext } from '../types.js';

function splitUdpsend(arg: string): { host: string; port: string; payload: string } {
  const { sep, start } = listSeparator(arg);
  const body = arg.slice(start);
  const first = body.indexOf(sep);
  if (first < 0) throw new AclError(`missing port in "udpsend" modifier: "${arg}"`);
  const rest = body.slice(first + 1);
  const second = rest.indexOf(sep);
  return {
    host: body.slice(0, first).trim(),
    port: (second < 0 ? rest : rest.slice(0, second)).trim(),
    payload: second < 0 ? '' : rest.slice(second + 1),
  };
}

async function resolveHost(host: string, ctx: AclRunContext): Promise<string> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare)) return bare;
  try {
    const dns = ctx.services?.dns;
    const found = dns ? await dns.lookupA(bare) : [(await lookup(bare)).address];
    if (found[0]) return found[0];
  } catch {
    // Reported below as Exim does.
  }
  const client = fullHost(ctx.expand.vars);
  ctx.log.write(['main'], `no IP address found for host ${bare}${client ? ` (during SMTP connection from ${client})` : ''}`, ctx.messageId);
  throw new AclDefer('DNS lookup failed in "udpsend" modifier');
}

function sendDatagram(address: string, port: number, payload: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const socket = createSocket(isIP(address) === 6 ? 'udp6' : 'udp4');
    socket.send(payload, port, address, () => {
      socket.close();
      resolve();
    });
  });
}

registerAclCondition({
  name: 'udpsend',
  kind: 'modifier',
  async evaluate(value, _item, ctx) {
    const { host, port, payload } = splitUdpsend(value.s);
    const portNumber = Number(port);
    if (!/^[0-9]+$/.test(port)) throw new AclError(`invalid port number "${port}" in "udpsend" modifier`);
    const address = await resolveHost(host, ctx);
    const bytes = Buffer.from(payload, 'latin1');
    await (ctx.services?.udpSend ?? sendDatagram)(address, portNumber & 0xffff, bytes);
    return true;
  },
});
