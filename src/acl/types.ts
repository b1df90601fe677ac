/**
 * Contract of the ACL engine (spec chapters "Access control lists" and following). An ACL is run
 * for a hook (`where`) against an explicit context: the expansion context (which holds the
 * session/message variables and $acl_c... and $acl_m...), the mutable per-message controls, and
 * services. Conditions and modifiers are small registered modules (src/acl/conditions/).
 */
import type { ExpandContext, TStr } from '../expand/types.js';
import type { Logger } from '../log/types.js';
import type { AclItem } from '../config/types.js';

export type AclWhere =
  | 'connect' | 'helo' | 'mail' | 'rcpt' | 'predata' | 'data' | 'mime' | 'dkim' | 'prdr'
  | 'quit' | 'notquit' | 'starttls' | 'auth' | 'mailauth' | 'vrfy' | 'expn' | 'etrn' | 'wellknown'
  | 'not_smtp' | 'not_smtp_start' | 'not_smtp_mime'
  /** Run from ${acl{}} or the acl condition: inherits the caller's where for checks. */
  | 'expansion';

/** Exim's ACL results: OK (accept), FAIL (deny), DEFER, DISCARD, FAIL_DROP (drop), ERROR. */
export type AclResult = 'ok' | 'fail' | 'defer' | 'discard' | 'fail_drop' | 'error';

export interface AclOutcome {
  readonly result: AclResult;
  /** `message =` text for the SMTP reply (expanded). */
  readonly userMessage?: string;
  /** `log_message =` text (expanded); defaults to the user message, as Exim logs it. */
  readonly logMessage?: string;
  /** `log_reject_target =` in effect when the ACL ended (undefined: Exim's default main:reject). */
  readonly logRejectTarget?: readonly ('main' | 'reject' | 'panic')[];
}

/** State set by `control =` and other modifiers; lives for the message or the connection. */
export interface AclControls {
  /** e.g. no_multiline_responses, allow_auth_unadvertised, caseful_local_part, enforce_sync, no_enforce_sync, freeze, queue, submission (with options), suppress_local_fixups, dkim_disable_verify, dkim_verify (legacy), dk_verify (legacy), no_mbox_unspool, fakedefer, fakereject, debug, cutthrough_delivery, utf8_downconvert, no_pipelining, wellknown... Value: true or the option text after `/`. */
  readonly set: Map<string, string | true>;
  /** Lines queued by add_header / warn message, without trailing newline. at_start_rfc: before the first header that is not Received:/Resent-*. */
  readonly headersToAdd: Array<{ text: string; position: 'append' | 'prepend' | 'after_received' | 'at_start' | 'at_start_rfc' }>;
  readonly headersToRemove: string[];
  /** `delay =` total already applied (for logging). */
  delayed: number;
  /** `warn` log lines already written for this message (Exim logs each text once per message). Created by the engine. */
  warnLogged?: Set<string>;
  /** `queue =` name for the message (empty = default queue). */
  queueName?: string;
  /** Ratelimit results already computed in this scope, by key (the engine clears it per top-level run). */
  ratelimitCache?: Map<string, number>;
  /** `log_reject_target =` for the rest of the current ACL (engine-managed; undefined = main:reject). */
  logRejectTarget?: readonly ('main' | 'reject' | 'panic')[];
}

/** Address-verification hook (routers come with the delivery issue); absent → verify defers with a log line. */
export type VerifyHook = (kind: 'sender' | 'recipient', address: string, options: string, ctx: AclRunContext) => Promise<{ result: 'ok' | 'fail' | 'defer'; message?: string }>;

export interface AclRunContext {
  readonly where: AclWhere;
  readonly expand: ExpandContext;
  readonly controls: AclControls;
  readonly log: Logger;
  /** The recipient being checked (rcpt); also in expand.vars as local_part/domain. */
  readonly recipient?: string;
  readonly verify?: VerifyHook;
  /** Message id for log lines, once allocated. */
  readonly messageId?: string;
  /**
   * Exim's host_and_ident text for log lines (`H=(helo) [ip] U=ident`); default: built from the
   * expansion variables (sender_fullhost / sender_host_address / sender_helo_name / sender_ident).
   */
  readonly hostAndIdent?: string;
  /** Services the conditions need (DNS, hints database, UDP, clock, delay); see AclServices. */
  readonly services?: AclServices;
  /** `-bh` fake session: delays are reported, not imposed; udpsend and hints updates still happen as Exim. */
  readonly hostChecking?: boolean;
  /** Message content for regex / mime_regex / decode (DATA, MIME and non-SMTP ACLs). */
  readonly content?: AclContent;
  /** Engine-internal: the statement being evaluated (conditions set underlying messages here). */
  readonly statement?: AclStatementState;
}

/** Access to the message being received, for the content conditions. */
export interface AclContent {
  /** The message as stored (header lines then body), for `regex =`. */
  messageText?(): Promise<string>;
  /** The current MIME part (MIME ACL): its decoded content, for `mime_regex =`. */
  mimeDecoded?(): Promise<Buffer>;
  /**
   * `decode = location`: write the decoded part (location '' or `default` = the spool's
   * scan directory, or a directory / file name) and return the file name ($mime_decoded_filename).
   */
  mimeDecodeTo?(location: string): Promise<string>;
}

/** Per-statement state visible to conditions (verify and nested acl set the underlying messages). */
export interface AclStatementState {
  readonly verb: import('../config/types.js').AclVerb;
  /** Nesting level (0 = top-level ACL). */
  readonly level: number;
  /** Underlying user message (e.g. from verification or a nested ACL). */
  userMessage?: string;
  /** Underlying log message. */
  logMessage?: string;
  /** Run a nested ACL one level down (the acl condition). */
  readonly runNested?: (nameOrText: string, args: readonly TStr[]) => Promise<AclOutcome>;
}

/** DNS answers the dnslists / verify=csa / reverse_host_lookup conditions need (src/dns implements it). */
export interface AclDnsResolver {
  /** A records (IPv4 text) of a name; [] for NXDOMAIN/no data; throws AclDnsDefer on a temporary failure. */
  lookupA(name: string): Promise<string[]>;
  /** TXT records (each record's strings joined); [] when none. */
  lookupTxt(name: string): Promise<string[]>;
  /** AAAA records. */
  lookupAaaa?(name: string): Promise<string[]>;
  /** PTR names for an address. */
  lookupPtr?(address: string): Promise<string[]>;
  /** SRV records (CSA). */
  lookupSrv?(name: string): Promise<Array<{ priority: number; weight: number; port: number; target: string }>>;
}

export interface AclServices {
  readonly dns?: AclDnsResolver;
  /** Spool directory (ratelimit hints live in <spool>/db/ratelimit.json). */
  readonly spoolDirectory?: string;
  /** Current time in seconds (tests); default Date.now()/1000. */
  now?(): number;
  /** Impose a delay (default: setTimeout); `-bh` never calls it. */
  sleep?(seconds: number): Promise<void>;
  /** Send one UDP datagram (default: node:dgram). */
  udpSend?(host: string, port: number, payload: Buffer): Promise<void>;
  /** Ratelimit hints store (default: a JSON file under spoolDirectory/db). */
  readonly ratelimitStore?: import('./ratelimit-store.js').RatelimitStore;
  /** Stdout-like writer for -bh diagnostics (e.g. delay notices); default none. */
  hostCheckOutput?(line: string): void;
}

/** What a condition yields: truth, or a nested ACL's discard / drop passed upward. */
export type AclConditionValue = boolean | 'discard' | 'fail_drop';

export interface AclConditionDef {
  readonly name: string;
  /** Modifiers never fail (message, log_message, set, control, add_header, delay, logwrite...). */
  readonly kind: 'condition' | 'modifier';
  /** Hooks where it is allowed; undefined = everywhere. Exim's error text when used elsewhere. */
  readonly allowedIn?: readonly AclWhere[];
  /**
   * Evaluate with the item's value (already expanded unless `expandsItself`).
   * Conditions return true/false (or a nested ACL's discard/drop) or throw AclDefer/AclError
   * (src/acl/errors.ts); modifiers return true.
   */
  evaluate(value: TStr, item: AclItem, ctx: AclRunContext): Promise<AclConditionValue> | AclConditionValue;
  /** Whether the engine must NOT expand the value first (e.g. `set` with `,t`, `acl =`). */
  readonly expandsItself?: boolean;
}

export interface AclEngine {
  /**
   * Run the ACL named, given inline (text containing spaces/newlines), or in a file (`/path`),
   * as Exim resolves the acl_smtp_* option value. `args` become $acl_arg1..9.
   */
  run(nameOrText: string, ctx: AclRunContext, args?: readonly TStr[]): Promise<AclOutcome>;
}
