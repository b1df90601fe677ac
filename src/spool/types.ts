/**
 * Contract of Exim's spool (spec chapter "Format of spool files"): `input/<id>-H` (envelope and
 * headers) and `input/<id>-D` (body), `msglog/<id>`, with split_spool_directory. A message is
 * acknowledged with 250 only after `commit()` resolved: both files and the directory entries are
 * durable (fsync, group-committed across concurrent messages).
 */
import type { TStr } from '../expand/types.js';

export interface SpoolRecipient {
  readonly address: string;
  /** DSN: NOTIFY flags, ORCPT. */
  readonly dsnNotify?: readonly ('SUCCESS' | 'FAILURE' | 'DELAY' | 'NEVER')[];
  readonly dsnOrcpt?: string;
  /** Already delivered (the non-recipients tree of -H). */
  readonly delivered?: boolean;
  readonly errorsTo?: string;
  /**
   * Raw DSN flag bits as stored in -H (NEVER 2, SUCCESS 4, FAILURE 8, DELAY 16); when given it
   * wins over dsnNotify. Exim stores ORCPT only when some flag, errors_to or a parent is present.
   */
  readonly dsnFlags?: number;
  /** Index of the "one time" parent in the recipients list (-1 or absent: none). */
  readonly parent?: number;
}

/** A node of the non-recipients tree (addresses not to deliver to), as stored in -H. */
export interface SpoolTreeNode {
  readonly address: string;
  readonly left?: SpoolTreeNode;
  readonly right?: SpoolTreeNode;
}

export interface SpoolHeader {
  /** Exim's one-character flag: ' ' ordinary, '*' deleted or replaced, 'P' Received ("postmark"), 'T' To, 'C' Cc, 'F' From, 'I' Message-ID, 'S' Sender, 'B' Bcc, 'R' Reply-To. */
  readonly type: string;
  /** Full header text including name, folding and the final newline. */
  readonly text: string;
}

export interface SpoolMessage {
  /** Exim message id: 23-character form (4.97+) for new messages; the 16-character form is read too. */
  readonly id: string;
  /** Envelope sender ('' for bounces). */
  readonly sender: string;
  readonly recipients: readonly SpoolRecipient[];
  readonly headers: readonly SpoolHeader[];
  /** Owner of the message (login, uid, gid) as in the -H file's second line. */
  readonly owner: { readonly login: string; readonly uid: number; readonly gid: number };
  /** Time received (seconds and microseconds) and the count of delivery attempts (warning count). */
  readonly received: { readonly seconds: number; readonly micros: number };
  readonly warningCount: number;
  /**
   * Dash options of the -H file by name without the dash (`received_protocol` -> `esmtp`,
   * `host_address` -> `[192.0.2.1]:1234` (4.96 writes brackets and a colon), `deliver_firsttime`
   * -> true). ACL variables are not here (see aclVars). The writer puts them in Exim's order
   * whatever the map order; it fills in `received_time_usec` from `received.micros` and
   * `frozen` (with the reception time) from `frozen` when the map lacks them.
   */
  readonly options: ReadonlyMap<string, string | true>;
  /**
   * Options whose value is tainted (written with a second dash, `--helo_name x`). When absent
   * the writer taints what exim4 -bd taints on a TCP reception: helo_name, host_name,
   * tls_peercert, tls_peerdn, tls_sni, and auth_id/auth_sender unless the message is `local`.
   * Values that came from the command line (-oMa, -oMi, -oMs, -oMr, -oMaa, -oMai, -oMas with
   * -bs/-bh) are tainted too: pass the full set in that case.
   */
  readonly taintedOptions?: ReadonlySet<string>;
  /**
   * The non-recipients tree as stored. When absent, the writer builds it (Exim's balanced
   * insertion) from the recipients flagged `delivered`, in list order. The reader sets it and
   * flags the recipients found in it as delivered.
   */
  readonly nonRecipients?: SpoolTreeNode;
  /** ACL variables by full name (`acl_c1`, `acl_m_foo`), stored as `-aclc`/`-aclm` lines in name order, tainted ones with a second dash. */
  readonly aclVars: ReadonlyMap<string, TStr>;
  /** Body size in bytes (the -D file holds "<id>-D\n" then the body). */
  readonly bodySize: number;
  readonly frozen?: boolean;
}

/** Body data being received: written incrementally while DATA/BDAT arrives. */
export interface SpoolBodyWriter {
  write(chunk: Buffer): Promise<void>;
  readonly size: number;
}

export interface PendingSpoolMessage {
  readonly id: string;
  readonly body: SpoolBodyWriter;
  /** Write the -H file and make both files durable; resolves when the message is safely on disk. */
  commit(message: Omit<SpoolMessage, 'id' | 'bodySize'>): Promise<SpoolMessage>;
  /** Remove the partial files (message rejected or connection lost before 250). */
  abandon(): Promise<void>;
}

export interface Spool {
  readonly directory: string;
  /** Start a new message: allocates its id and opens the -D file. */
  begin(): Promise<PendingSpoolMessage>;
  read(id: string): Promise<SpoolMessage>;
  /** Stream of the body (without the "<id>-D" first line). */
  readBody(id: string): Promise<Buffer>;
  list(): Promise<string[]>;
  remove(id: string): Promise<void>;
  /** Appends to msglog/<id> (created on first use; nothing when message_logs is false). */
  appendMessageLog?(id: string, text: string | Buffer): Promise<void>;
  /** Locks a message for delivery; rejects (SpoolError code LOCKED) when another process holds it. */
  lock?(id: string): Promise<{ readonly id: string; release(): Promise<void> }>;
  /** Removes crash leftovers (partial -D, temporary -H) of processes that are gone; returns their ids. */
  tidy?(): Promise<string[]>;
}
