/**
 * Contract of transports (spec chapters "Generic options for transports" and the transport
 * chapters). A transport driver (src/transports/<name>/ or <name>.ts, registered in
 * src/transports/index.ts) receives a batch of routed addresses and the message, attempts the
 * delivery and records one DeliveryResult per address. The delivery process (src/deliver) owns
 * everything around it: batching, uid/gid, retry checks before and updates after, log lines,
 * bounces. Transports never write the main log themselves (except their own debug lines).
 */
import type { DriverOptions } from '../config/driver-options.js';
import type { DriverInstance, LoadedConfig } from '../config/types.js';
import type { HostFinder } from '../dns/host.js';
import type { DnsResolver } from '../dns/resolver.js';
import type { ExpandContext } from '../expand/types.js';
import type { Logger } from '../log/types.js';
import type { HintsDb } from '../queue/types.js';
import type { AddressItem, HostItem, RetryItem } from '../route/types.js';
import type { SpoolMessage } from '../spool/types.js';
import { MailwrightError } from '../util/errors.js';

/** TLS facts of a delivery, for `X=`, `CV=`, `DN=` on `=>` lines and $tls_out_* variables. */
export interface TlsFacts {
  /** GnuTLS-style cipher name as Exim logs it (`TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256`). */
  readonly cipher: string;
  readonly certificateVerified: boolean;
  /** DANE verification succeeded (CV=dane). */
  readonly dane?: boolean;
  readonly peerDn?: string;
  readonly resumed?: boolean;
  readonly sni?: string;
}

/** Outcome of delivering one address. */
export interface DeliveryResult {
  readonly status: 'ok' | 'defer' | 'fail';
  /** Log/bounce text, e.g. `SMTP error from remote mail server after RCPT TO:<a@b>: 550 No such user`. */
  readonly message?: string;
  /** Text for the bounce body when it differs from the log text. */
  readonly userMessage?: string;
  /** Error classification for retry rules (RetryErrorName in src/queue/types.ts), e.g. `rcpt_4xx`, `timeout_connect_A`, `quota`. */
  readonly error?: string;
  /** Remote deliveries: the host used (or last tried). */
  readonly host?: HostItem;
  /**
   * Exim's basic_errno for the log line `defer (N)`: a system errno (111 refused, 110 timed
   * out: the line then adds `: <strerror>`) or Exim's negative codes (-44 RCPT 4xx, -45 MAIL
   * 4xx, -46 DATA 4xx, -18 connection closed). Absent = 0. (Added for the smtp transport.)
   * The local transports (appendfile, pipe, autoreply, lmtp, queuefile) set it too (2 ENOENT,
   * -1 taint, -21 not absolute, -22 quota...) and put the whole text after `defer (N): `,
   * any strerror part included, in `message`.
   */
  readonly errno?: number;
  /**
   * Remote deliveries: which message copy (SMTP transaction) of the run delivered the address,
   * counting from 1; the first address of a copy is logged with `=>`, the others with `->`.
   */
  readonly transaction?: number;
  /** The server's final reply text for C="..." (delivery_confirmation selector). */
  readonly confirmation?: string;
  readonly tls?: TlsFacts;
  /** CHUNKING was used (`K` on the => line). */
  readonly chunking?: boolean;
  /** PIPE_CONNECT was used (`L` on the => line). */
  readonly pipeConnect?: boolean;
  /** Authenticator name and id used by the client (`A=name:id`). */
  readonly auth?: string;
  /** DSN extra information (experimental): the server greeting and EHLO response of the host. */
  readonly remoteGreeting?: string;
  readonly heloResponse?: string;
  /** Local deliveries: for appendfile quota warnings and such, extra log line text. */
  readonly note?: string;
  /**
   * The transport that really delivered when it is not the one called: appendfile's file_format
   * hands a mailbox over to another transport, and exim4 then logs `T=<that one>`.
   */
  readonly transport?: string;
  /** Output of a pipe command to quote in the bounce (return_output / return_fail_output). */
  readonly output?: string;
  /** The message should be frozen (pipe freeze_exec_fail / freeze_signal). */
  readonly freeze?: boolean;
}

/**
 * The message as transports see it. Headers are the spool's (deleted ones flagged `*`), which
 * writeMessage (src/transports/write-message.ts) turns into the delivered text with the
 * transport's and the addresses' header changes applied.
 */
export interface MessageForTransport {
  readonly spool: SpoolMessage;
  readonly id: string;
  /** The body as stored (LF line ends), without the -D file's first line. */
  readBody(): Promise<Buffer>;
}

/** Services and state for one transport run. */
export interface TransportContext {
  readonly config: LoadedConfig;
  readonly message: MessageForTransport;
  /** Expansion context for an address (message + address + transport variables: $host, $host_address, $original_domain...). */
  expandFor(addr: AddressItem, extra?: ReadonlyMap<string, string>): ExpandContext;
  readonly dns: { readonly resolver: DnsResolver; readonly hosts: HostFinder };
  readonly log: Logger;
  readonly hints: HintsDb;
  /** Whether a host may be tried now (retry rules and hints); remote transports ask for each host. */
  hostUsable(host: HostItem, port: number): Promise<boolean>;
  /** Event actions (event_action): returns the expansion result; non-empty refuses some events. */
  raiseEvent?(name: string, data: string, addr?: AddressItem): Promise<string>;
  /** Seconds since the epoch (tests may fake it). */
  now(): number;
  /**
   * Submits a new message (autoreply replies, appendfile quota warnings): `text` is the header
   * section and body (LF line ends); the caller adds Received, Message-Id and Date as a local
   * submission does. Bcc recipients are in `recipients` only, never in `text`.
   */
  submitMessage?(sender: string, recipients: readonly string[], text: string): Promise<void>;
}

/** Result of a transport run: one entry per address of the batch, plus retry updates. */
export interface TransportRun {
  readonly results: ReadonlyMap<AddressItem, DeliveryResult>;
  /** Host retry items (T:host:ip:port) learnt during the run; applied by the delivery process. */
  readonly retries: readonly RetryItem[];
  /**
   * Main-log lines about hosts the run produced, in order (Exim's smtp transport writes them
   * itself: `H=name [ip] Connection refused`, `H=name [ip]: SMTP error from ...`); the delivery
   * process writes them (with the message id) before the address lines. (Added for smtp.)
   */
  readonly hostLog?: readonly string[];
}

export interface TransportDriver {
  /** local: one process per address batch, runs with the address's uid/gid; remote: host lists. */
  readonly kind: 'local' | 'remote';
  /** batch_max of a local transport (default 1): how many addresses one run may take. */
  readonly batchMax?: number;
  /**
   * `keepOpen` (remote transports): leave the connection open for the next run to the same
   * host (the daemon's deliveries and queue runs reuse it); local transports ignore it.
   */
  deliver(addresses: readonly AddressItem[], ctx: TransportContext, opts?: { readonly keepOpen?: boolean }): Promise<TransportRun>;
  /** Close cached connections (end of a queue run). */
  close?(): Promise<void>;
}

export interface TransportDriverDef {
  /** The `driver =` name (appendfile, autoreply, lmtp, pipe, queuefile, smtp). */
  readonly name: string;
  readonly kind: 'local' | 'remote';
  /** Check private options at configuration time (ConfigError with Exim's text) and build the driver. */
  create(options: DriverOptions, instance: DriverInstance): TransportDriver;
}

export class TransportError extends MailwrightError {}
