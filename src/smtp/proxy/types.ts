/**
 * Types of the PROXY protocol receiver (HAProxy's v1 text and v2 binary headers), as Exim 4.96
 * handles them on connections from `hosts_proxy`. Transport-independent: the SMTP server feeds the
 * bytes it reads and applies the outcome to its connection state.
 */

/** How headers are judged. `exim`: Exim 4.96's behaviour (the default); `strict`: the HAProxy spec. */
export type ProxyMode = 'exim' | 'strict';

/** A v2 type-length-value item after the address block (kept as received). */
export interface ProxyTlv {
  readonly type: number;
  readonly value: Uint8Array;
  /** PP2_TYPE_SSL (0x20): client flags, verify result and the nested sub-TLVs. */
  readonly ssl?: { readonly client: number; readonly verify: number; readonly sub: readonly ProxyTlv[] };
}

/**
 * The endpoint values a header supplies, in the order Exim assigns them. Exim applies them one by
 * one while parsing a v1 line, so a header that fails half-way leaves the earlier ones in place.
 * Setting `clientAddress` also moves the real peer address to $proxy_local_address, and setting
 * `clientPort` moves the real peer port to $proxy_local_port.
 */
export interface ProxyAssignments {
  readonly clientAddress?: string;
  readonly externalAddress?: string;
  readonly clientPort?: number;
  readonly externalPort?: number;
}

export type ProxyFamily = 'TCP4' | 'TCP6' | 'UNKNOWN' | 'UNSPEC' | 'INET' | 'INET6' | 'UNIX';

export interface ProxyHeader {
  readonly version: 1 | 2;
  readonly command: 'PROXY' | 'LOCAL';
  /** v1: TCP4 / TCP6 / UNKNOWN. v2: UNSPEC / INET / INET6 / UNIX. */
  readonly family: ProxyFamily;
  /** v2 only. */
  readonly transport?: 'UNSPEC' | 'STREAM' | 'DGRAM';
  /** The proxied endpoints; absent when the receiver keeps the real connection's (UNKNOWN, LOCAL). */
  readonly assignments: ProxyAssignments;
  /** v2 TLVs after the address block (empty for v1). */
  readonly tlvs: readonly ProxyTlv[];
  /** v2 AF_UNIX paths (strict mode only reports them; Exim refuses AF_UNIX). */
  readonly unixPaths?: { readonly source: string; readonly destination: string };
}

export interface ProxyNeedMore {
  readonly status: 'need-more';
}

export interface ProxyParsed {
  readonly status: 'parsed';
  readonly header: ProxyHeader;
  /** Bytes taken from the stream (header plus anything Exim reads and drops with it). */
  readonly consumed: number;
  /** What follows in the bytes fed so far: the start of the SMTP dialogue. */
  readonly rest: Uint8Array;
  /** Exim's debug line for the success ("Valid IPv4 sender from Proxy Protocol header"). */
  readonly detail: string;
}

export interface ProxyInvalid {
  readonly status: 'invalid';
  /** Why, in Exim's debug wording where Exim has one. */
  readonly reason: string;
  readonly consumed: number;
  readonly rest: Uint8Array;
  /** Values Exim had already applied when it gave up (v1 only; empty otherwise). */
  readonly assignments: ProxyAssignments;
}

export type ProxyParseResult = ProxyNeedMore | ProxyParsed | ProxyInvalid;

/** The real TCP endpoints of the connection (the proxy's side and ours). */
export interface RealEndpoints {
  readonly peerAddress: string;
  readonly peerPort: number;
}
