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
}

export interface SpoolHeader {
  /** Exim's one-character flag: ' ' ordinary, '*' deleted, 'R' Received, 'T' To, 'C' Cc, 'F' From, 'I' Message-ID, 'P' Return-Path? (see spec), 'S' Sender, 'B' Bcc, 'Y' Reply-To. */
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
  /** Dash options of the -H file (`-received_protocol esmtp`, `-host_address 1.2.3.4.5678`, `-aclm_x 3` ...), by name without the dash. */
  readonly options: ReadonlyMap<string, string | true>;
  /** ACL variables acl_c... and acl_m... to store (`-aclc`/`-aclm` lines with taint markers). */
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
}
