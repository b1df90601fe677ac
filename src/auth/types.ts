/**
 * Contract of the authenticators (spec chapter "SMTP authentication" and the driver chapters).
 * Socket-independent: the SMTP server parses the AUTH command, sends `334 <challenge>` lines and
 * feeds the client's lines back; the authenticator runs the exchange (base64, `*` cancel, NUL
 * splitting, expansions) and ends with an outcome that carries Exim's reply and log details.
 */
import type { ExpandContext } from '../expand/types.js';
import type { DriverInstance } from '../config/types.js';

/** Exim's authenticator results (OK, FAIL, DEFER, CANCELLED, BAD64, UNEXPECTED). */
export type AuthResultKind = 'ok' | 'fail' | 'defer' | 'cancelled' | 'bad64' | 'unexpected';

export interface AuthOutcome {
  readonly result: AuthResultKind;
  /** The complete SMTP reply line, e.g. `235 Authentication succeeded`. */
  readonly reply: string;
  /**
   * Expanded server_set_id: on success the value for $authenticated_id; on fail/defer what Exim
   * shows in its log line as `(set_id=...)`. Undefined when unset, forced to fail, or not reached.
   */
  readonly setId?: string;
  /** Text Exim appends to the log line after `: ` (expansion error, or a condition's odd result). */
  readonly logDetail?: string;
  /** Whether Exim writes "<name> authenticator failed for ..." for this outcome. */
  readonly logged: boolean;
}

/** A step of the exchange: send `334 <challenge>` (base64, may be empty) or finish. */
export type AuthStep = { readonly challenge: string } | { readonly done: AuthOutcome };

/** One AUTH exchange on the server side. */
export interface ServerExchange {
  /** Begin; `initialResponse` is the text after the mechanism on the AUTH line (`=` means empty). */
  start(initialResponse?: string): Promise<AuthStep>;
  /** The client's line answering the last challenge (base64, or `*` to cancel). */
  continue(response: string): Promise<AuthStep>;
}

/** Per-process values the drivers need besides expansion. */
export interface AuthServices {
  /** $primary_hostname (CRAM-MD5 challenge). */
  readonly primaryHostname: string;
  /** Process id for the CRAM-MD5 challenge (Exim uses its own pid). */
  readonly pid?: number;
  /** Clock in seconds (tests inject one). */
  readonly now?: () => number;
}

export interface Authenticator {
  /** Instance name (as in $sender_host_authenticated). */
  readonly name: string;
  readonly driver: string;
  /** Mechanism name, upper case: public_name or the instance name. */
  readonly publicName: string;
  /** Configured as a server (advertised if server_advertise_condition allows). */
  readonly isServer: boolean;
  readonly isClient: boolean;
  /** False for drivers Mailwright does not implement yet. */
  readonly supported: boolean;
  readonly instance: DriverInstance;
  /** server_advertise_condition: advertise this mechanism to this client? */
  advertise(ctx: ExpandContext): Promise<boolean>;
  /** Start a server exchange; expansions see `ctx` plus $auth1..3 and $1..$n of this exchange. */
  serverExchange(ctx: ExpandContext): ServerExchange;
}

export interface AuthDriverDef {
  readonly name: string;
  create(instance: DriverInstance, services: AuthServices): Authenticator;
}
