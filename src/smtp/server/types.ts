/**
 * Contract of an SMTP session: the explicit, typed state of one connection (no globals). The
 * server fills it; the ACL engine sees it through ExpandContext variables.
 */
export interface ConnectionInfo {
  /** Client address and port as seen after any PROXY negotiation. */
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly localAddress: string;
  readonly localPort: number;
  /** PROXY protocol details when hosts_proxy applied. */
  readonly proxy?: {
    readonly externalAddress: string;
    readonly externalPort: number;
    readonly localAddress: string;
    readonly localPort: number;
  };
}

export interface TlsState {
  readonly cipher: string;
  readonly protocol: string;
  readonly peerDn?: string;
  readonly sni?: string;
  readonly certificateVerified: boolean;
  /** $tls_in_resumption bits. */
  readonly resumption: number;
}

export interface Envelope {
  sender?: string;
  readonly recipients: string[];
  /** MAIL parameters (SIZE, BODY, SMTPUTF8, RET, ENVID, AUTH). */
  readonly mailParams: Map<string, string | true>;
}
