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
  | 'quit' | 'notquit' | 'starttls' | 'auth' | 'vrfy' | 'expn' | 'etrn' | 'wellknown'
  | 'not_smtp' | 'not_smtp_start' | 'not_smtp_mime'
  /** Run from ${acl{}} or the acl condition: inherits the caller's where for checks. */
  | 'expansion';

/** Exim's ACL results: OK (accept), FAIL (deny), DEFER, DISCARD, FAIL_DROP (drop), ERROR. */
export type AclResult = 'ok' | 'fail' | 'defer' | 'discard' | 'fail_drop' | 'error';

export interface AclOutcome {
  readonly result: AclResult;
  /** `message =` text for the SMTP reply (expanded). */
  readonly userMessage?: string;
  /** `log_message =` text (expanded). */
  readonly logMessage?: string;
}

/** State set by `control =` and other modifiers; lives for the message or the connection. */
export interface AclControls {
  /** e.g. no_multiline_responses, allow_auth_unadvertised, caseful_local_part, enforce_sync, no_enforce_sync, freeze, queue, submission (with options), suppress_local_fixups, dkim_disable_verify, dkim_verify (legacy), dk_verify (legacy), no_mbox_unspool, fakedefer, fakereject, debug, cutthrough_delivery, utf8_downconvert, no_pipelining, wellknown... Value: true or the option text after `/`. */
  readonly set: Map<string, string | true>;
  readonly headersToAdd: Array<{ text: string; position: 'append' | 'prepend' | 'after_received' | 'at_start' }>;
  readonly headersToRemove: string[];
  /** `delay =` total already applied (for logging). */
  delayed: number;
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
}

export interface AclConditionDef {
  readonly name: string;
  /** Modifiers never fail (message, log_message, set, control, add_header, delay, logwrite...). */
  readonly kind: 'condition' | 'modifier';
  /** Hooks where it is allowed; undefined = everywhere. Exim's error text when used elsewhere. */
  readonly allowedIn?: readonly AclWhere[];
  /**
   * Evaluate with the item's value (already expanded unless `expandsItself`).
   * Conditions return true/false or throw AclDefer/AclError; modifiers return true.
   */
  evaluate(value: TStr, item: AclItem, ctx: AclRunContext): Promise<boolean> | boolean;
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
