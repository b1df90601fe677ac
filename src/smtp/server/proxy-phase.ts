/**
 * PROXY protocol negotiation at the start of a connection from hosts_proxy (src/smtp/proxy does
 * the parsing): read the header within proxy_protocol_timeout, put what follows it back for the
 * SMTP reader, switch the client address to the proxied one and set the $proxy_* variables. A
 * failed negotiation does not close the connection: every command but QUIT then gets Exim's 503.
 */
import { ProxyHeaderReader, proxyEndpoints, proxyTimeoutSeconds, proxyVariables, type ProxyEndpoints, type ProxyParseResult } from '../proxy/index.js';
import type { SmtpSession } from './session.js';

export async function negotiateProxy(s: SmtpSession): Promise<ProxyEndpoints> {
  const reader = new ProxyHeaderReader();
  const input = s.io.input;
  const deadline = Date.now() + proxyTimeoutSeconds(s.opts.config.mainOption('proxy_protocol_timeout')) * 1000;
  let result: ProxyParseResult = reader.current;
  while (result.status === 'need-more') {
    const left = deadline - Date.now();
    const has = left > 0 && (await input.pendingWithin(left));
    if (has) result = reader.feed(input.takeAll());
    else result = reader.end(input.isEnded ? 'eof' : 'timeout');
  }
  if (result.rest.length > 0) input.unshift(Buffer.from(result.rest));
  const real = { peerAddress: s.remote.address, peerPort: s.remote.port };
  const endpoints = proxyEndpoints(true, result, real);
  for (const [k, v] of proxyVariables(endpoints)) s.ctx.vars.set(k, v);
  s.remote = { address: endpoints.senderHostAddress, port: endpoints.senderHostPort };
  s.proxy = endpoints;
  s.refreshHostVariables();
  return endpoints;
}
