/**
 * Expansion variables of a PROXY session, and the connection details the server keeps.
 *
 * $proxy_local_address/$proxy_local_port are the proxy's own side of the TCP connection (the
 * real peer); $proxy_external_address/$proxy_external_port the destination the client reached on
 * the proxy; $sender_host_address/$sender_host_port become the original client. The seeds' older
 * names are aliases: $proxy_host_* = $proxy_local_*, $proxy_target_* = $proxy_external_*.
 * Exim treats these values as untainted even though they come from the header (checked with
 * ${readfile} under exim4 -bh), so they are untainted here too.
 */
import { untainted, type TStr } from '../../expand/types.js';
import type { ProxyAssignments, ProxyParseResult, RealEndpoints } from './types.js';

export interface ProxyEndpoints {
  readonly session: boolean;
  readonly failed: boolean;
  readonly senderHostAddress: string;
  readonly senderHostPort: number;
  readonly localAddress: string;
  readonly localPort: number;
  readonly externalAddress: string;
  readonly externalPort: number;
}

function assignmentsOf(result: ProxyParseResult | undefined): ProxyAssignments {
  if (!result || result.status === 'need-more') return {};
  return result.status === 'parsed' ? result.header.assignments : result.assignments;
}

/**
 * Resolve the session's endpoints. `session` is whether the host matched hosts_proxy; `result`
 * the reader's final answer (undefined when no negotiation took place).
 */
export function proxyEndpoints(session: boolean, result: ProxyParseResult | undefined, real: RealEndpoints): ProxyEndpoints {
  const a = session ? assignmentsOf(result) : {};
  return {
    session,
    failed: session && result?.status !== 'parsed',
    senderHostAddress: a.clientAddress ?? real.peerAddress,
    senderHostPort: a.clientPort ?? real.peerPort,
    localAddress: a.clientAddress !== undefined ? real.peerAddress : '',
    localPort: a.clientPort !== undefined ? real.peerPort : 0,
    externalAddress: a.externalAddress ?? '',
    externalPort: a.externalPort ?? 0,
  };
}

/** The variables, by name without `$`, ready for ExpandContext.vars. */
export function proxyVariables(e: ProxyEndpoints): Map<string, TStr> {
  const v = (s: string | number): TStr => untainted(String(s));
  return new Map<string, TStr>([
    ['proxy_session', v(e.session ? 'yes' : 'no')],
    ['proxy_external_address', v(e.externalAddress)],
    ['proxy_external_port', v(e.externalPort)],
    ['proxy_local_address', v(e.localAddress)],
    ['proxy_local_port', v(e.localPort)],
    ['proxy_target_address', v(e.externalAddress)],
    ['proxy_target_port', v(e.externalPort)],
    ['proxy_host_address', v(e.localAddress)],
    ['proxy_host_port', v(e.localPort)],
    ['sender_host_address', v(e.senderHostAddress)],
    ['sender_host_port', v(e.senderHostPort)],
  ]);
}

/** The `proxy` part of ConnectionInfo (src/smtp/server/types.ts), present for proxy sessions. */
export function connectionProxyInfo(e: ProxyEndpoints):
  | { externalAddress: string; externalPort: number; localAddress: string; localPort: number }
  | undefined {
  if (!e.session) return undefined;
  return { externalAddress: e.externalAddress, externalPort: e.externalPort, localAddress: e.localAddress, localPort: e.localPort };
}

/**
 * The ` PRX=<proxy address>` field of `<=` log lines under `log_selector = +proxy` (Exim's test
 * 4030 shows the proxy's own address). Empty when the session was not proxied through an address.
 * Not checked against Exim for UNKNOWN/LOCAL headers or failed negotiations (needs a real daemon).
 */
export function proxyLogField(e: ProxyEndpoints): string {
  return e.session && e.localAddress !== '' ? ` PRX=${e.localAddress}` : '';
}
