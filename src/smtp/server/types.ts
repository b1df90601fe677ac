/**
 * Contract of an SMTP session: the explicit, typed state of one connection (no globals). The
 * server fills it; the ACL engine sees it through ExpandContext variables.
 */
import type { LoadedConfig } from '../../config/types.js';
import type { AclEngine, VerifyHook } from '../../acl/types.js';
import type { Logger } from '../../log/types.js';
import type { Spool } from '../../spool/types.js';
import type { ExpandContext } from '../../expand/types.js';
import type { InputQueue } from './input.js';
import type { Authenticator } from '../../auth/types.js';
import type { ServerTls, TlsSession } from '../../tls/index.js';
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

// ---------------------------------------------------------------------------
// Engine wiring (added with the protocol engine)
// ---------------------------------------------------------------------------

/**
 * How the session was started: `bh` is Exim's -bh fake session (nothing stored, sync checks
 * off), `bs` is SMTP on stdin/stdout from a local user, `daemon` a real TCP connection.
 */
export type SessionMode = 'bh' | 'bs' | 'daemon';

/** The transport side of a session: bytes in through `input`, reply text out through `write`. */
export interface SessionIo {
  readonly input: InputQueue;
  /** Queue reply text (wire form: latin1, one char per byte; see bytes-text.ts). */
  write(text: string): void;
  /** Send everything queued; resolves when handed to the transport. */
  flush(): Promise<void>;
  /** Close the connection (after a final flush). */
  close(): void;
}

/** Result of the STARTTLS hook: the TLS state, or Exim's failure text for the log. */
export type StartTlsResult = { ok: true; tls: TlsState; session?: TlsSession } | { ok: false; logText: string };

/** Server-side authentication hook: runs one AUTH exchange using `challenge` for 334 prompts. */
export interface AuthHook {
  /** Mechanisms to advertise (public names, in configuration order). */
  mechanisms(): string[];
  authenticate(
    mechanism: string,
    initialResponse: string | undefined,
    challenge: (prompt: string) => Promise<string | undefined>,
    ctx: ExpandContext,
  ): Promise<{ result: 'ok' | 'fail' | 'defer' | 'cancelled' | 'bad64' | 'unknown'; id?: string; message?: string; authenticator?: string }>;
}

export interface SessionDeps {
  readonly mode: SessionMode;
  readonly config: LoadedConfig;
  readonly acl: AclEngine;
  readonly log: Logger;
  /** Absent in -bh: nothing is stored. */
  readonly spool?: Spool;
  readonly connection: ConnectionInfo;
  readonly verify?: VerifyHook;
  /** The TLS module for this configuration (advertising, 454 check); absent: no STARTTLS. */
  readonly serverTls?: ServerTls;
  /** Run the TLS handshake on this connection after "220 TLS go ahead". */
  readonly startTls?: (io: SessionIo) => Promise<StartTlsResult>;
  readonly auth?: AuthHook;
  /** The configured authenticators (src/auth); AUTH is offered and run through them. */
  readonly authenticators?: readonly Authenticator[];
  /** Values given by -oMa/-oMs/-oMr/-oMaa/-oMai/-oMt and the caller's login (for -bs). */
  readonly overrides?: SessionOverrides;
  /** Message id generator (tests pin it); defaults to Exim's format. */
  readonly newMessageId?: () => string;
  /** Clock (tests pin it). */
  readonly now?: () => Date;
  /** Called after a message was accepted with 250 (the daemon starts its delivery). */
  readonly onAccepted?: (id: string) => void;
  /** The daemon's connection count, shown by +smtp_connection. */
  readonly connectionCount?: number;
  /** Whether the connection arrived on a tls_on_connect port (TLS already running). */
  readonly tls?: TlsState;
  /** The TLS module's session for such a connection ($tls_in_* values, log facts). */
  readonly tlsSession?: TlsSession;
}

export interface SessionOverrides {
  /** -oMs: host name of the sender host. */
  readonly senderHostName?: string;
  /** -oMr: received protocol. */
  readonly receivedProtocol?: string;
  /** -oMaa: authenticator name. */
  readonly authenticator?: string;
  /** -oMai: authenticated id. */
  readonly authenticatedId?: string;
  /** -oMt: ident string. */
  readonly ident?: string;
  /** Login of the calling user (-bs: ident and sender defaults). */
  readonly callerLogin?: string;
}
